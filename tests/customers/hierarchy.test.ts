import { dataOf, expectUserError, startTestApp, TestApp } from '../support/harness';
import { mustCreateCustomer, regionId } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const SET_PARENT = `mutation($input: SetCustomerParentInput!) { setCustomerParent(input: $input) { groupCustomer { id version parent { id name } ancestors { name } } userErrors { code message field } } }`;
const setParent = async (id: string, parentId: string | null, as = 'xa-am1') => dataOf(await t.gql(as, SET_PARENT, { input: { id, parentId } })).setCustomerParent;

/** Inserts a chain or a fan of customers directly (fast fixtures for the size tests). */
async function insertCustomers(names: string[], parentOf: (index: number, ids: string[]) => string | null): Promise<string[]> {
  const [{ id: region }] = await t.db.query(`SELECT id FROM region WHERE code = '6101'`);
  const [{ id: manager }] = await t.db.query(`SELECT id FROM staff WHERE employee_no = 'xa-am1'`);
  const ids: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const [{ id }] = await t.db.query(
      `INSERT INTO group_customer (code, name, industry, grade, management_level, region_id, account_manager_id, parent_id)
       VALUES ('JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0'), $1, 'GOVERNMENT', 'C', 'CITY', $2, $3, $4) RETURNING id`,
      [names[i], region, manager, parentOf(i, ids)],
    );
    ids.push(id);
  }
  return ids;
}
const gid = (uuid: string) => Buffer.from(`GroupCustomer:${uuid}`).toString('base64');

