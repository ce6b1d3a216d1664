import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, countyCustomer, mustAct, mustCreateOpportunity, mustDecide, opportunityIn, provinceCustomer, reportOpportunity, uuidOf } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const INCENTIVE = 'id amount note state deciderRole deciderRegion { code } requestedBy { employeeNo } decidedBy { employeeNo } decidedAt comment opportunity { code }';
const REQUEST = `mutation($input: RequestIncentiveInput!) { requestIncentive(input: $input) { incentive { ${INCENTIVE} } opportunity { code } userErrors { code message field } } }`;
const DECIDE = `mutation($input: DecideIncentiveInput!) { decideIncentive(input: $input) { incentive { ${INCENTIVE} } userErrors { code message field } } }`;
const QUEUE = `query($state: IncentiveState) { incentiveQueue(first: 100, state: $state) { totalCount nodes { id amount opportunity { code } requestedBy { employeeNo } } } }`;

const requestRaw = (as: string, input: Record<string, unknown>) => t.gql(as, REQUEST, { input: { amount: '20000.00', note: '重点项目激励', ...input } });
const request = async (as: string, input: Record<string, unknown>) => dataOf(await requestRaw(as, input)).requestIncentive;
const mustRequest = async (as: string, input: Record<string, unknown>) => {
  const payload = await request(as, input);
  if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
  return payload.incentive;
};
const decideRaw = (as: string, input: Record<string, unknown>) => t.gql(as, DECIDE, { input });
const decide = async (as: string, input: Record<string, unknown>) => dataOf(await decideRaw(as, input)).decideIncentive;
const queue = async (as: string, state = 'PENDING') => dataOf(await t.gql(as, QUEUE, { state })).incentiveQueue;
const incentiveRows = async () => (await t.db.query(`SELECT count(*)::int AS n FROM incentive`))[0].n;

describe('filing an incentive application 激励申报', () => {
  it('a leader over the customer files one for an APPROVED, IN_PROGRESS or WON opportunity; other stages answer INVALID_TRANSITION', async () => {
    const customer = await cityCustomer(t);
    for (const stage of ['APPROVED', 'IN_PROGRESS', 'WON']) {
      const o = await opportunityIn(t, stage, customer.id);
      expect(await mustRequest('xa-leader', { opportunityId: o.id })).toMatchObject({
        amount: '20000.00',
        state: 'PENDING',
        requestedBy: { employeeNo: 'xa-leader' },
        decidedBy: null,
        opportunity: { code: o.code },
      });
    }
    for (const stage of ['DRAFT', 'SUBMITTED', 'PENDING_APPROVAL', 'LOST', 'CANCELLED', 'REJECTED']) {
      const o = await opportunityIn(t, stage, customer.id);
      expect(expectUserError(await request('xa-leader', { opportunityId: o.id }), 'INVALID_TRANSITION', 'opportunityId').message).toContain(`is ${stage}`);
    }
  });

  it('not a leader: FORBIDDEN (account managers, support managers, partners); out of scope: NOT_FOUND; nothing written', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    const before = await incentiveRows();
    for (const who of ['xa-am1', 'xa-support']) expect(errorCodes(await requestRaw(who, { opportunityId: o.id }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await requestRaw('p-huaxin', { opportunityId: o.id }))).toEqual(['FORBIDDEN']);
    expectUserError(await request('bj-leader', { opportunityId: o.id }), 'NOT_FOUND', 'opportunityId');
    expect(await incentiveRows()).toBe(before);
  });

  it.each([
    ['-1.00', 'a negative amount'],
    ['0', 'nothing'],
    ['99999999999.00', 'an absurd amount'],
  ])('refuses %s (%s) with VALIDATION on amount', async (amount) => {
    const o = await opportunityIn(t, 'WON', (await cityCustomer(t)).id);
    expectUserError(await request('xa-leader', { opportunityId: o.id, amount }), 'VALIDATION', 'amount');
  });

  it('one live application at a time: a second while one is pending or approved is ALREADY_EXISTS; after a rejection a new one may be filed', async () => {
    const o = await opportunityIn(t, 'WON', (await cityCustomer(t)).id);
    const first = await mustRequest('xa-leader', { opportunityId: o.id, amount: '1000.50' });
    expectUserError(await request('xa-leader', { opportunityId: o.id }), 'ALREADY_EXISTS', 'opportunityId');
    expect((await decide('sx-leader', { id: first.id, decision: 'REJECT', comment: '金额依据不足' })).userErrors).toEqual([]);
    const second = await mustRequest('xa-leader', { opportunityId: o.id, amount: '800.00' });
    const latest = dataOf(await t.gql('xa-am1', `query($id: ID!) { opportunity(id: $id) { incentive { id amount state } } }`, { id: o.id })).opportunity.incentive;
    expect(latest).toEqual({ id: second.id, amount: '800.00', state: 'PENDING' });
    await decide('sx-leader', { id: second.id, decision: 'APPROVE' });
    expectUserError(await request('xa-leader', { opportunityId: o.id }), 'ALREADY_EXISTS', 'opportunityId');
  });

  it('racing filings for one opportunity: exactly one lands', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    const results = await Promise.all(Array.from({ length: 10 }, () => request('xa-leader', { opportunityId: o.id })));
    expect(results.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    expect(results.filter((r) => r.userErrors[0]?.code === 'ALREADY_EXISTS')).toHaveLength(9);
  });
});

