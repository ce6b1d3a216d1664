import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { mustCreateCustomer } from '../customers/builders';
import { mustAct, mustCreateOpportunity, mustDecide } from '../opportunities/builders';
import { deactivate, deactivateRaw, foreignKeysTo, newStaff, regionId, staffId } from './builders';

/** DOMAIN.md: People and rules — staff leave: everything they hold goes to named successors in one transaction. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const VIEWER = `{ viewer { employeeNo } }`;
const CUSTOMER = `query($id: ID!) { groupCustomer(id: $id) { version accountManager { employeeNo } history(first: 5) { nodes { action changes { field from to } actor { employeeNo } } } } }`;
const OPPORTUNITY = `query($id: ID!) { opportunity(id: $id) { stage version owner { employeeNo } history(first: 20) { nodes { action comment actor { employeeNo } } } } }`;

/** A new account manager in 西安 with two customers, a draft they reported and an opportunity they own in progress. */
async function accountManagerWithBook() {
  const leaver = await newStaff(t, ['ACCOUNT_MANAGER'], '6101');
  const customers = [];
  for (const name of ['交接客户甲', '交接客户乙']) customers.push(await mustCreateCustomer(t, 'admin', { name, accountManagerId: leaver.id }));
  const draft = await mustCreateOpportunity(t, leaver.employeeNo, { customerId: customers[0].id });
  let owned = await mustCreateOpportunity(t, leaver.employeeNo, { customerId: customers[1].id });
  owned = await mustAct(t, leaver.employeeNo, 'submitOpportunity', { id: owned.id });
  owned = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: owned.id, decision: 'ACCEPT' });
  owned = (await mustDecide(t, 'xa-leader', { stepId: owned.currentStep.id, decision: 'APPROVE', ownerId: leaver.id })).opportunity;
  owned = await mustAct(t, leaver.employeeNo, 'startOpportunity', { id: owned.id });
  return { leaver, customers, draft, owned };
}

