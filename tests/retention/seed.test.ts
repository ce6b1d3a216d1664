import { createLogger } from '../../src/platform/logger';
import { demoSeedSteps } from '../../src/seed';
import { runSeedSteps } from '../../src/seed/runner';
import { dataOf, startTestApp, TestApp } from '../support/harness';

/*
 * Issue 12, demo data: a province where about one customer in twenty shows
 * each signal, open cases at every stage, and a month of lost and retained
 * outcomes.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await runSeedSteps(t.db, demoSeedSteps, createLogger('silent'));
});
afterAll(() => t.close());

describe('retention demo data', () => {
  it('about 5% of the customers in service show each signal', async () => {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM group_customer WHERE status IN ('ACTIVE', 'DORMANT')`);
    const shares: { kind: string; share: number }[] = await t.db.query(
      `SELECT k.kind, (SELECT count(*) FROM retention_state WHERE k.kind = ANY(signals))::float / $1 AS share
       FROM unnest(ARRAY['REVENUE_DROP', 'CONTRACT_EXPIRING', 'RIVAL_ACTIVE', 'KEY_CARE_OVERDUE', 'DORMANT']) AS k(kind)`,
      [n],
    );
    for (const { kind, share } of shares) {
      expect([kind, share > 0.02 && share < 0.12]).toEqual([kind, true]);
    }
  });

  it('every customer has its computed state, and the lists show it', async () => {
    const [{ missing }] = await t.db.query(`SELECT count(*)::int AS missing FROM group_customer c LEFT JOIN retention_state s ON s.id = c.id WHERE s.id IS NULL`);
    expect(missing).toBe(0);
    const list = dataOf(await t.gql('xa-leader', `{ atRiskCustomers(first: 5) { totalCount nodes { level signals { kind evidence } customer { name grade } } } }`)).atRiskCustomers;
    expect(list.totalCount).toBeGreaterThan(5);
    expect(list.nodes[0].level).toBe('HIGH');
  });

  it('answers the README’s question as xa-am1: which of my customers am I about to lose, and why', async () => {
    const readme = dataOf(
      await t.gql(
        'xa-am1',
        `{ atRiskCustomers(first: 10) { totalCount nodes { level signals { kind since evidence } customer { id name grade monthlyRevenue segment { name rule } revenueHistory(months: 6) { month revenue } } openCase { stage lead { name } } } } }`,
      ),
    ).atRiskCustomers;
    expect(readme.totalCount).toBeGreaterThan(0);
    expect(readme.nodes[0].signals[0].evidence).toEqual(expect.any(String));
    expect(readme.nodes[0].customer.revenueHistory).toHaveLength(6);
  });

  it('open cases at every stage, and last month’s outcomes', async () => {
    const rows: { stage: string; outcome: string | null; n: number }[] = await t.db.query(`SELECT stage::text, outcome::text, count(*)::int AS n FROM retention_case GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(rows.map((r) => `${r.stage}/${r.outcome ?? '-'}`)).toEqual(['CLOSED/ABANDONED', 'CLOSED/LOST', 'CLOSED/RETAINED', 'IN_PROGRESS/-', 'OPEN/-']);
    const [{ churned }] = await t.db.query(`SELECT count(*)::int AS churned FROM retention_case rc JOIN group_customer c ON c.id = rc.customer_id WHERE rc.outcome = 'LOST' AND c.status = 'CHURNED'`);
    expect(churned).toBe(2);
    const lastMonth = new Date(Date.now() + 8 * 3_600_000);
    lastMonth.setUTCDate(1);
    lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
    const to = new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    const report = dataOf(
      await t.gql('sx-leader', `query($p: PeriodInput!) { retentionReport(period: $p, by: MONTH) { total { retained lost abandoned retentionRate } } }`, {
        p: { from: lastMonth.toISOString().slice(0, 10), to },
      }),
    ).retentionReport.total;
    expect(report).toEqual({ retained: 3, lost: 2, abandoned: 1, retentionRate: 0.6 });
  });
});
