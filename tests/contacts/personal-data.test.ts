import { regionId, staffId } from '../customers/builders';
import { mustCreateCustomer } from '../customers/builders';
import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { mustCreateContact, mustRecordCare, RECORD_CARE, UPDATE_CONTACT } from './builders';

let t: TestApp;
let customerId: string;
let bossId: string;
let contactId: string;
let activityId: string;

const FULL = { mobile: '13812345678', email: 'zhangwei@example.com', birthday: '1975-06-18' };
const MASKED = { mobile: '138****5678', email: 'z***@example.com', birthday: null };
const PERSONAL = 'name mobile email birthday';

beforeAll(async () => {
  t = await startTestApp();
  // A province-managed government customer in a 雁塔区 grid, kept by xa-am1: leaders of 陕西, 西安 and 雁塔 are over it,
  // the grid manager and the government industry manager see it without being its account manager.
  const customer = await mustCreateCustomer(t, 'admin', {
    name: '陕西省政务数据局雁塔分局',
    managementLevel: 'PROVINCE',
    industry: 'GOVERNMENT',
    regionId: await regionId(t, '610113-G1'),
    accountManagerId: await staffId(t, 'xa-am1'),
  });
  customerId = customer.id;
  const boss = await mustCreateContact(t, 'xa-am1', { customerId, name: '刘局长', careLevel: 'MANAGEMENT', ...FULL });
  bossId = boss.id;
  const contact = await mustCreateContact(t, 'xa-am1', { customerId, name: '张伟', careLevel: 'KEY_PERSON', reportsToId: boss.id, ...FULL });
  contactId = contact.id;
  activityId = (await mustRecordCare(t, 'xa-am1', { contactId, kind: 'CALL', occurredAt: new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString() })).id;
});
afterAll(() => t.close());

type Personal = { name: string; mobile: string | null; email: string | null; birthday: string | null };

/** Every way a client can reach 张伟, each answering what it shows of him (null: not reachable). */
const PATHS: Record<string, (who: string) => Promise<Personal | null>> = {
  'contacts list': async (who) => {
    const data = dataOf(await t.gql(who, `query($c: ID!) { contacts(filter: { customerId: $c, careLevels: [KEY_PERSON] }) { nodes { ${PERSONAL} } } }`, { c: customerId }));
    return data.contacts.nodes[0] ?? null;
  },
  'node(id:)': async (who) => dataOf(await t.gql(who, `query($id: ID!) { node(id: $id) { ... on Contact { ${PERSONAL} } } }`, { id: contactId })).node,
  'nodes(ids:)': async (who) => dataOf(await t.gql(who, `query($id: ID!) { nodes(ids: [$id]) { ... on Contact { ${PERSONAL} } } }`, { id: contactId })).nodes[0],
  'nested under the customer': async (who) => {
    const data = dataOf(
      await t.gql(who, `query($c: ID!) { groupCustomer(id: $c) { contacts(filter: { careLevels: [KEY_PERSON] }) { nodes { ${PERSONAL} } } } }`, {
        c: customerId,
      }),
    );
    return data.groupCustomer?.contacts.nodes[0] ?? null;
  },
  'directReports of the boss': async (who) =>
    dataOf(await t.gql(who, `query($id: ID!) { node(id: $id) { ... on Contact { directReports { ${PERSONAL} } } } }`, { id: bossId })).node?.directReports[0] ?? null,
  "a care activity's contact": async (who) =>
    dataOf(await t.gql(who, `query($id: ID!) { node(id: $id) { ... on CareActivity { contact { ${PERSONAL} } } } }`, { id: activityId })).node?.contact ?? null,
  'the due list': async (who) => {
    const data = dataOf(await t.gql(who, `{ careDue(first: 100) { nodes { id ${PERSONAL} } } }`));
    const found = data.careDue.nodes.find((n: { id: string }) => n.id === contactId);
    if (!found) return null;
    const { id: _id, ...personal } = found;
    void _id;
    return personal;
  },
};

const VIEWERS: [string, string, 'full' | 'masked' | 'hidden'][] = [
  ['admin', 'an admin', 'full'],
  ['xa-am1', "the customer's account manager", 'full'],
  ['sx-leader', 'the province leader', 'full'],
  ['xa-leader', 'the city leader over the customer', 'full'],
  ['xa-yt-leader', 'the county leader over the customer', 'full'],
  ['xa-yt-g1', "the grid manager of the customer's grid", 'masked'],
  ['im-gov', 'the government industry manager', 'masked'],
  ['bj-leader', 'a leader of another city', 'hidden'],
  ['xa-am2', 'another account manager', 'hidden'],
  ['xa-support', 'a support manager', 'hidden'],
  ['p-huaxin', 'a partner', 'hidden'],
];

describe.each(VIEWERS)('%s (%s)', (who, _label, expected) => {
  it.each(Object.keys(PATHS))(`sees personal data ${expected === 'full' ? 'in full' : expected === 'masked' ? 'masked' : 'not at all'} through %s`, async (path) => {
    const seen = await PATHS[path](who);
    if (expected === 'hidden') expect(seen).toBeNull();
    else expect(seen).toEqual({ name: '张伟', ...(expected === 'full' ? FULL : MASKED) });
  });
});

describe('who keeps contacts and records care (DOMAIN.md: Who sees what)', () => {
  it('the industry manager and the grid manager may record care; a leader over the region may not', async () => {
    for (const who of ['im-gov', 'xa-yt-g1']) {
      const payload = dataOf(await t.gql(who, RECORD_CARE, { input: { contactId, kind: 'ONSITE', occurredAt: new Date(Date.now() - 50 * 24 * 3600 * 1000).toISOString() } })).recordCareActivity;
      expect(payload.userErrors).toEqual([]);
      expect(payload.careActivity.recordedBy).toEqual({ employeeNo: who });
    }
    expect(errorCodes(await t.gql('xa-yt-leader', RECORD_CARE, { input: { contactId, kind: 'CALL' } }))).toEqual(['FORBIDDEN']);
  });
});

describe('masking on the way out of a mutation', () => {
  it('the grid manager may change the contact but still reads it masked', async () => {
    const payload = dataOf(await t.gql('xa-yt-g1', UPDATE_CONTACT, { input: { id: contactId, title: '科长' } })).updateContact;
    expect(payload.userErrors).toEqual([]);
    expect(payload.contact).toMatchObject({ title: '科长', ...MASKED });
  });

  it('a masked viewer is not told of a birthday through the due list either', async () => {
    const reasons = async (who: string) => dataOf(await t.gql(who, `query($id: ID!) { node(id: $id) { ... on Contact { careDueReasons(withinDays: 0) } } }`, { id: contactId })).node.careDueReasons;
    const [{ birthday }] = await t.db.query(`SELECT to_char((now() AT TIME ZONE 'Asia/Shanghai')::date, '1980-MM-DD') AS birthday`);
    await t.db.query(`UPDATE contact SET birthday = $1 WHERE name = '张伟'`, [birthday]);
    expect(await reasons('xa-am1')).toEqual(['OVERDUE', 'BIRTHDAY']);
    expect(await reasons('xa-yt-g1')).toEqual(['OVERDUE']);
  });
});
