import { Client } from 'pg';
import { mustCreateCustomer } from '../customers/builders';
import { errorCodes, startTestApp, TestApp } from '../support/harness';
import { fromGlobalId } from '../../src/platform/graphql/node-id';

/**
 * A whole-request deadline (src/platform/request-deadline.ts): when it passes,
 * or the client goes away, the request's running SQL is cancelled and its
 * transaction rolls back. A row lock held from outside keeps a mutation
 * waiting as long as the test wants.
 */
const RENAME = `mutation($input: UpdateGroupCustomerInput!) { updateGroupCustomer(input: $input) { groupCustomer { name version } userErrors { code } } }`;

describe('request deadline', () => {
  let t: TestApp;
  let locker: Client;
  beforeAll(async () => {
    // Long enough for any plain request on a busy machine; the lock below holds the one under test for ever.
    t = await startTestApp({ REQUEST_TIMEOUT_MS: '3000' });
    locker = new Client({ connectionString: t.url });
    await locker.connect();
  });
  afterAll(async () => {
    await locker.end();
    await t.close();
  });

  /** Holds the customer's row lock until the returned release is called. */
  async function lockCustomer(globalId: string) {
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM group_customer WHERE id = $1 FOR UPDATE', [fromGlobalId(globalId)!.uuid]);
    return () => locker.query('ROLLBACK');
  }

  const waitingOnLocks = async () => Number((await locker.query(`SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows[0].count);

  it('stops a request that passes its deadline, cancels its SQL and writes nothing', async () => {
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '等待客户' });
    const release = await lockCustomer(customer.id);
    try {
      const started = Date.now();
      const res = await t.gql('xa-am1', RENAME, { input: { id: customer.id, name: '改名', expectedVersion: customer.version } });
      expect(Date.now() - started).toBeLessThan(8000);
      expect(errorCodes(res)).toEqual(['REQUEST_TIMEOUT']);
      expect(res.body.errors[0].extensions.requestId).toEqual(expect.any(String));
      expect(await waitingOnLocks()).toBe(0);
    } finally {
      await release();
    }
    const [row] = await t.db.query('SELECT name, version FROM group_customer WHERE id = $1', [fromGlobalId(customer.id)!.uuid]);
    expect(row).toEqual({ name: '等待客户', version: customer.version });
    // Every pooled connection is still usable: no one went back inside a failed transaction.
    const after = await Promise.all(Array.from({ length: 25 }, () => t.gql('xa-am1', '{ viewer { name } }')));
    expect(after.every((r) => r.status === 200 && !r.body.errors)).toBe(true);
    const renamed = await t.gql('xa-am1', RENAME, { input: { id: customer.id, name: '改名', expectedVersion: customer.version } });
    expect(renamed.body.data.updateGroupCustomer.groupCustomer).toEqual({ name: '改名', version: customer.version + 1 });
  });

  it('cancels the SQL of a request whose client disconnects', async () => {
    const slow = await startTestApp({ REQUEST_TIMEOUT_MS: '60000', DATABASE_URL: t.url });
    await new Promise<void>((resolve) => slow.app.httpServer.listen(0, '127.0.0.1', resolve));
    const address = slow.app.httpServer.address() as { port: number };
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '断开客户' });
    const release = await lockCustomer(customer.id);
    try {
      const abort = new AbortController();
      const sent = fetch(`http://127.0.0.1:${address.port}/graphql`, {
        method: 'POST',
        signal: abort.signal,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await slow.token('xa-am1')}` },
        body: JSON.stringify({ query: RENAME, variables: { input: { id: customer.id, name: '改名', expectedVersion: customer.version } } }),
      }).catch(() => 'aborted');
      const deadline = Date.now() + 5000;
      while ((await waitingOnLocks()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await waitingOnLocks()).toBe(1);
      abort.abort();
      expect(await sent).toBe('aborted');
      while ((await waitingOnLocks()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await waitingOnLocks()).toBe(0);
    } finally {
      await release();
      await new Promise((resolve) => slow.app.httpServer.close(resolve));
      await slow.close();
    }
    const [row] = await t.db.query('SELECT name FROM group_customer WHERE id = $1', [fromGlobalId(customer.id)!.uuid]);
    expect(row.name).toBe('断开客户');
  });

  it('never cancels another request: clients that go away amid others that stay', async () => {
    const busy = await startTestApp({ REQUEST_TIMEOUT_MS: '60000', DATABASE_URL: t.url });
    await new Promise<void>((resolve) => busy.app.httpServer.listen(0, '127.0.0.1', resolve));
    const { port } = busy.app.httpServer.address() as { port: number };
    const token = await busy.token('admin');
    const query = '{ groupCustomers(first: 50, filter: { text: "公司" }) { totalCount nodes { id name contacts(first: 5) { nodes { name } } } } }';
    const send = async (abortAfterMs: number | null) => {
      const abort = new AbortController();
      if (abortAfterMs !== null) setTimeout(() => abort.abort(), abortAfterMs);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          signal: abort.signal,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query }),
        });
        return { status: res.status, body: (await res.json()) as { errors?: unknown[] } };
      } catch {
        return null; // aborted
      }
    };
    try {
      const kept: { status: number; body: { errors?: unknown[] } }[] = [];
      for (let round = 0; round < 10; round++) {
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => send(i % 2 ? null : i % 7)));
        results.forEach((r, i) => i % 2 && r && kept.push(r));
      }
      expect(kept).toHaveLength(100);
      expect(kept.filter((r) => r.status !== 200 || r.body.errors)).toEqual([]);
    } finally {
      await new Promise((resolve) => busy.app.httpServer.close(resolve));
      await busy.close();
    }
  }, 60000);
});
