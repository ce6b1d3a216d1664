import { dataOf, startTestApp, TestApp } from '../support/harness';
import { staffId } from '../customers/builders';
import { aContract, cityCustomer, expectUserError, history, mustAct, mustCreateOpportunity, mustDecide, opportunityIn, reportOpportunity } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const node = async (as: string, id: string) => dataOf(await t.gql(as, `query($id: ID!) { node(id: $id) { id } }`, { id })).node;

describe('every object of an opportunity reads like not found out of scope, on every path', () => {
  let reported: { id: string; code: string };
  let stepId: string, eventId: string, incentiveId: string;
  beforeAll(async () => {
    const customer = await cityCustomer(t);
    reported = (await reportOpportunity(t, 'p-huaxin', { customerId: customer.id, products: ['IDC'], idempotencyKey: 'scope-1' })).opportunity;
    const accepted = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: reported.id, decision: 'ACCEPT' });
    stepId = accepted.currentStep.id;
    await mustDecide(t, 'xa-leader', { stepId, decision: 'APPROVE', comment: '内部审批意见' });
    await mustAct(t, 'xa-am1', 'startOpportunity', { id: reported.id });
    await mustAct(t, 'xa-am1', 'closeOpportunity', { id: reported.id, outcome: 'WON', reason: '签约', contract: aContract() });
    const filed = dataOf(
      await t.gql('xa-leader', `mutation($i: RequestIncentiveInput!) { requestIncentive(input: $i) { incentive { id } } }`, {
        i: { opportunityId: reported.id, amount: '100.00' },
      }),
    );
    incentiveId = filed.requestIncentive.incentive.id;
    eventId = dataOf(await t.gql('xa-am1', `query($id: ID!) { opportunity(id: $id) { history(first: 1) { nodes { id } } } }`, { id: reported.id })).opportunity.history.nodes[0].id;
  });

  it('the reporting partner reaches its step and history entry by node, not the incentive application; another partner and other regions get null', async () => {
    for (const id of [reported.id, stepId, eventId, incentiveId]) {
      // Issue 11: partners never see incentive applications.
      expect(await node('p-huaxin', id)).toEqual(id === incentiveId ? null : { id });
      expect(await node('p-zhilian', id)).toBeNull();
      expect(await node('bj-am1', id)).toBeNull();
      expect(await node('xa-am1', id)).toEqual({ id });
    }
  });

  it('the partner sees approval steps without our approvers’ comments and names', async () => {
    const steps = dataOf(await t.gql('p-huaxin', `query($id: ID!) { opportunity(id: $id) { approvalSteps { state comment decidedBy { employeeNo } } } }`, { id: reported.id })).opportunity
      .approvalSteps;
    expect(steps).toEqual([{ state: 'APPROVED', comment: null, decidedBy: null }]);
  });

  it('a delegation is seen only by the two leaders it joins', async () => {
    const made = dataOf(
      await t.gql('xa-leader', `mutation($i: DelegateApprovalsInput!) { delegateApprovals(input: $i) { delegation { id } } }`, {
        i: { delegateId: await staffId(t, 'bj-leader'), from: new Date().toISOString(), until: new Date(Date.now() + 86_400_000).toISOString() },
      }),
    ).delegateApprovals.delegation;
    expect(await node('bj-leader', made.id)).toEqual({ id: made.id });
    expect(await node('xa-leader', made.id)).toEqual({ id: made.id });
    expect(await node('wn-leader', made.id)).toBeNull();
  });
});

describe('support managers', () => {
  it('read the customers of opportunities awaiting their evaluation or evaluated by them, and no others', async () => {
    const waiting = await cityCustomer(t, { name: '待评估客户' });
    const quiet = await cityCustomer(t, { name: '没有商机的客户' });
    await opportunityIn(t, 'SUBMITTED', waiting.id);
    const read = async (as: string, id: string) => dataOf(await t.gql(as, `query($id: ID) { groupCustomer(id: $id) { name } }`, { id })).groupCustomer;
    expect(await read('xa-support', waiting.id)).toEqual({ name: '待评估客户' });
    expect(await read('xa-support', quiet.id)).toBeNull();
    expect(await read('bj-support', waiting.id)).toBeNull();
  });
});

describe('a customer’s opportunities', () => {
  it('are listed under the customer in the viewer’s scope, with constant statements as the page grows', async () => {
    const customers = [];
    for (let i = 0; i < 6; i++) {
      const customer = await cityCustomer(t, { name: `客户${i}` });
      customers.push(customer);
      for (let j = 0; j < 3; j++) await mustCreateOpportunity(t, 'xa-am1', { customerId: customer.id, products: [j % 2 ? 'CLOUD' : 'IOT'] });
    }
    const query = (n: number) =>
      t.gql(
        'xa-am1',
        `query($n: Int) { groupCustomers(first: $n, filter: { text: "客户" }) { nodes { name opportunities(first: 2) { totalCount nodes { code products expectedCloseDate owner { name } } } } } }`,
        { n },
      );
    const small = await query(2);
    const large = await query(6);
    const nodes = dataOf(large).groupCustomers.nodes;
    expect(nodes).toHaveLength(6);
    expect(nodes[0].opportunities.totalCount).toBe(3);
    expect(nodes[0].opportunities.nodes[0].products.length).toBe(1);
    expect(nodes[0].opportunities.nodes[0].expectedCloseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(large.sql).toBe(small.sql);
    const other = dataOf(await t.gql('xa-am2', `query($id: ID) { groupCustomer(id: $id) { name } }`, { id: customers[0].id })).groupCustomer;
    expect(other).toBeNull();
  });
});

describe('editing a draft', () => {
  it('the reporter edits a DRAFT; the edit is in the history; outside DRAFT it is INVALID_TRANSITION; others get NOT_FOUND', async () => {
    const o = await opportunityIn(t, 'DRAFT', (await cityCustomer(t)).id);
    const update = (as: string, input: Record<string, unknown>) =>
      t
        .gql(as, `mutation($i: UpdateOpportunityInput!) { updateOpportunity(input: $i) { opportunity { title estimatedAmount version } userErrors { code message field } } }`, {
          i: { id: o.id, ...input },
        })
        .then((r) => dataOf(r).updateOpportunity);
    const edited = await update('xa-am1', { title: '专线扩容(修订)', estimatedAmount: '150000', expectedVersion: o.version });
    expect(edited).toMatchObject({ opportunity: { title: '专线扩容(修订)', estimatedAmount: '150000.00', version: o.version + 1 }, userErrors: [] });
    expect((await history(t, 'xa-am1', o.id)).pop()).toMatchObject({
      action: 'UPDATE',
      fromStage: 'DRAFT',
      toStage: 'DRAFT',
      comment: 'Changed title, estimatedAmount',
    });
    expectUserError(await update('xa-am1', { title: 'x', expectedVersion: o.version }), 'VERSION_CONFLICT', 'expectedVersion');
    expectUserError(await update('bj-am1', { title: 'x' }), 'NOT_FOUND', 'id');
    await mustAct(t, 'xa-am1', 'submitOpportunity', { id: o.id });
    expect(expectUserError(await update('xa-am1', { title: 'x' }), 'INVALID_TRANSITION').message).toContain('SUBMITTED');
  });
});
