import { retentionEngine } from '../../src/modules/retention/retention-engine';
import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { cityCustomer } from '../opportunities/builders';
import { riskOf } from './builders';

/*
 * docs/api.md: Retention — freshness. The refresh job recomputes every
 * customer once across all instances (an advisory lock), skips a run when
 * the stored state is fresh, and admins can run it on demand.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const REFRESH = `mutation($input: RefreshRetentionInput!) { refreshRetention(input: $input) { refresh { customers } userErrors { code message } } }`;

describe('the refresh job', () => {
  it('recomputes what time and edits elsewhere changed: a status set by hand shows after the refresh', async () => {
    const c = await cityCustomer(t, { name: '刷新测试' });
    expect(dataOf(await t.gql('admin', REFRESH, { input: {} })).refreshRetention.userErrors).toEqual([]);
    expect((await riskOf(t, c.id)).level).toBe('LOW');
    await t.db.query(`UPDATE group_customer SET status = 'DORMANT' WHERE code = $1`, [c.code]);
    expect((await riskOf(t, c.id)).level).toBe('LOW');
    const done = dataOf(await t.gql('admin', REFRESH, { input: {} })).refreshRetention;
    expect(done.refresh.customers).toBeGreaterThan(0);
    expect((await riskOf(t, c.id)).level).toBe('MEDIUM');
  });

  it('runs once across instances: while another holds the lock, a run does nothing and says so', async () => {
    const runner = t.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('group-crm:retention-refresh'))`);
      expect(await retentionEngine.refreshAll(t.db)).toBeNull();
      expect(dataOf(await t.gql('admin', REFRESH, { input: {} })).refreshRetention.userErrors).toMatchObject([{ code: 'INVALID_TRANSITION' }]);
      await runner.query(`SELECT pg_advisory_unlock(hashtext('group-crm:retention-refresh'))`);
      expect(await retentionEngine.refreshAll(t.db)).toMatchObject({ customers: expect.any(Number) });
    } finally {
      await runner.release();
    }
  });

  it('the timer skips a run while every customer was computed lately', async () => {
    await retentionEngine.refreshAll(t.db);
    expect(await retentionEngine.refreshAll(t.db, { staleAfterMs: 60 * 60_000 })).toMatchObject({ customers: 0 });
    await t.db.query(`UPDATE retention_state SET computed_at = now() - interval '2 hours' WHERE id = (SELECT id FROM retention_state LIMIT 1)`);
    expect((await retentionEngine.refreshAll(t.db, { staleAfterMs: 60 * 60_000 }))!.customers).toBeGreaterThan(0);
  });

  it('only admins refresh', async () => {
    for (const user of ['xa-leader', 'sx-leader', 'xa-am1', 'p-huaxin']) expect(errorCodes(await t.gql(user, REFRESH, { input: {} }))).toEqual(['FORBIDDEN']);
  });
});
