import { mustCreateCustomer } from '../customers/builders';
import { mustCreateContact } from '../contacts/builders';
import { dataOf, startTestApp, TestApp } from '../support/harness';
import { mustAdd, staffGid, who } from './builders';

let t: TestApp;
let bureau: { id: string };
let hq: { id: string };
let baoji: { id: string };
const c: Record<string, { id: string }> = {};
const s: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  hq = await mustCreateCustomer(t, 'xa-am1', { name: '陕西交通控股集团' });
  bureau = await mustCreateCustomer(t, 'xa-am1', { name: '西安交通分公司' });
  await t.gql('xa-am1', `mutation($i: SetCustomerParentInput!) { setCustomerParent(input: $i) { userErrors { code } } }`, {
    i: { id: bureau.id, parentId: hq.id },
  });
  baoji = await mustCreateCustomer(t, 'bj-am1', {
    name: '宝鸡市教育局',
    regionId: Buffer.from(`Region:${(await t.db.query(`SELECT id FROM region WHERE code = '6103'`))[0].id}`).toString('base64'),
  });
  c.gm = await mustCreateContact(t, 'xa-am1', { customerId: bureau.id, name: '总经理陈', careLevel: 'MANAGEMENT' });
  c.cto = await mustCreateContact(t, 'xa-am1', { customerId: bureau.id, name: '技术总监周', careLevel: 'KEY_PERSON' });
  c.buyer = await mustCreateContact(t, 'xa-am1', { customerId: bureau.id, name: '采购主管吴', careLevel: 'KEY_PERSON' });
  c.liaison = await mustCreateContact(t, 'xa-am1', { customerId: bureau.id, name: '联络员郑', careLevel: 'LIAISON' });
  c.principal = await mustCreateContact(t, 'bj-am1', { customerId: baoji.id, name: '校长孙', careLevel: 'MANAGEMENT' });
  for (const employeeNo of ['xa-am1', 'xa-am2', 'xa-leader', 'bj-am1']) s[employeeNo] = await staffGid(t, employeeNo);
  // xa-am1 knows the liaison well and the buyer a little; xa-am2 is an old colleague of the CTO;
  // the liaison knows the CTO; the CTO reports to the GM; the Baoji principal (out of xa-am1's scope) is the GM's family.
  await mustAdd(t, 'admin', { fromId: s['xa-am1'], toId: c.liaison.id, type: 'FRIEND', strength: 5 });
  await mustAdd(t, 'admin', { fromId: s['xa-am1'], toId: c.buyer.id, type: 'KNOWS', strength: 2 });
  await mustAdd(t, 'admin', { fromId: s['xa-am1'], toId: s['xa-am2'], type: 'FORMER_COLLEAGUE', strength: 4 });
  await mustAdd(t, 'admin', { fromId: s['xa-am2'], toId: c.cto.id, type: 'FORMER_COLLEAGUE', strength: 4 });
  await mustAdd(t, 'admin', { fromId: c.liaison.id, toId: c.cto.id, type: 'KNOWS', strength: 3 });
  await mustAdd(t, 'admin', { fromId: c.buyer.id, toId: c.cto.id, type: 'KNOWS', strength: 5 });
  await mustAdd(t, 'admin', { fromId: c.cto.id, toId: c.gm.id, type: 'REPORTS_TO', strength: 4 });
  await mustAdd(t, 'admin', { fromId: c.gm.id, toId: c.principal.id, type: 'FAMILY', strength: 5 });
  await mustAdd(t, 'admin', { fromId: s['bj-am1'], toId: c.principal.id, type: 'KNOWS', strength: 4 });
});
afterAll(() => t.close());

const PERSON = `__typename ... on Staff { employeeNo } ... on Contact { name } ... on RestrictedPerson { id }`;
const PATHS = `query($s: ID!, $c: ID!, $h: Int, $n: Int) { introductionPaths(fromStaffId: $s, toContactId: $c, maxHops: $h, first: $n) { hops strength people { ${PERSON} } relationships { type strength } } }`;
const paths = async (as: string, from: string, to: string, maxHops = 3, first = 10) =>
  dataOf(await t.gql(as, PATHS, { s: from, c: to, h: maxHops, n: first })).introductionPaths as {
    hops: number;
    strength: number;
    people: never[];
    relationships: { type: string }[];
  }[];

