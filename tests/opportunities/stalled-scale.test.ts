import { followThroughRuleDefaults } from '../../src/modules/rules/sections/follow-through.rules';
import { dataOf, startTestApp, TestApp } from '../support/harness';
import { insertProvinceCustomers } from '../support/scale';
import { indexesUsed, PlanNode, withStatements } from '../support/plans';

/**
 * `opportunities(filter: { stalled: true })` at province shape: 200,000
 * opportunities, most closed or early, about a tenth in follow-up and a few
 * hundred of those stalled. The stall clock lives on the opportunity row,
 * so the list is a range read of ix_opportunity_stall_clock — it costs the
 * stalled ones, not the province, and no max() over follow-ups per row.
 */
let t: TestApp;
const OPPORTUNITIES = 200_000;
const STALL = followThroughRuleDefaults.stallDays;

beforeAll(async () => {
  t = await startTestApp();
  await insertProvinceCustomers(t.db, 4000, `'停滞规模' || g || '有限公司'`);
  // Stages: 10 % APPROVED or IN_PROGRESS (g % 10 = 0); of those, one in 25 quiet for longer than stallDays.
  // In batches: one statement loading 200,000 rows takes longer than the statement timeout allows.
  for (let from = 1; from <= OPPORTUNITIES; from += 20_000) {
    await t.db.query(
      `INSERT INTO opportunity (code, customer_id, title, category, source, products, estimated_amount, expected_close_date, stage, reporter_id, owner_id,
                              registered_at, approved_at, last_follow_up_at, created_at, protected_until, rule_version)
     SELECT 'SC' || lpad(g::text, 10, '0'), c.id, '规模商机' || g, 'STANDARD_PRODUCT', 'ACCOUNT_MANAGER', '{INTERNET_LINE}', 100000, current_date + 60,
            (CASE WHEN g % 10 = 0 THEN (ARRAY['APPROVED', 'IN_PROGRESS'])[1 + (g / 10) % 2] ELSE (ARRAY['DRAFT', 'SUBMITTED', 'WON', 'LOST', 'CANCELLED'])[1 + g % 5] END)::opportunity_stage,
            c.account_manager_id, c.account_manager_id,
            now() - make_interval(days => 100 + g % 200), now() - make_interval(days => 90),
            CASE WHEN g % 10 = 0 THEN now() - make_interval(days => CASE WHEN (g / 10) % 25 = 0 THEN $2 + 1 + g % 30 ELSE g % $2 END) END,
            now() - make_interval(secs => g * 60), now() - make_interval(days => 100 + g % 200) + interval '90 days', 1
     FROM generate_series($1::int, $3::int) g
     JOIN (SELECT id, account_manager_id, (row_number() OVER (ORDER BY code) - 1)::int AS k FROM group_customer) c ON c.k = g % 4000`,
      [from, STALL, Math.min(from + 19_999, OPPORTUNITIES)],
    );
  }
  await t.db.query('ANALYZE opportunity');
}, 120000);
afterAll(() => t.close());

const STALLED = `query($first: Int) { opportunities(first: $first, filter: { stalled: true }) { totalCount totalCountCapped nodes { code stalled lastFollowUpAt } } }`;

/** Runs the list as `who` and explains every statement that read opportunities. */
async function listAndExplain(who: string) {
  const { result: res, statements } = await withStatements(t.db, () => t.gql(who, STALLED, { first: 20 }));
  const plans: PlanNode[] = [];
  for (const [sql, params] of statements.filter(([sql]) => /FROM "opportunity"/.test(sql) && sql.includes('make_interval'))) {
    const [{ 'QUERY PLAN': plan }] = await t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
    plans.push(plan[0].Plan);
  }
  return { data: dataOf(res).opportunities, plans };
}

/** Rows that scans of `relation` looked at anywhere in the plan, kept or filtered out (× loops). */
function rowsExamined(node: PlanNode & Record<string, unknown>, relation: string): number {
  const looked = (Number(node['Actual Rows'] ?? 0) + Number(node['Rows Removed by Filter'] ?? 0) + Number(node['Rows Removed by Index Recheck'] ?? 0)) * Number(node['Actual Loops'] ?? 1);
  const own = node['Relation Name'] === relation ? looked : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsExamined(child as PlanNode & Record<string, unknown>, relation), 0);
}

describe('the stalled list at 200,000 opportunities', () => {
  it.each(['admin', 'sx-leader', 'xa-leader'])('for %s costs about the stalled rows, not the province', async (who) => {
    const { data, plans } = await listAndExplain(who);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM opportunity WHERE stage IN ('APPROVED', 'IN_PROGRESS') AND coalesce(last_follow_up_at, approved_at, registered_at) < now() - make_interval(days => $1)`,
      [STALL],
    );
    expect(n).toBeGreaterThan(500);
    expect(n).toBeLessThan(1500);
    expect(data.nodes.length).toBe(who === 'xa-leader' ? Math.min(20, data.totalCount) : 20);
    expect(data.nodes.every((o: { stalled: boolean }) => o.stalled)).toBe(true);
    if (who !== 'xa-leader') expect(data.totalCount).toBe(Math.min(n, 1000));
    // The page and the capped count. The count reads the stall clock index; the page reads it too, or — when the
    // stalled ones are spread evenly over the list's order, as here — walks that order until the page is full,
    // whichever the planner finds cheaper (it knows how few are stalled from the index's statistics). Either way a
    // few thousand rows at most, never 200,000.
    expect(plans).toHaveLength(2);
    expect(indexesUsed(plans[1])).toContain('ix_opportunity_stall_clock');
    for (const plan of plans) expect(rowsExamined(plan as PlanNode & Record<string, unknown>, 'opportunity')).toBeLessThan(8 * n);
  });
});