describe('who decides: the leader one level up (incentive-routing.ts)', () => {
  /** Drives an opportunity of a customer not kept by xa-am1 to APPROVED: its manager reports, xa-support accepts, the route's leader approves. */
  async function approvedFor(customer: { id: string }, manager: string, approver: string) {
    let o = await mustCreateOpportunity(t, manager, { customerId: customer.id });
    await mustAct(t, manager, 'submitOpportunity', { id: o.id });
    o = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: o.id, decision: 'ACCEPT' });
    return (await mustDecide(t, approver, { stepId: o.currentStep.id, decision: 'APPROVE' })).opportunity;
  }

  it('a county leader’s filing goes to the leader of that city; a city leader’s to the province leader', async () => {
    const county = await approvedFor(await countyCustomer(t), 'xa-yt-g1', 'xa-yt-leader');
    const byCounty = await mustRequest('xa-yt-leader', { opportunityId: county.id });
    expect(byCounty).toMatchObject({ deciderRole: 'CITY_LEADER', deciderRegion: { code: '6101' } });
    const byCity = await mustRequest('xa-leader', { opportunityId: (await opportunityIn(t, 'WON', (await cityCustomer(t)).id)).id });
    expect(byCity).toMatchObject({ deciderRole: 'PROVINCE_LEADER' });
    expect((await queue('xa-leader')).nodes.map((n: { id: string }) => n.id)).toContain(byCounty.id);
    expect((await queue('xa-leader')).nodes.map((n: { id: string }) => n.id)).not.toContain(byCity.id);
    expect((await queue('sx-leader')).nodes.map((n: { id: string }) => n.id)).toContain(byCity.id);
    expect((await queue('bj-leader')).totalCount).toBe(0);
    expect((await queue('xa-yt-leader')).totalCount).toBe(0);
    expect((await decide('xa-leader', { id: byCounty.id, decision: 'APPROVE' })).incentive).toMatchObject({
      state: 'APPROVED',
      decidedBy: { employeeNo: 'xa-leader' },
    });
  });

  it('province-level ones — for a PROVINCE-managed customer, or filed by a province leader — go to a province leader other than the filer', async () => {
    const o = await approvedFor(await provinceCustomer(t), 'im-gov', 'sx-leader');
    const byCity = await mustRequest('xa-leader', { opportunityId: o.id });
    expect(byCity).toMatchObject({ deciderRole: 'PROVINCE_LEADER', deciderRegion: { code: '61' } });
    expect((await decide('sx-leader', { id: byCity.id, decision: 'REJECT', comment: '由省公司统一申报' })).userErrors).toEqual([]);
    const byProvince = await mustRequest('sx-leader', { opportunityId: o.id });
    expect(byProvince.deciderRole).toBe('PROVINCE_LEADER');
    expect((await queue('sx-leader')).nodes.map((n: { id: string }) => n.id)).not.toContain(byProvince.id);
    expect(errorCodes(await decideRaw('sx-leader', { id: byProvince.id, decision: 'APPROVE' }))).toEqual(['FORBIDDEN']);
    expect((await queue('sx-leader2')).nodes.map((n: { id: string }) => n.id)).toContain(byProvince.id);
    expect((await decide('sx-leader2', { id: byProvince.id, decision: 'APPROVE' })).incentive).toMatchObject({
      state: 'APPROVED',
      decidedBy: { employeeNo: 'sx-leader2' },
    });
  });

  it('the queue is oldest first and other states list what the viewer decided', async () => {
    const customer = await cityCustomer(t);
    const filed = [];
    for (let i = 0; i < 3; i++) filed.push(await mustRequest('xa-leader', { opportunityId: (await opportunityIn(t, 'WON', customer.id)).id, amount: `${100 + i}.00` }));
    const pending = (await queue('sx-leader2')).nodes.map((n: { id: string }) => n.id);
    const positions = filed.map((f) => pending.indexOf(f.id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    await decide('sx-leader2', { id: filed[1].id, decision: 'REJECT', comment: '不予激励' });
    expect((await queue('sx-leader2', 'REJECTED')).nodes.map((n: { id: string }) => n.id)).toEqual([filed[1].id]);
    expect((await queue('sx-leader', 'REJECTED')).nodes.map((n: { id: string }) => n.id)).not.toContain(filed[1].id);
  });
});

