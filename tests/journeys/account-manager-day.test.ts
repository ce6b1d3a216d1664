import { mustCreateContact, mustRecordCare } from '../contacts/builders';
import { mustCreateCustomer, nextCreditCode } from '../customers/builders';
import { aContract, mustAct, mustCreateOpportunity, mustDecide, reportOpportunity } from '../opportunities/builders';
import { mustAdd, staffGid } from '../relationships/builders';
import { dataOf, startTestApp, TestApp } from '../support/harness';

/**
 * One story through every module, the way the people in DOMAIN.md use the
 * system together: an account manager keeps a group customer and its people,
 * wins business through evaluation and approval, a partner's late report is
 * refused as a duplicate, the relationship map finds a way to the decision
 * maker, and the province leader sees it all in the pipeline.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('an account manager’s customer, from first contact to a won opportunity in the province pipeline', async () => {
  // The customer and its group HQ.
  const credit = nextCreditCode();
  const hq = await mustCreateCustomer(t, 'xa-am1', { name: '陕西文化产业投资控股集团', grade: 'A2' });
  const customer = await mustCreateCustomer(t, 'xa-am1', { name: '西安曲江文化旅游股份有限公司', creditCode: credit, grade: 'B1', monthlyRevenue: '86000' });
  await t.gql('xa-am1', `mutation($i: SetCustomerParentInput!) { setCustomerParent(input: $i) { userErrors { code } } }`, {
    i: { id: customer.id, parentId: hq.id },
  });

  // Its people, four-level care, and a first visit.
  const ceo = await mustCreateContact(t, 'xa-am1', {
    customerId: customer.id,
    name: '董事长马',
    careLevel: 'MANAGEMENT',
    decisionRole: 'DECISION_MAKER',
    mobile: '13912345678',
  });
  const cio = await mustCreateContact(t, 'xa-am1', { customerId: customer.id, name: '信息中心主任田', careLevel: 'KEY_PERSON', reportsToId: ceo.id });
  await mustRecordCare(t, 'xa-am1', {
    contactId: cio.id,
    kind: 'VISIT',
    occurredAt: new Date(Date.now() - 3600_000).toISOString(),
    note: '走访信息中心',
    cost: '0',
  });
  const people = dataOf(
    await t.gql(
      'xa-am1',
      `query($id: ID!) { groupCustomer(id: $id) { parent { name } contacts { nodes { name careStatus reportsTo { name } mobile } } careCoverage { careLevel contacts onTrack } } }`,
      { id: customer.id },
    ),
  ).groupCustomer;
  expect(people.parent.name).toBe('陕西文化产业投资控股集团');
  const status = Object.fromEntries(people.contacts.nodes.map((c: { name: string; careStatus: string }) => [c.name, c.careStatus]));
  expect(status).toEqual({ 董事长马: 'OVERDUE', 信息中心主任田: 'ON_TRACK' });
  // A grid manager elsewhere cannot see the customer at all; the city leader sees the mobile in full.
  expect(dataOf(await t.gql('xa-yt-g1', `query($id: ID!) { node(id: $id) { id } }`, { id: ceo.id })).node).toBeNull();
  expect(dataOf(await t.gql('xa-leader', `query($id: ID!) { node(id: $id) { ... on Contact { mobile } } }`, { id: ceo.id })).node.mobile).toBe('13912345678');

  // An opportunity: reported, evaluated, approved by the city leader, followed up and won.
  let opportunity = await mustCreateOpportunity(t, 'xa-am1', {
    customerId: customer.id,
    title: '景区5G专网与云平台',
    products: ['CLOUD', 'INTERNET_LINE'],
    estimatedAmount: '1800000.00',
  });
  opportunity = await mustAct(t, 'xa-am1', 'submitOpportunity', { id: opportunity.id });
  opportunity = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: opportunity.id, decision: 'ACCEPT', comment: '需求明确' });
  expect(opportunity.currentStep).toMatchObject({ approverRole: 'CITY_LEADER', region: { code: '6101' } });
  const queue = dataOf(await t.gql('xa-leader', `{ myApprovals { nodes { opportunity { code } } } }`)).myApprovals.nodes;
  expect(queue.map((s: { opportunity: { code: string } }) => s.opportunity.code)).toContain(opportunity.code);
  opportunity = (await mustDecide(t, 'xa-leader', { stepId: opportunity.currentStep.id, decision: 'APPROVE', ownerId: await staffGid(t, 'xa-am1') })).opportunity;
  expect(opportunity.stage).toBe('APPROVED');

  // A partner reporting the same customer and product line inside the protection window is refused.
  const late = await reportOpportunity(t, 'p-huaxin', {
    customer: { creditCode: credit, name: '曲江文旅' },
    products: ['CLOUD'],
    idempotencyKey: 'huaxin-qujiang-1',
  });
  expect(late.userErrors[0]).toMatchObject({ code: 'DUPLICATE_OPPORTUNITY' });
  expect(late.userErrors[0].message).toContain(opportunity.code);

  opportunity = await mustAct(t, 'xa-am1', 'startOpportunity', { id: opportunity.id });
  opportunity = await mustAct(t, 'xa-am1', 'closeOpportunity', {
    id: opportunity.id,
    outcome: 'WON',
    reason: '签约三年',
    contract: aContract({ productLine: 'CLOUD', signedAmount: '1750000.00' }),
  });
  expect(opportunity.stage).toBe('WON');

  // Who can take the account manager to the chairman? The map knows.
  await mustAdd(t, 'xa-am1', { fromId: await staffGid(t, 'xa-am1'), toId: cio.id, type: 'FRIEND', strength: 4 });
  const paths = dataOf(
    await t.gql('xa-am1', `query($s: ID!, $c: ID!) { introductionPaths(fromStaffId: $s, toContactId: $c) { hops people { ... on Staff { employeeNo } ... on Contact { name } } } }`, {
      s: await staffGid(t, 'xa-am1'),
      c: ceo.id,
    }),
  ).introductionPaths;
  expect(paths[0]).toEqual({ hops: 2, people: [{ employeeNo: 'xa-am1' }, { name: '信息中心主任田' }, { name: '董事长马' }] });
  const gaps = dataOf(await t.gql('xa-am1', `query($c: ID!) { relationshipGaps(customerId: $c) { name } }`, { c: customer.id })).relationshipGaps;
  expect(gaps).toEqual([{ name: '董事长马' }]);

  // The province leader's pipeline shows the win; the history tells the whole story.
  const pipeline = dataOf(await t.gql('sx-leader', `{ pipeline { winRate byStage { stage count amount } } }`)).pipeline;
  expect(pipeline.byStage.find((s: { stage: string }) => s.stage === 'WON')).toEqual({ stage: 'WON', count: 1, amount: '1800000.00' });
  expect(pipeline.winRate).toBe(1);
  const history = dataOf(await t.gql('sx-leader', `query($id: ID!) { opportunity(id: $id) { history(first: 50) { nodes { action toStage } } } }`, { id: opportunity.id })).opportunity.history.nodes;
  expect(history.map((h: { toStage: string }) => h.toStage)).toEqual(expect.arrayContaining(['DRAFT', 'SUBMITTED', 'PENDING_APPROVAL', 'APPROVED', 'IN_PROGRESS', 'WON']));
});
