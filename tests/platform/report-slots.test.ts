import { Client } from 'pg';
import { startTestApp, TestApp } from '../support/harness';

/**
 * Reports take turns (src/platform/report-slots.ts): with one report slot
 * and three pooled connections, three reports stuck behind a table lock hold
 * one connection between them, and the pages everybody else reads still get
 * theirs.
 */
describe('report slots', () => {
  let t: TestApp;
  let locker: Client;
  let observer: Client; // outside the locker's transaction, whose view of pg_stat_activity stays as it was at its start
  beforeAll(async () => {
    t = await startTestApp({ DB_POOL_SIZE: '3', DB_REPORT_CONNECTIONS: '1', DB_CONNECT_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '20000' });
    locker = new Client({ connectionString: t.url, application_name: 'test-locker' });
    await locker.connect();
    observer = new Client({ connectionString: t.url, application_name: 'test-observer' });
    await observer.connect();
  });
  afterAll(async () => {
    await locker.end();
    await observer.end();
    await t.close();
  });

  const appStatementsWaitingOnLocks = async () =>
    Number((await observer.query(`SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'group-crm' AND datname = current_database()`)).rows[0].count);

  it('lets one report at a time take a connection while the rest wait their turn', async () => {
    await t.gql('admin', '{ regions { code } }'); // signs in and warms the pool first
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE opportunity IN ACCESS EXCLUSIVE MODE');
    const reports = [1, 2, 3].map(() => t.gql<{ pipeline: { totalCount: number } }>('admin', '{ pipeline { totalCount } }'));
    try {
      const until = Date.now() + 10_000;
      while ((await appStatementsWaitingOnLocks()) === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await appStatementsWaitingOnLocks()).toBe(1);
      const page = await t.gql('admin', '{ regions { code } }');
      expect(page.status).toBe(200);
      expect(page.body.errors).toBeUndefined();
    } finally {
      await locker.query('COMMIT');
    }
    const answers = await Promise.all(reports);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.errors)).toEqual([undefined, undefined, undefined]);
    expect(new Set(answers.map((a) => a.body.data!.pipeline.totalCount)).size).toBe(1);
  });
});