describe('deactivateStaff hands over what the leaver holds', () => {
  it('moves customers and open opportunities to the successors, records it on each, and refuses the leaver’s token at once', async () => {
    const { leaver, customers, draft, owned } = await accountManagerWithBook();
    expect(errorCodes(await t.gql(leaver.employeeNo, VIEWER))).toEqual([]);
    const before = dataOf(await t.gql('admin', CUSTOMER, { id: customers[0].id })).groupCustomer;
    const am2 = await staffId(t, 'xa-am2');
    const payload = await deactivate(t, leaver.id, { customersTo: am2, opportunitiesTo: am2 });
    expect(payload.userErrors).toEqual([]);
    expect(payload.staff.active).toBe(false);
    expect(payload.handover).toEqual({ customers: 2, opportunities: 2, approvalSteps: 0, delegations: 0, complaints: 0 });
    expect(errorCodes(await t.gql(leaver.employeeNo, VIEWER))).toEqual(['UNAUTHENTICATED']);

    const after = dataOf(await t.gql('xa-am2', CUSTOMER, { id: customers[0].id })).groupCustomer;
    expect(after.accountManager.employeeNo).toBe('xa-am2');
    expect(after.version).toBe(before.version + 1);
    expect(after.history.nodes[0]).toEqual({ action: 'HANDOVER', changes: [{ field: 'accountManager', from: leaver.id, to: am2 }], actor: { employeeNo: 'admin' } });
    for (const o of [draft, owned]) {
      const read = dataOf(await t.gql('xa-am2', OPPORTUNITY, { id: o.id })).opportunity;
      expect(read.owner.employeeNo).toBe('xa-am2');
      expect(read.stage).toBe(o.stage);
      expect(read.history.nodes.find((e: { action: string }) => e.action === 'HANDOVER')).toMatchObject({ actor: { employeeNo: 'admin' }, comment: expect.stringContaining('离职交接') });
    }
    // The successor carries on: submits the draft they now own, closes the one in progress.
    await mustAct(t, 'xa-am2', 'submitOpportunity', { id: draft.id });
  });

  it('refuses, changing nothing, when a kind of thing the leaver holds has no successor named', async () => {
    const { leaver, customers } = await accountManagerWithBook();
    const payload = await deactivate(t, leaver.id, { customersTo: await staffId(t, 'xa-am2') });
    const error = expectUserError(payload, 'HANDOVER_REFUSED', 'handover.opportunitiesTo');
    expect(error.message).toContain('2 open opportunities');
    expect(errorCodes(await t.gql(leaver.employeeNo, VIEWER))).toEqual([]);
    expect(dataOf(await t.gql('admin', CUSTOMER, { id: customers[0].id })).groupCustomer.accountManager.employeeNo).toBe(leaver.employeeNo);
  });

  it('refuses a successor who may not hold them, naming what cannot move', async () => {
    const { leaver, customers } = await accountManagerWithBook();
    // An account manager of 宝鸡 keeps no customer in 西安.
    const payload = await deactivate(t, leaver.id, { customersTo: await staffId(t, 'bj-am1'), opportunitiesTo: await staffId(t, 'xa-am2') });
    const error = expectUserError(payload, 'HANDOVER_REFUSED', 'handover.customersTo');
    expect(error.message).toContain(customers[0].code);
    expect(error.message).toContain(customers[1].code);
    // A support manager owns no opportunity (DOMAIN.md: Ownership).
    expectUserError(await deactivate(t, leaver.id, { customersTo: await staffId(t, 'xa-am2'), opportunitiesTo: await staffId(t, 'xa-support') }), 'HANDOVER_REFUSED', 'handover.opportunitiesTo');
    // An inactive successor takes nothing.
    const gone = await newStaff(t, ['ACCOUNT_MANAGER'], '6101');
    expect((await deactivate(t, gone.id, {})).userErrors).toEqual([]);
    expectUserError(await deactivate(t, leaver.id, { customersTo: gone.id, opportunitiesTo: gone.id }), 'HANDOVER_REFUSED', 'handover.customersTo');
    expect(dataOf(await t.gql('admin', CUSTOMER, { id: customers[0].id })).groupCustomer.accountManager.employeeNo).toBe(leaver.employeeNo);
    expect(errorCodes(await t.gql(leaver.employeeNo, VIEWER))).toEqual([]);
  });

  it('hands a leaving leader’s pending steps and delegations to a leader over them, who may then decide', async () => {
    const leader = await newStaff(t, ['CITY_LEADER'], '6101');
    const customer = await mustCreateCustomer(t, 'xa-am1', { name: '审批交接客户' });
    let o = await mustCreateOpportunity(t, 'xa-am1', { customerId: customer.id });
    o = await mustAct(t, 'xa-am1', 'submitOpportunity', { id: o.id });
    o = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: o.id, decision: 'ACCEPT' });
    const delegated = dataOf(
      await t.gql(leader.employeeNo, `mutation($i: DelegateApprovalsInput!) { delegateApprovals(input: $i) { delegation { id } userErrors { code } } }`, {
        i: { delegateId: await staffId(t, 'xa-yt-leader'), from: new Date(Date.now() - 60_000).toISOString(), until: new Date(Date.now() + 86_400_000).toISOString() },
      }),
    ).delegateApprovals;
    expect(delegated.userErrors).toEqual([]);

    // 宝鸡's city leader is no leader over a 西安 step.
    expectUserError(await deactivate(t, leader.id, { approvalsTo: await staffId(t, 'bj-leader') }), 'HANDOVER_REFUSED', 'handover.approvalsTo');
    expectUserError(await deactivate(t, leader.id, { approvalsTo: await staffId(t, 'xa-am1') }), 'HANDOVER_REFUSED', 'handover.approvalsTo');
    expectUserError(await deactivate(t, leader.id, {}), 'HANDOVER_REFUSED', 'handover.approvalsTo');

    const payload = await deactivate(t, leader.id, { approvalsTo: await staffId(t, 'sx-leader') });
    expect(payload.userErrors).toEqual([]);
    // Every pending CITY_LEADER step of 西安 is the seat's (xa-leader shares it), so all of them were handed over, this one among them.
    expect(payload.handover.approvalSteps).toBeGreaterThanOrEqual(1);
    expect(payload.handover.delegations).toBe(1);
    const [delegation] = await t.db.query(`SELECT f.employee_no AS "from", d.to_id FROM approval_delegation d JOIN staff f ON f.id = d.from_id WHERE d.id = $1`, [
      Buffer.from(delegated.delegation.id, 'base64').toString().split(':')[1],
    ]);
    expect(delegation.from).toBe('sx-leader');
    const decided = await mustDecide(t, 'sx-leader', { stepId: o.currentStep.id, decision: 'APPROVE' });
    expect(decided.step).toMatchObject({ state: 'APPROVED', decidedBy: { employeeNo: 'sx-leader' }, onBehalfOf: null });
    const read = dataOf(await t.gql('admin', OPPORTUNITY, { id: o.id })).opportunity;
    expect(read.history.nodes.map((e: { action: string }) => e.action)).toContain('HANDOVER');
  });

  it('two admins handing over the same person at once: exactly one wins', async () => {
    const { leaver } = await accountManagerWithBook();
    const [am2, am3] = [await staffId(t, 'xa-am2'), await staffId(t, 'xa-am3')];
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => deactivateRaw(t, 'admin', leaver.id, i % 2 ? { customersTo: am2, opportunitiesTo: am2 } : { customersTo: am3, opportunitiesTo: am3 })),
    );
    const payloads = responses.map((r) => dataOf(r).deactivateStaff);
    expect(payloads.filter((p) => p.userErrors.length === 0)).toHaveLength(1);
    expect(payloads.filter((p) => p.userErrors.length > 0).every((p) => p.userErrors[0].code === 'INVALID_TRANSITION')).toBe(true);
    const [{ managers }] = await t.db.query(
      `SELECT count(DISTINCT account_manager_id)::int AS managers FROM group_customer WHERE name IN ('交接客户甲', '交接客户乙') AND account_manager_id IN ($1, $2)`,
      [Buffer.from(am2, 'base64').toString().split(':')[1], Buffer.from(am3, 'base64').toString().split(':')[1]],
    );
    expect(managers).toBeGreaterThanOrEqual(1);
  });

  it('leaves no table pointing at the leaver for anything still running (every foreign key to staff, found in the catalogue)', async () => {
    const { leaver } = await accountManagerWithBook();
    const am2 = await staffId(t, 'xa-am2');
    expect((await deactivate(t, leaver.id, { customersTo: am2, opportunitiesTo: am2 })).userErrors).toEqual([]);
    const uuid = Buffer.from(leaver.id, 'base64').toString().split(':')[1];
    /*
     * Each column pointing at staff is either handed over (the condition picks the rows that must no longer name the
     * leaver) or a record of what they did, kept as history (null). A new column fails here until it is classified.
     */
    const CLASSIFIED: Record<string, string | null> = {
      'group_customer.account_manager_id': 'TRUE',
      'opportunity.owner_id': `stage NOT IN ('WON', 'LOST', 'REJECTED', 'CANCELLED')`,
      'approval_step.handed_to_id': `state = 'PENDING'`,
      'approval_delegation.from_id': 'valid_until > now()',
      'approval_delegation.to_id': 'valid_until > now()',
      'opportunity.reporter_id': `stage NOT IN ('WON', 'LOST', 'REJECTED', 'CANCELLED') AND owner_id IS NULL AND partner_id IS NULL`,
      'opportunity.support_manager_id': null,
      'opportunity_event.actor_id': null,
      'opportunity_event.on_behalf_of_id': null,
      'approval_step.decided_by_id': null,
      'approval_step.on_behalf_of_id': null,
      'customer_change.actor_id': null,
      'customer_relation.recorded_by_id': null,
      'customer_reclassification.requested_by_id': null,
      'customer_reclassification.decided_by_id': null,
      'customer_code_alias.merged_by_id': null,
      'care_activity.recorded_by_id': null,
      'care_policy.updated_by_id': null,
      'relationship.a_staff_id': null,
      'relationship.b_staff_id': null,
      'relationship.recorded_by_id': null,
      'follow_up.author_id': null,
      'contract.signed_by_id': null,
      'incentive.requested_by_id': null,
      'incentive.decided_by_id': null,
      'registration_attempt.reporter_id': null,
      'commission.reviewed_by_id': null,
      'commission.paid_recorded_by_id': null,
      'commission_rate.set_by_id': null,
      'trusted_document.registered_by_id': null,
      'business_rule_set.changed_by_id': null,
      'complaint.first_responder_id': `state <> 'CLOSED'`,
      'complaint.handler_id': `state <> 'CLOSED'`,
      'complaint_event.actor_id': null,
      'complaint_event.handler_id': null,
      'customer_event.recorded_by_id': null,
      'customer_event_opportunity.linked_by_id': null,
      'satisfaction_survey.recorded_by_id': null,
      'service_standard.updated_by_id': null,
      // Who uploaded a file or started an export: a record (a leaver's export job is theirs alone to download, and they can no longer sign in).
      'import_job.created_by_id': null,
      'export_job.created_by_id': null,
      'retention_case.lead_id': 'closed_at IS NULL',
      'retention_case.co_lead_id': 'closed_at IS NULL',
      'retention_case.opened_by_id': null,
      'retention_case.closed_by_id': null,
      'retention_action.recorded_by_id': null,
      'customer_monthly_revenue.recorded_by_id': null,
      'segment_rule_set.changed_by_id': null,
    };
    const columns = await foreignKeysTo(t, 'staff');
    expect(columns.length).toBeGreaterThan(25);
    const unclassified = columns.map((c) => `${c.table}.${c.column}`).filter((name) => !(name in CLASSIFIED));
    expect(unclassified).toEqual([]);
    const left: string[] = [];
    for (const { table, column } of columns) {
      const live = CLASSIFIED[`${table}.${column}`];
      if (live === null) continue;
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1 AND (${live})`, [uuid]);
      if (n > 0) left.push(`${table}.${column}: ${n}`);
    }
    expect(left).toEqual([]);
  });
});

describe('reactivateStaff and updateStaff', () => {
  it('a reactivated user signs in again; what was handed over stays', async () => {
    const leaver = await newStaff(t, ['ACCOUNT_MANAGER'], '6101');
    expect((await deactivate(t, leaver.id, {})).userErrors).toEqual([]);
    expectUserError(await deactivate(t, leaver.id, {}), 'INVALID_TRANSITION', 'id');
    const REACTIVATE = `mutation($input: ReactivateStaffInput!) { reactivateStaff(input: $input) { staff { active } userErrors { code message field } } }`;
    expect(dataOf(await t.gql('admin', REACTIVATE, { input: { id: leaver.id } })).reactivateStaff).toEqual({ staff: { active: true }, userErrors: [] });
    expect(errorCodes(await t.gql(leaver.employeeNo, VIEWER))).toEqual([]);
    expectUserError(dataOf(await t.gql('admin', REACTIVATE, { input: { id: leaver.id } })).reactivateStaff, 'INVALID_TRANSITION', 'id');
    expect(errorCodes(await t.gql('xa-am1', REACTIVATE, { input: { id: leaver.id } }))).toEqual(['FORBIDDEN']);
  });

  it('changes name, roles and region under the same rules as creating a user, effective from the next request', async () => {
    const person = await newStaff(t, ['ACCOUNT_MANAGER'], '6101');
    const UPDATE = `mutation($input: UpdateStaffInput!) { updateStaff(input: $input) { staff { name roles region { code } } userErrors { code message field } } }`;
    const moved = dataOf(
      await t.gql('admin', UPDATE, { input: { id: person.id, name: '调岗员工', roles: ['GRID_MANAGER', 'ACCOUNT_MANAGER'], regionId: await regionId(t, '610113-G1') } }),
    ).updateStaff;
    expect(moved).toEqual({ staff: { name: '调岗员工', roles: ['GRID_MANAGER', 'ACCOUNT_MANAGER'], region: { code: '610113-G1' } }, userErrors: [] });
    expect(dataOf(await t.gql(person.employeeNo, `{ viewer { roles } }`)).viewer.roles).toEqual(['GRID_MANAGER', 'ACCOUNT_MANAGER']);
    expectUserError(dataOf(await t.gql('admin', UPDATE, { input: { id: person.id, roles: ['CITY_LEADER'] } })).updateStaff, 'VALIDATION', 'roles');
    expectUserError(dataOf(await t.gql('admin', UPDATE, { input: { id: person.id, roles: ['INDUSTRY_MANAGER'], regionId: await regionId(t, '61') } })).updateStaff, 'VALIDATION', 'industry');
    expectUserError(dataOf(await t.gql('admin', UPDATE, { input: { id: person.id, roles: ['PARTNER'] } })).updateStaff, 'VALIDATION', 'roles');
    expect(errorCodes(await t.gql('xa-leader', UPDATE, { input: { id: person.id, name: 'x' } }))).toEqual(['FORBIDDEN']);
  });
});

describe('two instances', () => {
  it('a user deactivated through one instance is refused by the other within a second', async () => {
    const a = await startTestApp({ VIEWER_CACHE_MS: '1000' });
    const b = await startTestApp({ DATABASE_URL: a.url, VIEWER_CACHE_MS: '1000' });
    try {
      const person = await newStaff(a, ['ACCOUNT_MANAGER'], '6101');
      expect(errorCodes(await b.gql(person.employeeNo, VIEWER))).toEqual([]); // remembered by b
      expect(dataOf(await deactivateRaw(a, 'admin', person.id, {})).deactivateStaff.userErrors).toEqual([]);
      const deadline = Date.now() + 1100;
      let codes = errorCodes(await b.gql(person.employeeNo, VIEWER));
      while (codes.length === 0 && Date.now() < deadline) codes = errorCodes(await b.gql(person.employeeNo, VIEWER));
      expect(codes).toEqual(['UNAUTHENTICATED']);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
