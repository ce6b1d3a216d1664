import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { mustCreateCustomer, staffId } from '../customers/builders';
import { mustCreateContact } from '../contacts/builders';
import { opportunityAdmins } from '../opportunities/money-builders';

/** DOMAIN.md: Relationship map 全员共享 — any internal user opens the map of any customer of the province; no personal data out of scope. */
let t: TestApp;
let customer: { id: string; code: string };
let boss: { id: string };
let gansu: { id: string };
let gansuContact: string;
beforeAll(async () => {
  t = await startTestApp();
  await opportunityAdmins(t);
  customer = await mustCreateCustomer(t, 'xa-am1', { name: '共享地图客户' });
  boss = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '共享局长', title: '局长', careLevel: 'MANAGEMENT', mobile: '13812345678', birthday: '1970-05-01' });
  await t.gql('admin', `mutation($i: AddRelationshipInput!) { addRelationship(input: $i) { userErrors { code } } }`, {
    i: { fromId: await staffId(t, 'xa-am1'), toId: boss.id, type: 'FRIEND', strength: 5 },
  });
  // Another province, out of everyone's province but the admin's.
  const [province] = await t.db.query(`INSERT INTO region (code, name, level, parent_id, path) VALUES ('62', '甘肃省', 'PROVINCE', NULL, '') RETURNING id`);
  await t.db.query(`UPDATE region SET path = '/' || id || '/' WHERE id = $1`, [province.id]);
  const [row] = await t.db.query(
    `INSERT INTO group_customer (code, name, industry, grade, management_level, region_id, member_count, monthly_revenue, status, version)
     VALUES ('JT-GS-1', '甘肃客户', 'GOVERNMENT', 'C', 'PROVINCE', $1, 0, 0, 'ACTIVE', 1) RETURNING id`,
    [province.id],
  );
  gansu = { id: Buffer.from(`GroupCustomer:${row.id}`).toString('base64') };
  const [contact] = await t.db.query(`INSERT INTO contact (customer_id, name, care_level) VALUES ($1, '甘肃联系人', 'KEY_PERSON') RETURNING id`, [row.id]);
  gansuContact = Buffer.from(`Contact:${contact.id}`).toString('base64');
});
afterAll(() => t?.close());

const MAP = `query($id: ID!) { relationshipMap(customerId: $id) { people { __typename ... on Contact { id name mobile birthday } ... on RestrictedPerson { id profile { name title careLevel customerCode } } ... on Staff { employeeNo } } } }`;
const PATHS = `query($from: ID!, $to: ID!) { introductionPaths(fromStaffId: $from, toContactId: $to, maxHops: 2) { hops people { __typename } } }`;

describe('the shared relationship map 全员共享', () => {
  it.each(['xa-am2', 'xa-support', 'xa-oa', 'bj-leader', 'xa-yt-g1'])('%s, who may not read the customer, opens its map: contacts by name, title and care level only', async (who) => {
    const res = await t.gql(who, MAP, { id: customer.id });
    expect(res.body.errors).toBeUndefined();
    const people = res.body.data.relationshipMap.people;
    expect(people).toEqual(
      expect.arrayContaining([
        { __typename: 'RestrictedPerson', id: boss.id, profile: { name: '共享局长', title: '局长', careLevel: 'MANAGEMENT', customerCode: customer.code } },
        { __typename: 'Staff', employeeNo: 'xa-am1' },
      ]),
    );
    expect(JSON.stringify(people)).not.toContain('13812345678');
    // The contact itself stays out of reach.
    expect(dataOf(await t.gql(who, `query($id: ID!) { node(id: $id) { id } }`, { id: boss.id })).node).toBeNull();
  });

  it('the account manager sees the contact whole, masked as the personal-data rule says', async () => {
    const people = dataOf(await t.gql('xa-am1', MAP, { id: customer.id })).relationshipMap.people;
    expect(people).toEqual(expect.arrayContaining([{ __typename: 'Contact', id: boss.id, name: '共享局长', mobile: '13812345678', birthday: '1970-05-01' }]));
  });

  it('any internal user looks for a way in to a contact of the province', async () => {
    const found = dataOf(await t.gql('xa-am2', PATHS, { from: await staffId(t, 'xa-am2'), to: boss.id })).introductionPaths;
    expect(found).toEqual([]); // asked fine: xa-am2 knows nobody there yet
    const mine = dataOf(await t.gql('xa-support', PATHS, { from: await staffId(t, 'xa-am1'), to: boss.id })).introductionPaths;
    expect(mine).toEqual([{ hops: 1, people: [{ __typename: 'Staff' }, { __typename: 'RestrictedPerson' }] }]);
  });

  it('another province’s customers stay out of reach (admins excepted), and partners get nothing', async () => {
    expect(errorCodes(await t.gql('sx-leader', MAP, { id: gansu.id }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql('xa-am1', PATHS, { from: await staffId(t, 'xa-am1'), to: gansuContact }))).toEqual(['BAD_USER_INPUT']);
    expect(dataOf(await t.gql('admin', MAP, { id: gansu.id })).relationshipMap.people).toEqual([{ __typename: 'Contact', id: gansuContact, name: '甘肃联系人', mobile: null, birthday: null }]);
    expect(errorCodes(await t.gql('p-huaxin', MAP, { id: customer.id }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await t.gql('p-huaxin', PATHS, { from: await staffId(t, 'xa-am1'), to: boss.id }))).toEqual(['FORBIDDEN']);
  });
});
