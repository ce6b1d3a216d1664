import { dataOf, startTestApp, TestApp } from '../support/harness';
import { insertProvinceCustomers } from '../support/scale';
import { indexesUsed, nodeTypes, PlanNode, rowsRead, withStatements } from '../support/plans';

/**
 * The risk list's capped count at province shape: 20,000 customers over
 * every city, county and grid, each with a stored risk. For a leader the
 * count walks the region's prefix of ix_retention_state_risk_region up to
 * the cap; the planner would otherwise scan the table, which it prefers when
 * the path matches most rows (the province leader's).
 */
let t: TestApp;
const CUSTOMERS = 20_000;

beforeAll(async () => {
  t = await startTestApp();
  await insertProvinceCustomers(t.db, CUSTOMERS, `'风险规模' || g || '有限公司'`);
  // Every customer at risk, LOW or MEDIUM; the region path is the trigger's.
  await t.db.query(
    `INSERT INTO retention_state (id, level_rank, signals, evidence, revenue, priority, rule_version, computed_at, region_path)
     SELECT c.id, 1 + k % 2, ARRAY['REVENUE_DROP'], '[]', 1000 + k % 5000, (1 + k % 2) * 100000000000000::numeric + 1000 + k % 5000, 1, now(), ''
     FROM (SELECT id, row_number() OVER (ORDER BY code)::int AS k FROM group_customer) c
     ON CONFLICT (id) DO NOTHING`,
  );
  await t.db.query('ANALYZE retention_state');
  await t.db.query('ANALYZE group_customer');
}, 180000);
afterAll(() => t.close());

const LIST = `{ atRiskCustomers(first: 20) { totalCount nodes { level customer { code } } } }`;

/** Runs the list as `who` and explains its statement (the page, with its count). */
async function listAndExplain(who: string) {
  const { result: res, statements } = await withStatements(t.db, () => t.gql(who, LIST));
  const [page] = statements.filter(([sql]) => /FROM "retention_state"/.test(sql) && /__total/.test(sql));
  const [{ 'QUERY PLAN': plan }] = await t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${page[0]}`, page[1]);
  return { data: dataOf(res).atRiskCustomers, plan: plan[0].Plan as PlanNode };
}

describe('the risk list’s count at 20,000 stored risks', () => {
  it.each([
    ['sx-leader', '61'],
    ['xa-leader', '6101'],
  ])('for %s walks the region’s prefix of the partial index up to the cap, no table scan', async (who, regionCode) => {
    const { data, plan } = await listAndExplain(who);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM retention_state s JOIN group_customer c ON c.id = s.id JOIN region r ON r.id = c.region_id
       WHERE s.level_rank > 0 AND r.path LIKE (SELECT path FROM region WHERE code = $1) || '%'`,
      [regionCode],
    );
    expect(n).toBeGreaterThan(1001);
    expect(data.totalCount).toBe(1000); // TOTAL_COUNT_CAP: more than the cap reads as the cap
    expect(data.nodes).toHaveLength(20);
    expect(indexesUsed(plan)).toContain('ix_retention_state_risk_region');
    expect(nodeTypes(plan)).not.toContain('Seq Scan');
    // The page (20 and the one that says more follow) and the count up to its cap.
    expect(rowsRead(plan, 'retention_state')).toBeLessThanOrEqual(21 + 1001);
  });
});
