import { dataOf, startTestApp, TestApp } from '../support/harness';
import { indexesUsed, nodeTypes, PlanNode, rowsRead, withStatements } from '../support/plans';

/**
 * The customer search at province shape: nearly every name holds 有限公司, so
 * a common word matches thousands of customers. A page must cost a page
 * (the name index read in order until the page is full), a rare word must
 * use the bigram index, and the count stops at 1,000 and says so.
 */
let t: TestApp;
const CUSTOMERS = 20000;

beforeAll(async () => {
  t = await startTestApp();
  await t.db.query(
    `WITH managers AS (SELECT array_agg(id ORDER BY employee_no) AS ids, array_agg(region_id ORDER BY employee_no) AS regions FROM staff WHERE 'ACCOUNT_MANAGER' = ANY(roles::text[]))
     INSERT INTO group_customer (code, name, industry, grade, management_level, region_id, account_manager_id)
     SELECT 'JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0'),
            (ARRAY['西安','宝鸡','咸阳','铜川'])[1 + g % 4] || (ARRAY['交通','能源','物流','软件'])[1 + g % 4] || '有限公司' || g, 'GOVERNMENT', 'B1', 'CITY',
            m.regions[1 + g % cardinality(m.ids)], m.ids[1 + g % cardinality(m.ids)]
     FROM generate_series(1, $1) g, managers m`,
    [CUSTOMERS],
  );
  await t.db.query(`UPDATE group_customer SET name = '秦岭稀有矿业' || code WHERE code IN (SELECT code FROM group_customer WHERE name LIKE '西安%' ORDER BY code LIMIT 3)`);
  await t.db.query('ANALYZE group_customer');
}, 60000);
afterAll(() => t.close());

const SEARCH = `query($text: String!) { groupCustomers(first: 20, filter: { text: $text }) { totalCount totalCountCapped nodes { name } } }`;

/** Runs the search as `who` and explains the page statement it ran. */
async function searchAndExplain(who: string, text: string) {
  const { result: res, statements } = await withStatements(t.db, () => t.gql(who, SEARCH, { text }));
  const plans: PlanNode[] = [];
  for (const [sql, params] of statements.filter(([sql]) => sql.includes('ORDER BY'))) {
    const [{ 'QUERY PLAN': plan }] = await t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
    plans.push(plan[0].Plan);
  }
  return { data: dataOf(res).groupCustomers, plans, sql: res.sql };
}

describe('the customer search at province shape', () => {
  it.each(['admin', 'sx-leader'])('a word in nearly every name costs a page for %s, and the count stops at 1,000', async (who) => {
    const { data, plans } = await searchAndExplain(who, '有限');
    expect(data.nodes).toHaveLength(20);
    expect(data.totalCount).toBe(1000);
    expect(data.totalCountCapped).toBe(true);
    // One statement: the list read in name order, tested row by row, stopping once the page is full.
    expect(plans).toHaveLength(1);
    expect(indexesUsed(plans[0])).toContain('ix_group_customer_name');
    expect(rowsRead(plans[0], 'group_customer')).toBeLessThan(200);
  });

  it('a rare word goes through the bigram index and is counted exactly', async () => {
    const { data, plans } = await searchAndExplain('admin', '稀有矿业');
    expect(data.nodes.map((n: { name: string }) => n.name.slice(0, 6))).toEqual(['秦岭稀有矿业', '秦岭稀有矿业', '秦岭稀有矿业']);
    expect(data).toMatchObject({ totalCount: 3, totalCountCapped: false });
    // The first rows in name order hold too few matches; then the bigram index finds the three.
    expect(plans).toHaveLength(2);
    expect(rowsRead(plans[0], 'group_customer')).toBeLessThanOrEqual(2000);
    expect(indexesUsed(plans[1])).toContain('ix_group_customer_search');
    expect(rowsRead(plans[1], 'group_customer')).toBeLessThan(20);
  });

  it('a word whose names all sort late costs its matches, not the list before them', async () => {
    // 铜川 names sort after every other city's in the name order: the window holds none of them.
    const { data, plans } = await searchAndExplain('admin', '铜川');
    const expected = await t.db.query(`SELECT name FROM group_customer WHERE strpos(name, '铜川') > 0 ORDER BY name, id LIMIT 20`);
    expect(data.nodes.map((n: { name: string }) => n.name)).toEqual(expected.map((r: { name: string }) => r.name));
    // Then the matches are gathered (bigram index or one pass, as the planner judges) and sorted, never walked out of the name index.
    expect(plans).toHaveLength(2);
    expect(indexesUsed(plans[1])).not.toContain('ix_group_customer_name');
    expect(nodeTypes(plans[1])).toContain('Sort');
  });

  it('statements per search do not grow with the page size', async () => {
    const small = await t.gql('admin', `{ groupCustomers(first: 5, filter: { text: "有限" }) { totalCount nodes { name } } }`);
    const large = await t.gql('admin', `{ groupCustomers(first: 100, filter: { text: "有限" }) { totalCount nodes { name } } }`);
    expect(large.sql).toBe(small.sql);
  });
});
