import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { mustCreateContact, xianCustomer } from '../contacts/builders';
import { newStaff } from './builders';

/** DOMAIN.md: People and rules — contacts leave 离职: kept for history, the org chart and the map; no longer due for care nor counted. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const LEFT = `mutation($input: MarkContactLeftInput!) { markContactLeft(input: $input) { contact { id leftOn careStatus version } userErrors { code message field } } }`;
const markLeft = async (as: string, input: Record<string, unknown>) => dataOf(await t.gql(as, LEFT, { input })).markContactLeft;
const DUE = `{ careDue(withinDays: 30, first: 100) { nodes { id } } }`;
const due = async (as: string) => dataOf(await t.gql(as, DUE)).careDue.nodes.map((n: { id: string }) => n.id);
const CUSTOMER = `query($id: ID!) { groupCustomer(id: $id) {
  careCoverage { careLevel contacts }
  contacts(first: 50) { nodes { id name leftOn careStatus reportsTo { id } } } } }`;
const GAPS = `query($id: ID!) { relationshipGaps(customerId: $id) { id } }`;
const MAP = `query($id: ID!) { relationshipMap(customerId: $id) { people { __typename ... on Contact { id leftOn } } } }`;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

describe('markContactLeft', () => {
  it('keeps a leaver in the org chart and the map, shown as left, and takes them off care lists, coverage and gaps', async () => {
    const c = await xianCustomer(t, '离职测试客户');
    const boss = await mustCreateContact(t, 'xa-am1', { customerId: c.id, name: '离职局长', careLevel: 'MANAGEMENT' });
    const aide = await mustCreateContact(t, 'xa-am1', { customerId: c.id, name: '留任处长', careLevel: 'MANAGEMENT', reportsToId: boss.id });
    expect(await due('xa-am1')).toEqual(expect.arrayContaining([boss.id, aide.id]));
    expect(dataOf(await t.gql('xa-am1', GAPS, { id: c.id })).relationshipGaps.map((g: { id: string }) => g.id)).toEqual(expect.arrayContaining([boss.id, aide.id]));

    const marked = await markLeft('xa-am1', { id: boss.id, leftOn: today(), expectedVersion: boss.version });
    expect(marked.userErrors).toEqual([]);
    expect(marked.contact).toMatchObject({ leftOn: today(), careStatus: 'LEFT', version: boss.version + 1 });

    expect(await due('xa-am1')).not.toContain(boss.id);
    expect(await due('xa-am1')).toContain(aide.id);
    const customer = dataOf(await t.gql('xa-am1', CUSTOMER, { id: c.id })).groupCustomer;
    expect(customer.careCoverage.find((row: { careLevel: string }) => row.careLevel === 'MANAGEMENT').contacts).toBe(1);
    expect(customer.contacts.nodes).toEqual(
      expect.arrayContaining([
        { id: boss.id, name: '离职局长', leftOn: today(), careStatus: 'LEFT', reportsTo: null },
        expect.objectContaining({ id: aide.id, leftOn: null, reportsTo: { id: boss.id } }),
      ]),
    );
    expect(dataOf(await t.gql('xa-am1', GAPS, { id: c.id })).relationshipGaps.map((g: { id: string }) => g.id)).toEqual([aide.id]);
    expect(dataOf(await t.gql('xa-am1', MAP, { id: c.id })).relationshipMap.people).toEqual(expect.arrayContaining([{ __typename: 'Contact', id: boss.id, leftOn: today() }]));
    const filtered = dataOf(await t.gql('xa-am1', `query($id: ID!) { contacts(first: 10, filter: { customerId: $id, careStatuses: [LEFT] }) { nodes { id } } }`, { id: c.id })).contacts.nodes;
    expect(filtered).toEqual([{ id: boss.id }]);

    // Taken back: due again.
    expect((await markLeft('xa-am1', { id: boss.id, leftOn: null })).contact).toMatchObject({ leftOn: null, careStatus: 'OVERDUE' });
    expect(await due('xa-am1')).toContain(boss.id);
    expectUserError(await markLeft('xa-am1', { id: boss.id, leftOn: null }), 'INVALID_TRANSITION', 'leftOn');
  });

  it('refuses a future or malformed date, a stale version, and whoever does not keep the customer', async () => {
    const c = await xianCustomer(t, '离职校验客户');
    const contact = await mustCreateContact(t, 'xa-am1', { customerId: c.id, name: '某科长' });
    expectUserError(await markLeft('xa-am1', { id: contact.id, leftOn: '2999-01-01' }), 'VALIDATION', 'leftOn');
    expectUserError(await markLeft('xa-am1', { id: contact.id, leftOn: 'yesterday' }), 'VALIDATION', 'leftOn');
    expectUserError(await markLeft('xa-am1', { id: contact.id, leftOn: today(), expectedVersion: contact.version + 1 }), 'VERSION_CONFLICT', 'expectedVersion');
    expectUserError(await markLeft('xa-am2', { id: contact.id, leftOn: today() }), 'NOT_FOUND', 'id');
    expect(errorCodes(await t.gql('xa-leader', LEFT, { input: { id: contact.id, leftOn: today() } }))).toEqual(['FORBIDDEN']);
    const partnerish = await newStaff(t, ['SUPPORT_MANAGER'], '6101');
    expectUserError(await markLeft(partnerish.employeeNo, { id: contact.id, leftOn: today() }), 'NOT_FOUND', 'id');
  });
});
