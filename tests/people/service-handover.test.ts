import { dataOf, expectUserError, startTestApp, TestApp } from '../support/harness';
import { mustCreateCustomer } from '../customers/builders';
import { COMPLAINT_FIELDS, mustMove, mustRecordComplaint, resolvedComplaint } from '../service/builders';
import { mustCreateContact, mustRecordCare } from '../contacts/builders';
import { deactivate, newStaff, staffId } from './builders';

/** 首问负责制 survives a leaver (DOMAIN.md: People and rules, Service quality): open complaints keep someone accountable. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const COMPLAINT = `query($id: ID!) { node(id: $id) { ... on Complaint { ${COMPLAINT_FIELDS} } } }`;
const MERGE = `mutation($input: MergeGroupCustomersInput!) { mergeGroupCustomers(input: $input) { groupCustomer { id } userErrors { code message field } } }`;
const SURVEY = `mutation($input: RecordSatisfactionInput!) { recordSatisfaction(input: $input) { satisfactionSurvey { id } userErrors { code message field } } }`;

describe('a leaver’s complaints', () => {
  it('go to the successor of their customers as first responder and handler; closed ones keep the leaver as history', async () => {
    const leaver = await newStaff(t, ['ACCOUNT_MANAGER'], '6101');
    const customer = await mustCreateCustomer(t, 'admin', { name: '投诉交接客户', accountManagerId: leaver.id });
    const open = await mustRecordComplaint(t, leaver.employeeNo, { customerId: customer.id });
    const handled = await mustRecordComplaint(t, 'xa-leader', { customerId: customer.id });
    await mustMove(t, 'xa-leader', 'handOverComplaint', { id: handled.id, handlerId: leaver.id, note: '请客户经理处理', expectedVersion: handled.version });

    const refused = await deactivate(t, leaver.id, {});
    expectUserError(refused, 'HANDOVER_REFUSED', 'handover.customersTo');

    const payload = await deactivate(t, leaver.id, { customersTo: await staffId(t, 'xa-am2') });
    expect(payload.userErrors).toEqual([]);
    const first = dataOf(await t.gql('xa-am2', COMPLAINT, { id: open.id })).node;
    expect(first.firstResponder.employeeNo).toBe('xa-am2');
    expect(first.history.at(-1)).toMatchObject({ action: 'HAND_OVER', actor: { employeeNo: 'admin' }, note: expect.stringContaining('离职交接') });
    const second = dataOf(await t.gql('xa-am2', COMPLAINT, { id: handled.id })).node;
    expect(second).toMatchObject({ firstResponder: { employeeNo: 'xa-leader' }, handler: { employeeNo: 'xa-am2' } });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM complaint WHERE state <> 'CLOSED' AND (first_responder_id = $1 OR handler_id = $1)`, [
      Buffer.from(leaver.id, 'base64').toString().split(':')[1],
    ]);
    expect(n).toBe(0);
  });
});

describe('merging customers moves their service record', () => {
  it('moves complaints and surveys to the survivor, and refuses two surveys of one period', async () => {
    const survivor = await mustCreateCustomer(t, 'xa-am1', { name: '服务合并存续' });
    const merged = await mustCreateCustomer(t, 'xa-am1', { name: '服务合并重复' });
    const complaint = await mustRecordComplaint(t, 'xa-am1', { customerId: merged.id });
    for (const customerId of [survivor.id, merged.id]) {
      expect(dataOf(await t.gql('xa-am1', SURVEY, { input: { customerId, period: { year: 2026, quarter: 3 }, score: 8 } })).recordSatisfaction.userErrors).toEqual([]);
    }
    const versions = { survivor: survivor.version, merged: merged.version };
    const clash = dataOf(await t.gql('admin', MERGE, { input: { survivorId: survivor.id, mergedId: merged.id, expectedVersions: versions } })).mergeGroupCustomers;
    expectUserError(clash, 'MERGE_CONFLICT', 'mergedId');
    expect(clash.userErrors[0].message).toContain('2026-Q3');

    await t.db.query(`DELETE FROM satisfaction_survey WHERE customer_id = $1 AND period = '2026-Q3'`, [Buffer.from(survivor.id, 'base64').toString().split(':')[1]]);
    const done = dataOf(await t.gql('admin', MERGE, { input: { survivorId: survivor.id, mergedId: merged.id, expectedVersions: versions } })).mergeGroupCustomers;
    expect(done.userErrors).toEqual([]);
    const moved = dataOf(await t.gql('xa-am1', COMPLAINT, { id: complaint.id })).node;
    expect(moved.customer.id).toBe(survivor.id);
    expect(moved.history.at(-1)).toMatchObject({ note: expect.stringContaining('客户合并') });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM satisfaction_survey WHERE customer_id = $1`, [Buffer.from(survivor.id, 'base64').toString().split(':')[1]]);
    expect(n).toBe(1);
  });
});

describe('a contact who left 离职 is owed no service', () => {
  const LEFT = `mutation($input: MarkContactLeftInput!) { markContactLeft(input: $input) { userErrors { code message } } }`;
  const COMPLIANCE = `query($id: ID!, $p: ServicePeriodInput!) { node(id: $id) { ... on GroupCustomer { serviceCompliance(period: $p) { owed } } } }`;

  it('after a complaint, only the key contacts still there are owed follow-up care, and caring for them closes it', async () => {
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '离职关怀客户', grade: 'B2' });
    const standard = dataOf(
      await t.gql('admin', `mutation($input: SetServiceStandardInput!) { setServiceStandard(input: $input) { userErrors { code message } } }`, {
        input: { grade: 'B2', careLevel: 'KEY_PERSON', kind: 'VISIT', times: 1, per: 'QUARTER', tier: 'ENTITLED' },
      }),
    ).setServiceStandard;
    expect(standard.userErrors).toEqual([]);
    const stays = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '周局长', careLevel: 'MANAGEMENT' });
    const leaves = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '吴科长', careLevel: 'KEY_PERSON' });
    const reasons = async () =>
      Object.fromEntries(
        dataOf(await t.gql('xa-am1', `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Contact { name careDueReasons } } }`, { ids: [stays.id, leaves.id] })).nodes.map(
          (n: { name: string; careDueReasons: string[] }) => [n.name, n.careDueReasons.filter((r) => r === 'COMPLAINT_FOLLOW_UP')],
        ),
      );
    const p = { year: Number(new Date().toISOString().slice(0, 4)), quarter: Math.floor(new Date().getUTCMonth() / 3) + 1 };
    const owed = async () => dataOf(await t.gql('xa-am1', COMPLIANCE, { id: customer.id, p })).node.serviceCompliance.owed as number;
    const owedBefore = await owed();

    const complaint = await resolvedComplaint(t, 'xa-am1', { customerId: customer.id });
    expect(await reasons()).toEqual({ 周局长: ['COMPLAINT_FOLLOW_UP'], 吴科长: ['COMPLAINT_FOLLOW_UP'] });
    expect(dataOf(await t.gql('xa-am1', LEFT, { input: { id: leaves.id, leftOn: new Date().toISOString().slice(0, 10) } })).markContactLeft.userErrors).toEqual([]);
    expect(await reasons()).toEqual({ 周局长: ['COMPLAINT_FOLLOW_UP'], 吴科长: [] });
    // Service standards owe nothing for them any more.
    expect(await owed()).toBeLessThan(owedBefore);

    await mustRecordCare(t, 'xa-am1', { contactId: stays.id, kind: 'VISIT', note: '投诉后回访' });
    const [{ open }] = await t.db.query(`SELECT follow_up_open AS open FROM complaint WHERE id = $1`, [Buffer.from(complaint.id, 'base64').toString().split(':')[1]]);
    expect(open).toBe(false);
  });
});
