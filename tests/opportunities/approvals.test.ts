import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { staffId } from '../customers/builders';
import { cityCustomer, countyCustomer, decide, decideRaw, expectUserError, mustAct, mustCreateOpportunity, mustDecide, opportunityIn, uuidOf } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const MY_APPROVALS = `query($state: ApprovalState) { myApprovals(first: 50, state: $state) { totalCount nodes { id state overdue dueAt approverRole region { code } opportunity { code } decidedBy { employeeNo } onBehalfOf { employeeNo } } } }`;
const queue = async (as: string, state = 'PENDING') => dataOf(await t.gql(as, MY_APPROVALS, { state })).myApprovals;

async function delegate(as: string, to: string, from: Date, until: Date) {
  const res = await t.gql(
    as,
    `mutation($input: DelegateApprovalsInput!) { delegateApprovals(input: $input) { delegation { id from { employeeNo } to { employeeNo } } userErrors { code message field } } }`,
    {
      input: { delegateId: await staffId(t, to), from: from.toISOString(), until: until.toISOString() },
    },
  );
  return res;
}

const hour = 3_600_000;

describe('a leader’s approval queue', () => {
  it('lists the steps the leader may decide, oldest first, and nothing of other regions', async () => {
    const first = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id);
    const second = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id);
    const mine = await queue('xa-leader');
    expect(mine.nodes.map((s: { opportunity: { code: string } }) => s.opportunity.code)).toEqual([first.code, second.code]);
    expect(mine.nodes[0]).toMatchObject({ state: 'PENDING', approverRole: 'CITY_LEADER', region: { code: '6101' }, overdue: false });
    expect((await queue('bj-leader')).totalCount).toBe(0);
    expect((await queue('xa-yt-leader')).totalCount).toBe(0);
  });

  it('shows a step as overdue after its due time (72 hours by default), and the opportunities list filters on it', async () => {
    const o = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id);
    const dueAt = new Date(o.currentStep.dueAt).getTime();
    expect(Math.round((dueAt - Date.now()) / hour)).toBe(72);
    await t.db.query(`UPDATE approval_step SET due_at = now() - interval '1 hour', created_at = now() - interval '73 hours' WHERE id = $1`, [uuidOf(o.currentStep.id)]);
    const step = (await queue('xa-leader')).nodes.find((s: { opportunity: { code: string } }) => s.opportunity.code === o.code);
    expect(step).toMatchObject({ overdue: true });
    const overdue = dataOf(await t.gql('xa-leader', `{ opportunities(filter: { overdueApproval: true }) { nodes { code currentStep { overdue } } } }`)).opportunities.nodes;
    expect(overdue).toEqual([{ code: o.code, currentStep: { overdue: true } }]);
  });

  it('lists what the leader decided under the decided states', async () => {
    const o = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id);
    await mustDecide(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE' });
    const approved = await queue('xa-leader', 'APPROVED');
    expect(approved.nodes.map((s: { opportunity: { code: string } }) => s.opportunity.code)).toContain(o.code);
    expect(approved.nodes.every((s: { decidedBy: { employeeNo: string } }) => s.decidedBy.employeeNo === 'xa-leader')).toBe(true);
  });
});

