import { mustCreateCustomer } from '../customers/builders';
import { mustCreateContact } from '../contacts/builders';
import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { add, mustAdd, REL_FIELDS, REMOVE, staffGid, who } from './builders';

let t: TestApp;
let customer: { id: string };
let other: { id: string };
const c: Record<string, { id: string }> = {};
beforeAll(async () => {
  t = await startTestApp();
  customer = await mustCreateCustomer(t, 'xa-am1', { name: '西安市交通运输局' });
  other = await mustCreateCustomer(t, 'xa-am2', { name: '西安市税务局' });
  c.director = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '局长王强', careLevel: 'MANAGEMENT' });
  c.deputy = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '副局长李娜', careLevel: 'MANAGEMENT' });
  c.engineer = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '信息科张工', careLevel: 'KEY_PERSON' });
  c.clerk = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '办公室刘敏', careLevel: 'LIAISON' });
  c.taxChief = await mustCreateContact(t, 'xa-am2', { customerId: other.id, name: '税务局赵局', careLevel: 'MANAGEMENT' });
});
afterAll(() => t.close());

describe('recording relationships', () => {
  it('records who knows whom, and the same pair and type again updates instead of duplicating', async () => {
    const first = await mustAdd(t, 'xa-am1', {
      fromId: await staffGid(t, 'xa-am1'),
      toId: c.engineer.id,
      type: 'ALUMNI',
      strength: 3,
      since: '2015-09-01',
      note: '西电校友',
    });
    expect(first).toMatchObject({ type: 'ALUMNI', strength: 3, since: '2015-09-01', note: '西电校友', recordedBy: { employeeNo: 'xa-am1' } });
    expect([who(first.from), who(first.to)].sort()).toEqual(['xa-am1', '信息科张工'].sort());
    // The other way round is the same undirected pair.
    const again = await mustAdd(t, 'xa-am1', { fromId: c.engineer.id, toId: await staffGid(t, 'xa-am1'), type: 'ALUMNI', strength: 5 });
    expect(again.id).toBe(first.id);
    expect(again.strength).toBe(5);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM relationship WHERE type = 'ALUMNI'`);
    expect(n).toBe(1);
    const friend = await mustAdd(t, 'xa-am1', { fromId: await staffGid(t, 'xa-am1'), toId: c.engineer.id, type: 'FRIEND', strength: 4 });
    expect(friend.id).not.toBe(first.id);
  });

  it.each([
    ['a self-loop', () => ({ fromId: c.director.id, toId: c.director.id }), 'toId'],
    ['strength 0', () => ({ fromId: c.director.id, toId: c.deputy.id, strength: 0 }), 'strength'],
    ['strength 6', () => ({ fromId: c.director.id, toId: c.deputy.id, strength: 6 }), 'strength'],
    ['a future since-date', () => ({ fromId: c.director.id, toId: c.deputy.id, since: '2999-01-01' }), 'since'],
    ['an id that is no person', () => ({ fromId: customer.id, toId: c.deputy.id }), 'fromId'],
    ['an unknown person', () => ({ fromId: Buffer.from('Contact:00000000-0000-0000-0000-000000000000').toString('base64'), toId: c.deputy.id }), 'fromId'],
    ['a contact out of scope', () => ({ fromId: c.director.id, toId: c.taxChief.id }), 'toId'],
  ])('refuses %s with VALIDATION naming the field', async (_label, input, field) => {
    expectUserError(await add(t, 'xa-am1', input()), 'VALIDATION', field);
  });

  it('REPORTS_TO is the org chart: kept inside one customer, mirrored on the contact, removable', async () => {
    const rel = await mustAdd(t, 'xa-am1', { fromId: c.engineer.id, toId: c.deputy.id, type: 'REPORTS_TO', strength: 4 });
    expect([who(rel.from), who(rel.to), rel.strength]).toEqual(['信息科张工', '副局长李娜', 4]);
    const reportsTo = async () => dataOf(await t.gql('xa-am1', `query($id: ID!) { node(id: $id) { ... on Contact { reportsTo { name } } } }`, { id: c.engineer.id })).node.reportsTo;
    expect(await reportsTo()).toEqual({ name: '副局长李娜' });
    expectUserError(await add(t, 'admin', { fromId: c.engineer.id, toId: c.taxChief.id, type: 'REPORTS_TO' }), 'VALIDATION', 'toId');
    expectUserError(await add(t, 'xa-am1', { fromId: await staffGid(t, 'xa-am1'), toId: c.deputy.id, type: 'REPORTS_TO' }), 'VALIDATION', 'fromId');
    // A cycle in the org chart is refused too.
    expectUserError(await add(t, 'xa-am1', { fromId: c.deputy.id, toId: c.engineer.id, type: 'REPORTS_TO' }), 'VALIDATION', 'toId');
    const removed = dataOf(await t.gql('xa-am1', REMOVE, { input: { id: rel.id } })).removeRelationship;
    expect(removed).toEqual({ removedId: rel.id, userErrors: [] });
    expect(await reportsTo()).toBeNull();
  });

  it('an org chart set through updateContact shows as a REPORTS_TO relationship', async () => {
    await t.gql('xa-am1', `mutation($i: UpdateContactInput!) { updateContact(input: $i) { userErrors { code } } }`, {
      i: { id: c.deputy.id, reportsToId: c.director.id },
    });
    const rels = dataOf(
      await t.gql('xa-am1', `query($id: ID!) { node(id: $id) { ... on Contact { relationships { totalCount nodes { ${REL_FIELDS} } } } } }`, {
        id: c.deputy.id,
      }),
    ).node.relationships;
    const reports = rels.nodes.filter((r: { type: string }) => r.type === 'REPORTS_TO');
    expect(reports.map((r: { from: never; to: never; strength: number }) => [who(r.from), who(r.to), r.strength])).toEqual([['副局长李娜', '局长王强', 3]]);
  });

  it('removing an unknown relationship is NOT_FOUND', async () => {
    const res = dataOf(await t.gql('xa-am1', REMOVE, { input: { id: Buffer.from('Relationship:00000000-0000-0000-0000-000000000000').toString('base64') } })).removeRelationship;
    expectUserError(res, 'NOT_FOUND', 'id');
  });

  it('lists relationships on staff and contacts, newest first, in pages', async () => {
    const me = await staffGid(t, 'xa-am2');
    for (const [contact, type] of [
      [c.director, 'KNOWS'],
      [c.deputy, 'FRIEND'],
      [c.clerk, 'KNOWS'],
    ] as const) {
      await mustAdd(t, 'admin', { fromId: me, toId: contact.id, type });
    }
    const page = dataOf(
      await t.gql(
        'xa-am1',
        `query($id: ID!) { node(id: $id) { ... on Staff { relationships(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { to { ... on Contact { name } } from { ... on Contact { name } } } } } } }`,
        { id: me },
      ),
    ).node.relationships;
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const names = page.nodes.map((r: { from: { name?: string }; to: { name?: string } }) => r.from.name ?? r.to.name);
    expect(names).toEqual(['办公室刘敏', '副局长李娜']);
  });
});

describe('partners', () => {
  it('get FORBIDDEN on every part of the relationship map', async () => {
    const queries: [string, Record<string, unknown>][] = [
      ['query($c: ID!) { relationshipMap(customerId: $c) { truncated } }', { c: customer.id }],
      ['query($c: ID!) { relationshipGaps(customerId: $c) { id } }', { c: customer.id }],
      ['query($s: ID!, $c: ID!) { introductionPaths(fromStaffId: $s, toContactId: $c) { hops } }', { s: await staffGid(t, 'xa-am1'), c: c.director.id }],
      ['{ viewer { relationships { totalCount } } }', {}],
      [`mutation($i: AddRelationshipInput!) { addRelationship(input: $i) { userErrors { code } } }`, { i: { fromId: await staffGid(t, 'p-huaxin'), toId: c.director.id, type: 'KNOWS', strength: 3 } }],
    ];
    for (const [query, variables] of queries) {
      expect(errorCodes(await t.gql('p-huaxin', query, variables))).toEqual(['FORBIDDEN']);
    }
  });
});
