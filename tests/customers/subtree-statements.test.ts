import { startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const [{ id: region }] = await t.db.query(`SELECT id FROM region WHERE code = '6101'`);
  const [{ id: manager }] = await t.db.query(`SELECT id FROM staff WHERE employee_no = 'xa-am1'`);
  // 40 groups, each with two member units, each of those with one more.
  for (let g = 0; g < 40; g++) {
    const insert = async (name: string, parent: string | null) =>
      (
        await t.db.query(
          `INSERT INTO group_customer (code, name, industry, grade, management_level, region_id, account_manager_id, parent_id)
           VALUES ('JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0'), $1, 'GOVERNMENT', 'C', 'CITY', $2, $3, $4) RETURNING id`,
          [name, region, manager, parent],
        )
      )[0].id as string;
    const hq = await insert(`子树集团${String(g).padStart(2, '0')}`, null);
    for (const m of [1, 2]) await insert(`子树集团${String(g).padStart(2, '0')}成员${m}分部`, await insert(`子树集团${String(g).padStart(2, '0')}成员${m}`, hq));
  }
});
afterAll(() => t.close());

it('subtrees of a whole page of customers load in a constant number of statements', async () => {
  const query = `query($n: Int) { groupCustomers(first: $n, filter: { text: "子树集团" }, orderBy: { field: NAME }) { nodes { name subtree(maxDepth: 2, first: 3) { totalCount nodes { depth customer { name } } } } } }`;
  const small = await t.gql('xa-am1', query, { n: 5 });
  const large = await t.gql('xa-am1', query, { n: 100 });
  expect(large.body.data.groupCustomers.nodes).toHaveLength(100);
  const hq = large.body.data.groupCustomers.nodes.find((n: { name: string }) => n.name === '子树集团07');
  expect(hq.subtree.totalCount).toBe(4);
  expect(hq.subtree.nodes.map((e: { depth: number; customer: { name: string } }) => [e.depth, e.customer.name])).toEqual([
    [1, '子树集团07成员1'],
    [2, '子树集团07成员1分部'],
    [1, '子树集团07成员2'],
  ]);
  expect(large.sql).toBe(small.sql);
});
