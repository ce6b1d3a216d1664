import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { staffId } from '../customers/builders';
import {
  aContract,
  act,
  actRaw,
  cityCustomer,
  countyCustomer,
  decide,
  decideRaw,
  expectUserError,
  history,
  mustAct,
  mustCreateOpportunity,
  mustDecide,
  opportunityIn,
  provinceCustomer,
} from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Walks one opportunity from DRAFT to WON with the given people, checking every stage on the way. */
async function walk(people: { reporter: string; approvers: string[]; owner: string }, customerId: string, amount = '300000.00') {
  let o = await mustCreateOpportunity(t, people.reporter, { customerId, estimatedAmount: amount });
  expect(o).toMatchObject({ stage: 'DRAFT', version: 1 });
  expect(o.code).toMatch(/^SJ\d{6}-\d{6}$/);
  o = await mustAct(t, people.reporter, 'submitOpportunity', { id: o.id, expectedVersion: 1 });
  expect(o.stage).toBe('SUBMITTED');
  o = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: o.id, decision: 'ACCEPT', comment: '需求明确' });
  expect(o.stage).toBe('PENDING_APPROVAL');
  const route: string[] = [];
  for (const [index, approver] of people.approvers.entries()) {
    route.push(`${o.currentStep.approverRole}@${o.currentStep.region.code}`);
    expect(o.currentStep.sequence).toBe(index + 1);
    o = (
      await mustDecide(t, approver, {
        stepId: o.currentStep.id,
        decision: 'APPROVE',
        comment: '同意',
        followerIds: [await staffId(t, 'xa-am2')],
        supportResources: ['方案支撑: 政企解决方案部'],
      })
    ).opportunity;
  }
  expect(o).toMatchObject({ stage: 'APPROVED', owner: { employeeNo: people.owner }, currentStep: null });
  o = await mustAct(t, people.owner, 'startOpportunity', { id: o.id });
  expect(o.stage).toBe('IN_PROGRESS');
  o = await mustAct(t, people.owner, 'closeOpportunity', { id: o.id, outcome: 'WON', reason: '客户签约三年', contract: aContract() });
  expect(o).toMatchObject({ stage: 'WON', closeReason: '客户签约三年' });
  return { o, route };
}

describe('the opportunity lifecycle, for each management level', () => {
  it('a county-managed opportunity is approved by the leader of the customer’s county, then owned by its grid manager', async () => {
    const customer = await countyCustomer(t);
    const { o, route } = await walk({ reporter: 'xa-yt-g1', approvers: ['xa-yt-leader'], owner: 'xa-yt-g1' }, customer.id);
    expect(route).toEqual(['COUNTY_LEADER@610113']);
    const entries = await history(t, 'xa-yt-g1', o.id);
    expect(entries.map((e) => [e.action, e.fromStage, e.toStage])).toEqual([
      ['CREATE', null, 'DRAFT'],
      ['SUBMIT', 'DRAFT', 'SUBMITTED'],
      ['ACCEPT_EVALUATION', 'SUBMITTED', 'PENDING_APPROVAL'],
      ['APPROVE_LAST_STEP', 'PENDING_APPROVAL', 'APPROVED'],
      ['START', 'APPROVED', 'IN_PROGRESS'],
      ['CLOSE_WON', 'IN_PROGRESS', 'WON'],
    ]);
    expect(entries[2]).toMatchObject({ actor: { employeeNo: 'xa-support' }, comment: '需求明确' });
    expect(entries[3]).toMatchObject({ actor: { employeeNo: 'xa-yt-leader' }, onBehalfOf: null });
  });

  it('a city-managed one goes to the city leader and is owned by the customer’s account manager', async () => {
    const { route, o } = await walk({ reporter: 'xa-am1', approvers: ['xa-leader'], owner: 'xa-am1' }, (await cityCustomer(t)).id);
    expect(route).toEqual(['CITY_LEADER@6101']);
    expect(o.source).toBe('ACCOUNT_MANAGER');
  });

  it('a province-managed one goes to the province leader and is owned by the industry manager', async () => {
    const { route } = await walk({ reporter: 'im-gov', approvers: ['sx-leader'], owner: 'im-gov' }, (await provinceCustomer(t)).id);
    expect(route).toEqual(['PROVINCE_LEADER@61']);
  });

  it('a city-managed opportunity at the threshold amount needs the province leader too, after the city leader', async () => {
    const { route } = await walk({ reporter: 'xa-am1', approvers: ['xa-leader', 'sx-leader2'], owner: 'xa-am1' }, (await cityCustomer(t)).id, '5000000.00');
    expect(route).toEqual(['CITY_LEADER@6101', 'PROVINCE_LEADER@61']);
  });

  it('a leader’s opportunity is 领导指派', async () => {
    const o = await mustCreateOpportunity(t, 'xa-leader', { customerId: (await cityCustomer(t)).id });
    expect(o.source).toBe('LEADER_ASSIGNED');
  });

  it('close as LOST needs a reason, and a lost one is final', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    expectUserError(await act(t, 'xa-am1', 'closeOpportunity', { id: o.id, outcome: 'LOST', reason: '' }), 'VALIDATION', 'reason');
    const lost = await mustAct(t, 'xa-leader', 'closeOpportunity', { id: o.id, outcome: 'LOST', reason: '电信低价竞争' });
    expect(lost.stage).toBe('LOST');
  });
});

