import { dataOf, expectUserError, startTestApp, TestApp } from '../support/harness';
import { regionId } from '../customers/builders';
import { aContract, act, cityCustomer, mustAct, mustDecide, opportunityIn } from './builders';
import { logFollowUp, mustLogFollowUp } from './follow-through-builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // A second support manager in 西安, to hand an opportunity from one to the other.
  const created = dataOf(
    await t.gql('admin', `mutation($input: CreateStaffInput!) { createStaff(input: $input) { userErrors { code message } } }`, {
      input: { employeeNo: 'xa-support2', name: '支撑二', roles: ['SUPPORT_MANAGER'], regionId: await regionId(t, '6101') },
    }),
  ).createStaff;
  expect(created.userErrors).toEqual([]);
});
afterAll(() => t.close());

/** Everything DOMAIN.md lets the accepting support manager keep, read on every path at once. */
async function sight(as: string, o: { id: string; code: string }, customerId: string) {
  const res = dataOf(
    await t.gql(
      as,
      `query($id: ID!, $code: String, $customer: ID!) {
        byId: opportunity(id: $id) { code history(first: 10) { totalCount } customer { name } }
        byCode: opportunity(code: $code) { code }
        node(id: $id) { id }
        list: opportunities(first: 100, filter: { customerId: $customer }) { nodes { code } }
        customer: groupCustomer(id: $customer) { name contacts(first: 5) { totalCount } }
        customerNode: node(id: $customer) { id }
      }`,
      { id: o.id, code: o.code, customer: customerId },
    ),
  );
  return {
    opportunity: res.byId != null,
    byCode: res.byCode != null,
    node: res.node != null,
    listed: res.list.nodes.some((n: { code: string }) => n.code === o.code),
    history: res.byId?.history.totalCount ?? 0,
    nestedCustomer: res.byId?.customer?.name ?? null,
    customer: res.customer?.name ?? null,
    contacts: res.customer?.contacts.totalCount ?? null,
    customerNode: res.customerNode != null,
  };
}

const KEEPS = { opportunity: true, byCode: true, node: true, listed: true, nestedCustomer: '支撑客户', customer: '支撑客户', contacts: 0, customerNode: true };
const LOST = {
  opportunity: false,
  byCode: false,
  node: false,
  listed: false,
  history: 0,
  nestedCustomer: null,
  customer: null,
  contacts: null,
  customerNode: false,
};

describe('the support manager who accepted an opportunity keeps it until it is closed (DOMAIN.md: Follow-through)', () => {
  it('reads it, its history and its customer’s basic fields (not its contacts) on every path, through approval and follow-up', async () => {
    const customer = await cityCustomer(t, { name: '支撑客户' });
    await t.gql('xa-am1', `mutation($i: CreateContactInput!) { createContact(input: $i) { userErrors { code } } }`, {
      i: { customerId: customer.id, name: '李主任', careLevel: 'KEY_PERSON' },
    });
    const pending = await opportunityIn(t, 'PENDING_APPROVAL', customer.id);
    expect(await sight('xa-support', pending, customer.id)).toMatchObject(KEEPS);
    const approved = (await mustDecide(t, 'xa-leader', { stepId: pending.currentStep.id, decision: 'APPROVE' })).opportunity;
    expect(await sight('xa-support', approved, customer.id)).toMatchObject(KEEPS);
    const started = await mustAct(t, 'xa-am1', 'startOpportunity', { id: approved.id });
    const seen = await sight('xa-support', started, customer.id);
    expect(seen).toMatchObject(KEEPS);
    expect(seen.history).toBeGreaterThanOrEqual(5);
    // another city's support manager sees none of it
    expect(await sight('bj-support', started, customer.id)).toEqual(LOST);
  });

  it('may log follow-ups until it closes; then everything reads like not found', async () => {
    const customer = await cityCustomer(t, { name: '支撑客户' });
    const o = await opportunityIn(t, 'IN_PROGRESS', customer.id);
    expect((await mustLogFollowUp(t, 'xa-support', { opportunityId: o.id, kind: 'DEMO', note: '支撑经理现场演示' })).followUp.author).toEqual({
      employeeNo: 'xa-support',
    });
    const won = await mustAct(t, 'xa-am1', 'closeOpportunity', { id: o.id, outcome: 'WON', reason: '签约', contract: aContract() });
    expect(await sight('xa-support', won, customer.id)).toEqual(LOST);
    expectUserError(await logFollowUp(t, 'xa-support', { opportunityId: o.id }), 'NOT_FOUND', 'opportunityId');
  });

  it.each(['LOST', 'CANCELLED', 'REJECTED'])('loses it when it ends %s', async (stage) => {
    const customer = await cityCustomer(t, { name: '支撑客户' });
    const o = await opportunityIn(t, stage, customer.id);
    expect(await sight('xa-support', o, customer.id)).toEqual(LOST);
  });

  it('keeps what it accepted, not what it returned; a later acceptance by a colleague hands it over', async () => {
    const customer = await cityCustomer(t, { name: '支撑客户' });
    const submitted = await opportunityIn(t, 'SUBMITTED', customer.id);
    await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: submitted.id, decision: 'RETURN', comment: '请补充需求' });
    expect(await sight('xa-support', submitted, customer.id)).toEqual(LOST);
    await mustAct(t, 'xa-am1', 'submitOpportunity', { id: submitted.id });
    const accepted = await mustAct(t, 'xa-support2', 'evaluateOpportunity', { id: submitted.id, decision: 'ACCEPT' });
    expect(await sight('xa-support2', accepted, customer.id)).toMatchObject(KEEPS);
    expect(await sight('xa-support', accepted, customer.id)).toEqual(LOST);
    expectUserError(await logFollowUp(t, 'xa-support', { opportunityId: accepted.id }), 'NOT_FOUND', 'opportunityId');
  });

  it('may read but not move it: other lifecycle actions stay FORBIDDEN', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t, { name: '支撑客户' })).id);
    const res = await t.gql('xa-support', `mutation($i: CloseOpportunityInput!) { closeOpportunity(input: $i) { userErrors { code } } }`, {
      i: { id: o.id, outcome: 'LOST', reason: 'x' },
    });
    expect(res.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await act(t, 'xa-am1', 'startOpportunity', { id: o.id })).userErrors[0].code).toBe('INVALID_TRANSITION');
  });
});
