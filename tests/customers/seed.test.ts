import { createLogger } from '../../src/platform/logger';
import { customersSeed } from '../../src/seed/customers.seed';
import { runSeedSteps } from '../../src/seed/runner';
import { dataOf, startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await runSeedSteps(t.db, [customersSeed], createLogger('silent'));
});
afterAll(() => t.close());

describe('demo customers', () => {
  it('spread a few hundred customers over every city, grade, status and management level', async () => {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM group_customer`);
    expect(n).toBeGreaterThanOrEqual(250);
    const cities = await t.db.query(
      `SELECT count(DISTINCT city.id)::int AS n FROM group_customer c JOIN region r ON r.id = c.region_id JOIN region city ON r.path LIKE city.path || '%' WHERE city.level = 'CITY'`,
    );
    expect(cities[0].n).toBe(10);
    for (const column of ['grade', 'status', 'management_level', 'industry']) {
      const values = await t.db.query(`SELECT DISTINCT ${column}::text AS v FROM group_customer`);
      expect(values.length).toBeGreaterThanOrEqual(3);
    }
    const churned = await t.db.query(`SELECT count(*)::int AS n FROM group_customer WHERE status = 'CHURNED' AND churn_reason IS NULL`);
    expect(churned[0].n).toBe(0);
  });

  it('include group hierarchies three levels deep and relations', async () => {
    const hq = dataOf(await t.gql('admin', `{ groupCustomers(filter: { text: "交通建设集团有限公司" }) { nodes { name managementLevel subtree(maxDepth: 3) { totalCount nodes { depth } } } } }`))
      .groupCustomers.nodes[0];
    expect(hq.managementLevel).toBe('PROVINCE');
    expect(hq.subtree.totalCount).toBeGreaterThanOrEqual(6);
    expect(Math.max(...hq.subtree.nodes.map((e: { depth: number }) => e.depth))).toBe(2);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM customer_relation`);
    expect(n).toBeGreaterThanOrEqual(20);
  });

  it('give the demo account managers customers of their own', async () => {
    const mine = dataOf(await t.gql('xa-am1', `{ groupCustomers { totalCount } }`)).groupCustomers.totalCount;
    expect(mine).toBeGreaterThan(5);
    const industry = dataOf(await t.gql('im-fin', `{ groupCustomers(first: 100) { nodes { industry managementLevel } } }`)).groupCustomers.nodes;
    expect(industry.length).toBeGreaterThan(3);
    expect(industry.every((c: { industry: string; managementLevel: string }) => c.industry === 'FINANCE' && c.managementLevel === 'PROVINCE')).toBe(true);
  });
});