describe('deciding', () => {
  it('APPROVE or REJECT (with a comment) by the decider; others FORBIDDEN or NOT_FOUND; a decided one is INVALID_TRANSITION', async () => {
    const o = await opportunityIn(t, 'WON', (await cityCustomer(t)).id);
    const filed = await mustRequest('xa-leader', { opportunityId: o.id });
    expectUserError(await decide('sx-leader', { id: filed.id, decision: 'REJECT' }), 'VALIDATION', 'comment');
    expect(errorCodes(await decideRaw('xa-leader', { id: filed.id, decision: 'APPROVE' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await decideRaw('xa-am1', { id: filed.id, decision: 'APPROVE' }))).toEqual(['FORBIDDEN']);
    expectUserError(await decide('bj-leader', { id: filed.id, decision: 'APPROVE' }), 'NOT_FOUND', 'id');
    expectUserError(await decide('sx-leader', { id: 'bm9wZQ==', decision: 'APPROVE' }), 'NOT_FOUND', 'id');
    const approved = await decide('sx-leader', { id: filed.id, decision: 'APPROVE', comment: '同意' });
    expect(approved.incentive).toMatchObject({ state: 'APPROVED', decidedBy: { employeeNo: 'sx-leader' }, comment: '同意' });
    expect(approved.incentive.decidedAt).not.toBeNull();
    expectUserError(await decide('sx-leader2', { id: filed.id, decision: 'REJECT', comment: '改判' }), 'INVALID_TRANSITION', 'id');
  });

  it('20 deciders racing: exactly one decision, the others INVALID_TRANSITION', async () => {
    const o = await opportunityIn(t, 'WON', (await cityCustomer(t)).id);
    const filed = await mustRequest('xa-leader', { opportunityId: o.id });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => decide(i % 2 ? 'sx-leader' : 'sx-leader2', i % 3 ? { id: filed.id, decision: 'APPROVE' } : { id: filed.id, decision: 'REJECT', comment: `驳回${i}` })),
    );
    expect(results.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    expect(results.filter((r) => r.userErrors[0]?.code === 'INVALID_TRANSITION')).toHaveLength(19);
    const [row] = await t.db.query(`SELECT state::text, decided_by_id IS NOT NULL AS decided FROM incentive WHERE id = $1`, [uuidOf(filed.id)]);
    expect(row.decided).toBe(true);
    expect(row.state).toBe(results.find((r) => r.userErrors.length === 0).incentive.state);
  });

  it('an application whose opportunity then ended without a win can only be rejected', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    const filed = await mustRequest('xa-leader', { opportunityId: o.id });
    await mustAct(t, 'xa-leader', 'cancelOpportunity', { id: o.id, reason: '客户撤销项目' });
    expect(expectUserError(await decide('sx-leader', { id: filed.id, decision: 'APPROVE' }), 'INVALID_TRANSITION', 'decision').message).toContain('CANCELLED');
    expect((await decide('sx-leader', { id: filed.id, decision: 'REJECT', comment: '项目已取消' })).incentive.state).toBe('REJECTED');
  });
});

describe('partners never see incentive applications', () => {
  it('not on their own won opportunity, not by node, not in a queue', async () => {
    const customer = await cityCustomer(t);
    const reported = (await reportOpportunity(t, 'p-huaxin', { customerId: customer.id, products: ['IOT'], idempotencyKey: 'incentive-hidden' })).opportunity;
    const accepted = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: reported.id, decision: 'ACCEPT' });
    expect(accepted.stage).toBe('PENDING_APPROVAL');
    const approved = dataOf(
      await t.gql('xa-leader', `mutation($i: DecideApprovalInput!) { decideApproval(input: $i) { opportunity { id } } }`, {
        i: { stepId: accepted.currentStep.id, decision: 'APPROVE' },
      }),
    );
    const filed = await mustRequest('xa-leader', { opportunityId: approved.decideApproval.opportunity.id, note: '内部激励说明' });
    const seen = dataOf(
      await t.gql('p-huaxin', `query($id: ID!) { opportunity(id: $id) { code incentive { id } history(first: 50) { nodes { action } } } }`, {
        id: reported.id,
      }),
    ).opportunity;
    expect(seen.incentive).toBeNull();
    expect(seen.history.nodes.map((n: { action: string }) => n.action)).not.toContain('REQUEST_INCENTIVE');
    expect(dataOf(await t.gql('p-huaxin', `query($id: ID!) { node(id: $id) { id } }`, { id: filed.id })).node).toBeNull();
    expect((await queue('p-huaxin')).totalCount).toBe(0);
    expectUserError(await decide('p-huaxin', { id: filed.id, decision: 'APPROVE' }), 'NOT_FOUND', 'id');
    expect(dataOf(await t.gql('xa-am1', `query($id: ID!) { node(id: $id) { id } }`, { id: filed.id })).node).toEqual({ id: filed.id });
  });
});