describe('returns, recalls and cancellations', () => {
  it('the support manager returns with a comment; the reporter fixes and resubmits; a second round of approval starts', async () => {
    const customer = await cityCustomer(t);
    let o = await opportunityIn(t, 'SUBMITTED', customer.id);
    expectUserError(await act(t, 'xa-support', 'evaluateOpportunity', { id: o.id, decision: 'RETURN' }), 'VALIDATION', 'comment');
    o = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: o.id, decision: 'RETURN', comment: '请补充带宽需求' });
    expect(o.stage).toBe('DRAFT');
    o = await mustAct(t, 'xa-am1', 'submitOpportunity', { id: o.id });
    o = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: o.id, decision: 'ACCEPT' });
    o = (await mustDecide(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'RETURN', comment: '金额需复核' })).opportunity;
    expect(o.stage).toBe('DRAFT');
    o = await mustAct(t, 'xa-am1', 'submitOpportunity', { id: o.id });
    o = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: o.id, decision: 'ACCEPT' });
    const steps = dataOf(await t.gql('xa-am1', `query($id: ID!) { opportunity(id: $id) { approvalSteps { round sequence state comment } } }`, { id: o.id })).opportunity.approvalSteps;
    expect(steps).toEqual([
      { round: 1, sequence: 1, state: 'RETURNED', comment: '金额需复核' },
      { round: 2, sequence: 1, state: 'PENDING', comment: null },
    ]);
  });

  it('an approver rejects with a comment: REJECTED is final', async () => {
    const o = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id);
    expectUserError(await decide(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'REJECT' }), 'VALIDATION', 'comment');
    const rejected = (await mustDecide(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'REJECT', comment: '重复建设' })).opportunity;
    expect(rejected.stage).toBe('REJECTED');
  });

  it('the reporter recalls before any decision, but not after one', async () => {
    const customer = await cityCustomer(t);
    const pending = await opportunityIn(t, 'PENDING_APPROVAL', customer.id);
    const recalled = await mustAct(t, 'xa-am1', 'recallOpportunity', { id: pending.id });
    expect(recalled).toMatchObject({ stage: 'DRAFT', currentStep: null });

    const big = await opportunityIn(t, 'PENDING_APPROVAL', customer.id, { estimatedAmount: '8000000.00' });
    const after = (await mustDecide(t, 'xa-leader', { stepId: big.currentStep.id, decision: 'APPROVE' })).opportunity;
    expect(after).toMatchObject({ stage: 'PENDING_APPROVAL', currentStep: { approverRole: 'PROVINCE_LEADER' } });
    const refused = expectUserError(await act(t, 'xa-am1', 'recallOpportunity', { id: big.id }), 'INVALID_TRANSITION');
    expect(refused.message).toContain('PENDING_APPROVAL');
  });

  it('the reporter cancels before approval; after approval only a leader over the customer may', async () => {
    const customer = await cityCustomer(t);
    const draft = await opportunityIn(t, 'DRAFT', customer.id);
    expectUserError(await act(t, 'xa-am1', 'cancelOpportunity', { id: draft.id, reason: ' '.repeat(0) }), 'VALIDATION', 'reason');
    expect((await mustAct(t, 'xa-am1', 'cancelOpportunity', { id: draft.id, reason: '客户暂缓' })).stage).toBe('CANCELLED');

    const approved = await opportunityIn(t, 'APPROVED', customer.id);
    expect(errorCodes(await actRaw(t, 'xa-am1', 'cancelOpportunity', { id: approved.id, reason: '不做了' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await actRaw(t, 'bj-leader', 'cancelOpportunity', { id: approved.id, reason: '不做了' }))).toEqual([]);
    expectUserError(await act(t, 'bj-leader', 'cancelOpportunity', { id: approved.id, reason: '不做了' }), 'NOT_FOUND');
    expect((await mustAct(t, 'xa-leader', 'cancelOpportunity', { id: approved.id, reason: '战略调整' })).stage).toBe('CANCELLED');
  });

  it('only the support manager over the customer evaluates, and only the step’s leader approves', async () => {
    const o = await opportunityIn(t, 'SUBMITTED', (await cityCustomer(t)).id);
    expect(errorCodes(await actRaw(t, 'xa-leader', 'evaluateOpportunity', { id: o.id, decision: 'ACCEPT' }))).toEqual(['FORBIDDEN']);
    expectUserError(await act(t, 'bj-support', 'evaluateOpportunity', { id: o.id, decision: 'ACCEPT' }), 'NOT_FOUND');
    const pending = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: o.id, decision: 'ACCEPT' });
    expect(errorCodes(await decideRaw(t, 'sx-leader', { stepId: pending.currentStep.id, decision: 'APPROVE' }))).toEqual(['FORBIDDEN']);
  });
});