describe('group hierarchy 集团总部 → 成员单位', () => {
  it('attaches a member unit to its HQ, shows parent, children and ancestors, and detaches it', async () => {
    const hq = await mustCreateCustomer(t, 'xa-am1', { name: '陕西煤业化工集团' });
    const branch = await mustCreateCustomer(t, 'xa-am1', { name: '陕煤集团西安分公司' });
    const office = await mustCreateCustomer(t, 'xa-am1', { name: '陕煤集团西安分公司雁塔办事处' });
    expect((await setParent(branch.id, hq.id)).groupCustomer).toMatchObject({
      parent: { name: '陕西煤业化工集团' },
      ancestors: [{ name: '陕西煤业化工集团' }],
      version: 2,
    });
    expect((await setParent(office.id, branch.id)).groupCustomer.ancestors).toEqual([{ name: '陕西煤业化工集团' }, { name: '陕煤集团西安分公司' }]);
    const tree = dataOf(
      await t.gql('xa-am1', `query($id: ID!) { groupCustomer(id: $id) { children { totalCount nodes { name } } subtree { totalCount nodes { depth customer { name } } } } }`, { id: hq.id }),
    ).groupCustomer;
    expect(tree.children).toEqual({ totalCount: 1, nodes: [{ name: '陕煤集团西安分公司' }] });
    expect(tree.subtree.nodes).toEqual([
      { depth: 1, customer: { name: '陕煤集团西安分公司' } },
      { depth: 2, customer: { name: '陕煤集团西安分公司雁塔办事处' } },
    ]);
    const detached = await setParent(branch.id, null);
    expect(detached.groupCustomer).toMatchObject({ parent: null, ancestors: [] });
    const history = dataOf(await t.gql('xa-am1', `query($id: ID!) { groupCustomer(id: $id) { history { nodes { action changes { field from to } } } } }`, { id: branch.id })).groupCustomer.history
      .nodes;
    expect(history[0]).toEqual({ action: 'SET_PARENT', changes: [{ field: 'parent', from: hq.id, to: null }] });
  });

  it('refuses the customer itself or any of its descendants as parent with HIERARCHY_CYCLE', async () => {
    const [a, b, c] = await insertCustomers(['环A', '环B', '环C'], (i, ids) => (i === 0 ? null : ids[i - 1]));
    expectUserError(await setParent(gid(a), gid(a)), 'HIERARCHY_CYCLE', 'parentId');
    expectUserError(await setParent(gid(a), gid(c)), 'HIERARCHY_CYCLE', 'parentId');
    expectUserError(await setParent(gid(b), gid(c)), 'HIERARCHY_CYCLE', 'parentId');
    const [row] = await t.db.query('SELECT parent_id FROM group_customer WHERE id = $1', [a]);
    expect(row.parent_id).toBeNull();
  });

  it('two concurrent moves cannot close a cycle between them', async () => {
    const [x, y] = await insertCustomers(['并发X', '并发Y'], () => null);
    const [one, two] = await Promise.all([setParent(gid(x), gid(y)), setParent(gid(y), gid(x))]);
    const codes = [one, two].map((p) => p.userErrors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual(['HIERARCHY_CYCLE', 'OK']);
  });

  it('a parent out of your scope is NOT_FOUND; out of scope it reads as null', async () => {
    const foreign = await mustCreateCustomer(t, 'bj-am1', { name: '宝鸡市教育局', regionId: await regionId(t, '6103') });
    const mine = await mustCreateCustomer(t, 'xa-am1', { name: '西安某分部' });
    expectUserError(await setParent(mine.id, foreign.id), 'NOT_FOUND', 'parentId');
    // An admin links them; the Xi'an manager then sees a null parent and a null ancestor, not the Baoji customer.
    expect((await setParent(mine.id, foreign.id, 'admin')).userErrors).toEqual([]);
    const seen = dataOf(await t.gql('xa-am1', `query($id: ID!) { groupCustomer(id: $id) { parent { name } ancestors { name } } }`, { id: mine.id })).groupCustomer;
    expect(seen).toEqual({ parent: null, ancestors: [null] });
    const fromBaoji = dataOf(await t.gql('bj-am1', `query($id: ID!) { groupCustomer(id: $id) { children { totalCount nodes { name } } } }`, { id: foreign.id })).groupCustomer;
    expect(fromBaoji.children).toEqual({ totalCount: 0, nodes: [] });
  });

  it('a hierarchy 12 levels deep: ancestors root first, subtree bounded by maxDepth', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `层级${String(i + 1).padStart(2, '0')}`);
    const ids = await insertCustomers(names, (i, made) => (i === 0 ? null : made[i - 1]));
    const deepest = dataOf(await t.gql('xa-am1', `query($id: ID!) { groupCustomer(id: $id) { ancestors { name } } }`, { id: gid(ids[11]) })).groupCustomer;
    expect(deepest.ancestors.map((a: { name: string }) => a.name)).toEqual(names.slice(0, 11));
    const root = dataOf(
      await t.gql('xa-am1', `query($id: ID!) { groupCustomer(id: $id) { all: subtree(maxDepth: 20, first: 100) { totalCount } three: subtree(maxDepth: 3) { totalCount nodes { depth } } } }`, {
        id: gid(ids[0]),
      }),
    ).groupCustomer;
    expect(root.all.totalCount).toBe(11);
    expect(root.three.totalCount).toBe(3);
    const tooDeep = await t.gql('xa-am1', `query($id: ID!) { groupCustomer(id: $id) { subtree(maxDepth: 21) { totalCount } } }`, { id: gid(ids[0]) });
    expect(tooDeep.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('10,000 member units under one HQ page through children and subtree', async () => {
    const [{ id: region }] = await t.db.query(`SELECT id FROM region WHERE code = '6101'`);
    const [{ id: manager }] = await t.db.query(`SELECT id FROM staff WHERE employee_no = 'xa-am1'`);
    const [hq] = await insertCustomers(['万家集团总部'], () => null);
    await t.db.query(
      `INSERT INTO group_customer (code, name, industry, grade, management_level, region_id, account_manager_id, parent_id)
       SELECT 'JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0'), '万家成员' || lpad(g::text, 5, '0'), 'RETAIL', 'D', 'CITY', $1, $2, $3 FROM generate_series(1, 10000) g`,
      [region, manager, hq],
    );
    const first = dataOf(await t.gql('xa-am1', `query($id: ID!) { groupCustomer(id: $id) { children(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } } }`, { id: gid(hq) }))
      .groupCustomer.children;
    expect(first.totalCount).toBe(10000);
    expect(first.nodes[0].name).toBe('万家成员00001');
    const next = dataOf(
      await t.gql('xa-am1', `query($id: ID!, $after: String) { groupCustomer(id: $id) { children(first: 100, after: $after) { nodes { name } } subtree(first: 5) { totalCount } } }`, {
        id: gid(hq),
        after: first.pageInfo.endCursor,
      }),
    ).groupCustomer;
    expect(next.children.nodes[0].name).toBe('万家成员00101');
    expect(next.subtree.totalCount).toBe(10000);
  });

  it('a page of 50 customers with parent, children and relations runs in a constant number of statements', async () => {
    const [{ id: hqUuid }] = await t.db.query(`SELECT id FROM group_customer WHERE name = '万家集团总部'`);
    await t.db.query(`UPDATE group_customer SET parent_id = NULL WHERE parent_id = $1`, [hqUuid]);
    const names = Array.from({ length: 60 }, (_, i) => `常数客户${String(i).padStart(2, '0')}`);
    const ids = await insertCustomers(names, (i, made) => (i % 3 === 0 || i === 0 ? null : made[i - (i % 3)]));
    for (let i = 0; i + 5 < ids.length; i += 5) {
      await t.db.query(`INSERT INTO customer_relation (from_customer_id, to_customer_id, type, recorded_by_id) SELECT $1, $2, 'AFFILIATE', id FROM staff WHERE employee_no = 'admin'`, [
        ids[i],
        ids[i + 5],
      ]);
    }
    const query = `query($n: Int) { groupCustomers(first: $n, filter: { text: "常数客户" }) { nodes { name accountManager { name } region { name } parent { name } ancestors { name } children(first: 5) { totalCount nodes { name } } relations { type from { name } to { name } recordedBy { name } } } } }`;
    const small = await t.gql('xa-am1', query, { n: 5 });
    const large = await t.gql('xa-am1', query, { n: 50 });
    expect(large.body.data.groupCustomers.nodes).toHaveLength(50);
    expect(large.sql).toBeLessThanOrEqual(small.sql);
    expect(large.sql).toBeLessThanOrEqual(12);
  });
});

describe('customer relations 客户与客户关系', () => {
  it('records several relations per pair, listed on both customers', async () => {
    const a = await mustCreateCustomer(t, 'xa-am1', { name: '关系甲' });
    const b = await mustCreateCustomer(t, 'xa-am1', { name: '关系乙' });
    const add = (type: string, from = a.id, to = b.id) =>
      t.gql('xa-am1', `mutation($i: AddCustomerRelationInput!) { addCustomerRelation(input: $i) { customerRelation { type note from { name } to { name } } userErrors { code field } } }`, {
        i: { fromId: from, toId: to, type, note: '担保协议2026' },
      });
    expect(dataOf(await add('GUARANTEE')).addCustomerRelation.customerRelation).toEqual({
      type: 'GUARANTEE',
      note: '担保协议2026',
      from: { name: '关系甲' },
      to: { name: '关系乙' },
    });
    expect(dataOf(await add('AFFILIATE')).addCustomerRelation.userErrors).toEqual([]);
    expectUserError(dataOf(await add('GUARANTEE')).addCustomerRelation, 'ALREADY_EXISTS', 'type');
    expectUserError(dataOf(await add('GUARANTEE', a.id, a.id)).addCustomerRelation, 'VALIDATION', 'toId');
    const both = dataOf(
      await t.gql('xa-am1', `query($a: ID!, $b: ID!) { a: groupCustomer(id: $a) { relations { type } } b: groupCustomer(id: $b) { relations { type from { name } } } }`, { a: a.id, b: b.id }),
    );
    expect(both.a.relations.map((r: { type: string }) => r.type)).toEqual(['GUARANTEE', 'AFFILIATE']);
    expect(both.b.relations).toEqual([
      { type: 'GUARANTEE', from: { name: '关系甲' } },
      { type: 'AFFILIATE', from: { name: '关系甲' } },
    ]);
  });

  it('the other side out of your scope reads as null', async () => {
    const mine = await mustCreateCustomer(t, 'xa-am1', { name: '关系丙' });
    const theirs = await mustCreateCustomer(t, 'xa-am2', { name: '关系丁' });
    const added = await t.gql('admin', `mutation($i: AddCustomerRelationInput!) { addCustomerRelation(input: $i) { userErrors { code } } }`, {
      i: { fromId: mine.id, toId: theirs.id, type: 'AFFILIATE' },
    });
    expect(dataOf(added).addCustomerRelation.userErrors).toEqual([]);
    const seen = dataOf(await t.gql('xa-am1', `query($id: ID!) { groupCustomer(id: $id) { relations { type from { name } to { name } } } }`, { id: mine.id })).groupCustomer;
    expect(seen.relations).toEqual([{ type: 'AFFILIATE', from: { name: '关系丙' }, to: null }]);
    const refused = await t.gql('xa-am1', `mutation($i: AddCustomerRelationInput!) { addCustomerRelation(input: $i) { userErrors { code field } } }`, {
      i: { fromId: mine.id, toId: theirs.id, type: 'GUARANTEE' },
    });
    expectUserError(dataOf(refused).addCustomerRelation, 'NOT_FOUND', 'toId');
  });
});