describe('the relationship map 人脉地图', () => {
  it("depth 1: the customer's contacts, the people tied to them, the ties, and related customers", async () => {
    const map = dataOf(
      await t.gql('xa-am1', `query($c: ID!) { relationshipMap(customerId: $c) { truncated people { ${PERSON} } relationships { type from { ${PERSON} } to { ${PERSON} } } customers { name } } }`, {
        c: bureau.id,
      }),
    ).relationshipMap;
    expect(map.truncated).toBe(false);
    expect(map.people.map(who).sort()).toEqual(['hidden', 'xa-am1', 'xa-am2', '总经理陈', '技术总监周', '联络员郑', '采购主管吴'].sort());
    // Depth 1 is the contacts' own ties: xa-am1 — xa-am2 is not one of them.
    expect(map.relationships).toHaveLength(7);
    expect(map.customers.map((x: { name: string }) => x.name).sort()).toEqual(['西安交通分公司', '陕西交通控股集团'].sort());
    const family = map.relationships.find((r: { type: string }) => r.type === 'FAMILY');
    expect([who(family.from), who(family.to)].sort()).toEqual(['hidden', '总经理陈']);
  });

  it('depth 2 adds the ties of those people; a leader over Baoji sees the principal by name', async () => {
    const map = dataOf(
      await t.gql('sx-leader', `query($c: ID!) { relationshipMap(customerId: $c, depth: 2) { people { ${PERSON} } relationships { type } customers { name } } }`, { c: bureau.id }),
    ).relationshipMap;
    expect(map.people.map(who)).toEqual(expect.arrayContaining(['校长孙', 'bj-am1']));
    expect(map.customers.map((x: { name: string }) => x.name)).toContain('宝鸡市教育局');
  });

  it('全员共享: opens the map of a customer of the province outside one’s scope, its contacts as profiles without personal data', async () => {
    const res = await t.gql('xa-am2', `query($c: ID!) { relationshipMap(customerId: $c) { people { ${PERSON} ... on RestrictedPerson { profile { name careLevel customerName } } } } }`, {
      c: baoji.id,
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.relationshipMap.people).toEqual(
      expect.arrayContaining([{ __typename: 'RestrictedPerson', id: c.principal.id, profile: { name: '校长孙', careLevel: 'MANAGEMENT', customerName: expect.any(String) } }]),
    );
  });
});

describe('introduction paths 引荐路径', () => {
  it('shortest first, and the strongest weakest link among equal lengths', async () => {
    const found = await paths('xa-am1', s['xa-am1'], c.gm.id, 4);
    expect(found.slice(0, 3).map((p) => [p.hops, p.strength, p.people.map(who).join(' → ')])).toEqual([
      [3, 4, 'xa-am1 → xa-am2 → 技术总监周 → 总经理陈'],
      [3, 3, 'xa-am1 → 联络员郑 → 技术总监周 → 总经理陈'],
      [3, 2, 'xa-am1 → 采购主管吴 → 技术总监周 → 总经理陈'],
    ]);
    // Longer detours (e.g. through the liaison and the buyer) come after every 3-hop path.
    expect(found.slice(3).every((p) => p.hops === 4)).toBe(true);
    expect(found.slice(0, 3).every((p) => p.relationships.length === p.hops)).toBe(true);
    expect(found.every((p, i) => i === 0 || p.hops > found[i - 1].hops || (p.hops === found[i - 1].hops && p.strength <= found[i - 1].strength))).toBe(true);
  });

  it('walk through cycles without visiting anyone twice', async () => {
    // liaison — CTO — buyer — xa-am1 — liaison is a cycle; no path may repeat a person.
    for (const p of await paths('xa-am1', s['xa-am1'], c.cto.id, 4, 20)) {
      const people = p.people.map(who);
      expect(new Set(people).size).toBe(people.length);
    }
  });

  it('show people out of scope as placeholders', async () => {
    const found = await paths('xa-am1', s['bj-am1'], c.gm.id, 2);
    expect(found.map((p) => p.people.map(who).join(' → '))).toEqual(['bj-am1 → hidden → 总经理陈']);
  });

  it('refuse hops above the cap and unknown people as argument errors', async () => {
    const over = await t.gql('xa-am1', PATHS, { s: s['xa-am1'], c: c.gm.id, h: 5, n: 3 });
    expect(over.body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const wrong = await t.gql('xa-am1', PATHS, { s: c.gm.id, c: c.gm.id, h: 3, n: 3 });
    expect(wrong.body.errors[0].message).toContain('fromStaffId');
  });
});

describe('relationship gaps', () => {
  it('list MANAGEMENT and KEY_PERSON contacts no staff member knows', async () => {
    const gaps = dataOf(await t.gql('xa-am1', `query($c: ID!) { relationshipGaps(customerId: $c) { name careLevel } }`, { c: bureau.id })).relationshipGaps;
    expect(gaps).toEqual([{ name: '总经理陈', careLevel: 'MANAGEMENT' }]);
    await mustAdd(t, 'xa-am1', { fromId: s['xa-leader'], toId: c.gm.id, type: 'ALUMNI', strength: 2 });
    expect(dataOf(await t.gql('xa-am1', `query($c: ID!) { relationshipGaps(customerId: $c) { name } }`, { c: bureau.id })).relationshipGaps).toEqual([]);
    // Someone who has left does not close the gap.
    await t.db.query(`UPDATE staff SET active = false WHERE employee_no = 'xa-leader'`);
    expect(dataOf(await t.gql('xa-am1', `query($c: ID!) { relationshipGaps(customerId: $c) { name } }`, { c: bureau.id })).relationshipGaps).toEqual([{ name: '总经理陈' }]);
    await t.db.query(`UPDATE staff SET active = true WHERE employee_no = 'xa-leader'`);
  });
});

describe('statements', () => {
  it('a page of staff with their relationships and both ends runs in a constant number of statements', async () => {
    const query = `query($n: Int) { staffMembers(first: $n, filter: { text: "xa-" }) { nodes { employeeNo relationships(first: 3) { totalCount nodes { type from { ${PERSON} } to { ${PERSON} } recordedBy { name } } } } } }`;
    const small = await t.gql('admin', query, { n: 2 });
    const large = await t.gql('admin', query, { n: 40 });
    expect(large.body.data.staffMembers.nodes.length).toBeGreaterThan(20);
    expect(large.sql).toBeLessThanOrEqual(small.sql + 1);
    expect(large.sql).toBeLessThanOrEqual(10);
  });
});