describe('delegation 代理审批', () => {
  it('lets the delegate see and decide the leader’s steps for the period; the record keeps who decided on whose behalf', async () => {
    const customer = await countyCustomer(t);
    const pending = await mustCreateOpportunity(t, 'xa-yt-g1', { customerId: customer.id, products: ['IOT'] });
    await mustAct(t, 'xa-yt-g1', 'submitOpportunity', { id: pending.id });
    const accepted = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: pending.id, decision: 'ACCEPT' });

    // 碑林区 leader cannot see a 雁塔区 step before the delegation
    expect((await queue('xa-bl-leader')).nodes.map((s: { id: string }) => s.id)).not.toContain(accepted.currentStep.id);
    expect(dataOf(await t.gql('xa-bl-leader', `query($id: ID!) { node(id: $id) { id } }`, { id: pending.id })).node).toBeNull();

    const made = dataOf(await delegate('xa-yt-leader', 'xa-bl-leader', new Date(Date.now() - hour), new Date(Date.now() + 24 * hour))).delegateApprovals;
    expect(made).toMatchObject({ delegation: { from: { employeeNo: 'xa-yt-leader' }, to: { employeeNo: 'xa-bl-leader' } }, userErrors: [] });

    // both the approver and the delegate see the step
    expect((await queue('xa-bl-leader')).nodes.map((s: { id: string }) => s.id)).toContain(accepted.currentStep.id);
    expect((await queue('xa-yt-leader')).nodes.map((s: { id: string }) => s.id)).toContain(accepted.currentStep.id);

    const decided = await mustDecide(t, 'xa-bl-leader', { stepId: accepted.currentStep.id, decision: 'APPROVE', comment: '代审同意' });
    expect(decided.step).toMatchObject({ state: 'APPROVED', decidedBy: { employeeNo: 'xa-bl-leader' }, onBehalfOf: { employeeNo: 'xa-yt-leader' } });
    const events = dataOf(
      await t.gql('xa-yt-leader', `query($id: ID!) { opportunity(id: $id) { history { nodes { action actor { employeeNo } onBehalfOf { employeeNo } } } } }`, {
        id: pending.id,
      }),
    ).opportunity.history.nodes;
    expect(events[events.length - 1]).toEqual({
      action: 'APPROVE_LAST_STEP',
      actor: { employeeNo: 'xa-bl-leader' },
      onBehalfOf: { employeeNo: 'xa-yt-leader' },
    });
  });

  it('ends with its period: an expired or future delegation gives nothing', async () => {
    const o = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id);
    await delegate('xa-leader', 'bj-leader', new Date(Date.now() + 24 * hour), new Date(Date.now() + 48 * hour));
    expect((await queue('bj-leader')).totalCount).toBe(0);
    expect(errorCodes(await decideRaw(t, 'bj-leader', { stepId: o.currentStep.id, decision: 'APPROVE' }))).toEqual([]);
    expectUserError((await decideRaw(t, 'bj-leader', { stepId: o.currentStep.id, decision: 'APPROVE' })).body.data.decideApproval, 'NOT_FOUND', 'stepId');
  });

  it('refuses a delegate who is not a leader, oneself, and a period that ends before it starts', async () => {
    expectUserError(dataOf(await delegate('xa-leader', 'xa-am1', new Date(), new Date(Date.now() + hour))).delegateApprovals, 'VALIDATION', 'delegateId');
    expectUserError(dataOf(await delegate('xa-leader', 'xa-leader', new Date(), new Date(Date.now() + hour))).delegateApprovals, 'VALIDATION', 'delegateId');
    expectUserError(dataOf(await delegate('xa-leader', 'bj-leader', new Date(Date.now() + hour), new Date())).delegateApprovals, 'VALIDATION', 'until');
    expect(errorCodes(await delegate('xa-am1', 'xa-leader', new Date(), new Date(Date.now() + hour)))).toEqual(['FORBIDDEN']);
  });
});

describe('the route is fixed when the support manager accepts', () => {
  it('re-classifying the customer mid-approval neither drops nor adds a step', async () => {
    const customer = await cityCustomer(t, { name: '西安改级客户' });
    let o = await mustCreateOpportunity(t, 'xa-am1', { customerId: customer.id, estimatedAmount: '6000000.00' });
    o = await mustAct(t, 'xa-am1', 'submitOpportunity', { id: o.id });
    o = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: o.id, decision: 'ACCEPT' });
    expect(o.currentStep.approverRole).toBe('CITY_LEADER');
    // An admin sets the level directly (an account manager would need the leader's approval: DOMAIN.md People and rules).
    const moved = await t.gql('admin', `mutation($i: UpdateGroupCustomerInput!) { updateGroupCustomer(input: $i) { userErrors { code } } }`, {
      i: { id: customer.id, managementLevel: 'PROVINCE' },
    });
    expect(dataOf(moved).updateGroupCustomer.userErrors).toEqual([]);
    const afterCity = (await mustDecide(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE' })).opportunity;
    expect(afterCity.stage).toBe('PENDING_APPROVAL');
    expect(afterCity.currentStep.approverRole).toBe('PROVINCE_LEADER');
    // Now province-managed, it is owned by a provincial industry manager (DOMAIN.md: Ownership).
    const wrongOwner = await decide(t, 'sx-leader', { stepId: afterCity.currentStep.id, decision: 'APPROVE' });
    expectUserError(wrongOwner, 'VALIDATION', 'ownerId');
    const done = (await mustDecide(t, 'sx-leader', { stepId: afterCity.currentStep.id, decision: 'APPROVE', ownerId: await staffId(t, 'im-gov') })).opportunity;
    expect(done.stage).toBe('APPROVED');
  });
});

describe('ownership by management level', () => {
  it('the last approval gives a city customer to an account manager of that city, not of another', async () => {
    const customer = await cityCustomer(t, { name: '归属测试客户' });
    const o = await opportunityIn(t, 'PENDING_APPROVAL', customer.id);
    for (const [owner, message] of [
      ['bj-am1', 'does not work in the customer'],
      ['xa-support', 'owned by a ACCOUNT_MANAGER'],
      ['im-gov', 'owned by a ACCOUNT_MANAGER'],
    ] as const) {
      const refused = await decide(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE', ownerId: await staffId(t, owner) });
      expect(expectUserError(refused, 'VALIDATION', 'ownerId').message).toContain(message);
    }
    const approved = (await mustDecide(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE', ownerId: await staffId(t, 'xa-am2') })).opportunity;
    expect(approved.owner.employeeNo).toBe('xa-am2');
  });
});