const ALL_STAGES = ['DRAFT', 'SUBMITTED', 'PENDING_APPROVAL', 'APPROVED', 'IN_PROGRESS', 'WON', 'LOST', 'REJECTED', 'CANCELLED'];

/** Every lifecycle mutation, the stages the table allows it from, and who would be allowed (so only the stage can refuse). */
const MOVES: {
  name: string;
  from: string[];
  as: string;
  run: (o: { id: string; currentStep: { id: string } | null }) => Promise<{ userErrors: { code: string; message: string }[] }>;
}[] = [
  { name: 'submit', from: ['DRAFT'], as: 'xa-am1', run: (o) => act(t, 'xa-am1', 'submitOpportunity', { id: o.id }) },
  { name: 'recall', from: ['SUBMITTED', 'PENDING_APPROVAL'], as: 'xa-am1', run: (o) => act(t, 'xa-am1', 'recallOpportunity', { id: o.id }) },
  { name: 'evaluate', from: ['SUBMITTED'], as: 'admin', run: (o) => act(t, 'admin', 'evaluateOpportunity', { id: o.id, decision: 'ACCEPT' }) },
  { name: 'start', from: ['APPROVED'], as: 'admin', run: (o) => act(t, 'admin', 'startOpportunity', { id: o.id }) },
  {
    name: 'close',
    from: ['IN_PROGRESS'],
    as: 'xa-leader',
    run: (o) => act(t, 'xa-leader', 'closeOpportunity', { id: o.id, outcome: 'WON', reason: '签约', contract: aContract() }),
  },
  {
    name: 'cancel',
    from: ['DRAFT', 'SUBMITTED', 'PENDING_APPROVAL', 'APPROVED', 'IN_PROGRESS'],
    as: 'xa-leader',
    run: (o) => act(t, 'xa-leader', 'cancelOpportunity', { id: o.id, reason: '取消' }),
  },
];

describe('every other move answers INVALID_TRANSITION naming the current stage and the allowed actions', () => {
  let byStage: Record<string, { id: string; code: string; version: number; currentStep: { id: string } | null }>;
  beforeAll(async () => {
    const customer = await cityCustomer(t);
    byStage = {};
    for (const stage of ALL_STAGES) byStage[stage] = await opportunityIn(t, stage, customer.id);
  });

  for (const move of MOVES) {
    for (const stage of ALL_STAGES.filter((s) => !move.from.includes(s))) {
      it(`${move.name} from ${stage}`, async () => {
        const before = await history(t, 'admin', byStage[stage].id);
        const error = expectUserError(await move.run(byStage[stage]), 'INVALID_TRANSITION');
        expect(error.message).toContain(`is ${stage}`);
        expect(error.message).toMatch(/allowed actions: /);
        expect(await history(t, 'admin', byStage[stage].id)).toEqual(before);
      });
    }
  }

  it('a decided step cannot be decided again, and names what it is', async () => {
    const o = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id);
    await mustDecide(t, 'xa-leader', { stepId: o.currentStep!.id, decision: 'APPROVE' });
    const error = expectUserError(await decide(t, 'xa-leader', { stepId: o.currentStep!.id, decision: 'APPROVE' }), 'INVALID_TRANSITION');
    expect(error.message).toContain('APPROVED');
  });

  it('a stale expectedVersion answers VERSION_CONFLICT and writes nothing', async () => {
    const o = await opportunityIn(t, 'DRAFT', (await cityCustomer(t)).id);
    expectUserError(await act(t, 'xa-am1', 'submitOpportunity', { id: o.id, expectedVersion: o.version + 1 }), 'VERSION_CONFLICT', 'expectedVersion');
    expect((await history(t, 'xa-am1', o.id)).length).toBe(1);
  });
});
