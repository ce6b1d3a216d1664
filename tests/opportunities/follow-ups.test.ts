import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, history, mustAct, opportunityIn, reportOpportunity, uuidOf } from './builders';
import { ageOpportunity, daysAgo, followedOpportunity, logFollowUp, logFollowUpRaw, mustLogFollowUp, shanghaiDay } from './follow-through-builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const FOLLOW_UPS = `query($id: ID!, $first: Int, $after: String) { opportunity(id: $id) { version lastFollowUpAt stalled
  followUps(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id kind note occurredAt author { employeeNo } nextStep { action dueOn done overdue doneBy { id } } } } } }`;
const read = async (as: string, id: string, page: { first?: number; after?: string } = {}) => dataOf(await t.gql(as, FOLLOW_UPS, { id, ...page })).opportunity;
const rows = async (opportunityId: string) => (await t.db.query(`SELECT count(*)::int AS n FROM follow_up WHERE opportunity_id = $1`, [uuidOf(opportunityId)]))[0].n;

describe('who logs follow-ups 跟进 (DOMAIN.md: Follow-through)', () => {
  let o: { id: string };
  beforeAll(async () => {
    o = await followedOpportunity(t, (await cityCustomer(t)).id, 'IN_PROGRESS');
  });

  it.each([
    ['xa-am3', 'the owner'],
    ['xa-am2', 'a follower'],
    ['xa-support', 'the support manager who accepted it'],
    ['xa-leader', 'a leader over the customer'],
    ['sx-leader', 'the province leader'],
    ['admin', 'an admin'],
  ])('%s (%s) may', async (who) => {
    const payload = await mustLogFollowUp(t, who, { opportunityId: o.id, note: `${who} 跟进` });
    expect(payload.followUp.author).toEqual({ employeeNo: who });
  });

  it('the reporter who neither owns nor follows it reads it but may not log: FORBIDDEN, nothing written', async () => {
    const before = await rows(o.id);
    expect(errorCodes(await logFollowUpRaw(t, 'xa-am1', { opportunityId: o.id }))).toEqual(['FORBIDDEN']);
    expect(await rows(o.id)).toBe(before);
  });

  it('out of scope is NOT_FOUND; partners are FORBIDDEN even on their own reports', async () => {
    expectUserError(await logFollowUp(t, 'bj-leader', { opportunityId: o.id }), 'NOT_FOUND', 'opportunityId');
    expectUserError(await logFollowUp(t, 'bj-support', { opportunityId: o.id }), 'NOT_FOUND', 'opportunityId');
    const reported = (await reportOpportunity(t, 'p-huaxin', { customerId: (await cityCustomer(t)).id, products: ['IDC'], idempotencyKey: 'follow-ups-partner' })).opportunity;
    expect(errorCodes(await logFollowUpRaw(t, 'p-huaxin', { opportunityId: reported.id }))).toEqual(['FORBIDDEN']);
  });
});

describe('when follow-ups may be logged', () => {
  it('from acceptance until closed: DRAFT, SUBMITTED and the final stages answer INVALID_TRANSITION naming the stage', async () => {
    const customer = await cityCustomer(t);
    for (const stage of ['DRAFT', 'SUBMITTED', 'WON', 'LOST', 'CANCELLED', 'REJECTED']) {
      const o = await opportunityIn(t, stage, customer.id);
      const refused = expectUserError(await logFollowUp(t, 'xa-leader', { opportunityId: o.id }), 'INVALID_TRANSITION', 'opportunityId');
      expect(refused.message).toContain(`is ${stage}`);
    }
    for (const stage of ['PENDING_APPROVAL', 'APPROVED', 'IN_PROGRESS']) {
      const o = await opportunityIn(t, stage, customer.id);
      expect((await logFollowUp(t, 'xa-leader', { opportunityId: o.id })).userErrors).toEqual([]);
    }
  });
});

describe('what a follow-up must say', () => {
  let o: { id: string };
  beforeAll(async () => {
    o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    await ageOpportunity(t, o.id, 30);
  });

  it.each([
    ['a time in the future', { occurredAt: new Date(Date.now() + 3_600_000).toISOString() }, 'occurredAt'],
    ['a blank note', { note: '   ' }, 'note'],
    ['a next step without its due date', { nextStep: '提交方案' }, 'nextStepDueOn'],
    ['a due date without a next step', { nextStepDueOn: shanghaiDay(3) }, 'nextStep'],
    ['a next step due before the follow-up', { occurredAt: daysAgo(5), nextStep: '提交方案', nextStepDueOn: shanghaiDay(-7) }, 'nextStepDueOn'],
    ['a next step due more than a year ahead', { nextStep: '提交方案', nextStepDueOn: shanghaiDay(400) }, 'nextStepDueOn'],
  ])('refuses %s with VALIDATION, writing nothing', async (_what, input, field) => {
    const before = await rows(o.id);
    expectUserError(await logFollowUp(t, 'xa-am1', { opportunityId: o.id, ...input }), 'VALIDATION', field);
    expect(await rows(o.id)).toBe(before);
    expect((await read('xa-am1', o.id)).lastFollowUpAt).toBeNull();
  });

  it('refuses a follow-up before the opportunity was registered', async () => {
    expectUserError(await logFollowUp(t, 'xa-am1', { opportunityId: o.id, occurredAt: daysAgo(40) }), 'VALIDATION', 'occurredAt');
  });

  it('an unknown kind is a request error, not a write', async () => {
    expect(errorCodes(await logFollowUpRaw(t, 'xa-am1', { opportunityId: o.id, kind: 'LUNCH' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('follow-ups on the opportunity', () => {
  it('are listed newest first by when they happened, page by page, with lastFollowUpAt the newest; no new version, no history entry', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    await ageOpportunity(t, o.id, 20);
    const before = await read('xa-am1', o.id);
    const historyBefore = (await history(t, 'xa-am1', o.id)).length;
    const at = [10, 3, 7, 1].map((d) => daysAgo(d));
    for (const [i, occurredAt] of at.entries()) await mustLogFollowUp(t, 'xa-am1', { opportunityId: o.id, occurredAt, kind: ['VISIT', 'CALL', 'DEMO', 'NEGOTIATION'][i], note: `第${i + 1}次` });
    const first = await read('xa-am1', o.id, { first: 3 });
    expect(first.followUps.totalCount).toBe(4);
    expect(first.followUps.nodes.map((f: { note: string }) => f.note)).toEqual(['第4次', '第2次', '第3次']);
    expect(first.followUps.pageInfo.hasNextPage).toBe(true);
    const rest = await read('xa-am1', o.id, { first: 3, after: first.followUps.pageInfo.endCursor });
    expect(rest.followUps.nodes.map((f: { note: string }) => f.note)).toEqual(['第1次']);
    expect(Date.parse(first.lastFollowUpAt)).toBe(Date.parse(at[3]));
    expect(first.version).toBe(before.version);
    expect((await history(t, 'xa-am1', o.id)).length).toBe(historyBefore);
  });
});

describe('next steps 下一步', () => {
  it('the newest follow-up completes the open step before it; a back-dated one is born done and moves nothing', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    await ageOpportunity(t, o.id, 20);
    const first = await mustLogFollowUp(t, 'xa-am1', { opportunityId: o.id, occurredAt: daysAgo(6), nextStep: '提交技术方案', nextStepDueOn: shanghaiDay(-2) });
    expect(first.followUp.nextStep).toEqual({ action: '提交技术方案', dueOn: shanghaiDay(-2), done: false, overdue: true, doneBy: null });
    const second = await mustLogFollowUp(t, 'xa-support', {
      opportunityId: o.id,
      occurredAt: daysAgo(1),
      kind: 'PROPOSAL',
      nextStep: '安排演示',
      nextStepDueOn: shanghaiDay(5),
    });
    const late = await mustLogFollowUp(t, 'xa-am1', { opportunityId: o.id, occurredAt: daysAgo(4), nextStep: '补录: 约见CIO', nextStepDueOn: shanghaiDay(-1) });
    expect(late.followUp.nextStep).toMatchObject({ done: true, overdue: false, doneBy: { id: second.followUp.id } });
    expect(Date.parse(late.opportunity.lastFollowUpAt)).toBe(Date.parse(second.followUp.occurredAt));
    const steps = (await read('xa-am1', o.id)).followUps.nodes.map((f: { nextStep: { action: string; done: boolean; doneBy: { id: string } | null } }) => f.nextStep);
    expect(steps).toEqual([
      { action: '安排演示', dueOn: shanghaiDay(5), done: false, overdue: false, doneBy: null },
      { action: '补录: 约见CIO', dueOn: shanghaiDay(-1), done: true, overdue: false, doneBy: { id: second.followUp.id } },
      { action: '提交技术方案', dueOn: shanghaiDay(-2), done: true, overdue: false, doneBy: { id: second.followUp.id } },
    ]);
  });

  it('racing follow-ups on one opportunity all land, and leave exactly one open step: the newest one’s', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id);
    await ageOpportunity(t, o.id, 30);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        logFollowUp(t, i % 2 ? 'xa-am1' : 'xa-leader', {
          opportunityId: o.id,
          occurredAt: daysAgo(12 - i),
          nextStep: `步骤${i}`,
          nextStepDueOn: shanghaiDay(i),
        }),
      ),
    );
    expect(results.every((r) => r.userErrors.length === 0)).toBe(true);
    const open = await t.db.query(`SELECT next_step FROM follow_up WHERE opportunity_id = $1 AND next_step_done_by_id IS NULL`, [uuidOf(o.id)]);
    expect(open).toEqual([{ next_step: '步骤11' }]);
    const [{ last }] = await t.db.query(`SELECT last_follow_up_at = (SELECT max(occurred_at) FROM follow_up WHERE opportunity_id = o.id) AS last FROM opportunity o WHERE id = $1`, [uuidOf(o.id)]);
    expect(last).toBe(true);
  });
});

describe('partners never see follow-ups', () => {
  it('on their own reported opportunity: no follow-ups, no lastFollowUpAt, no stall state, and node(id) is null', async () => {
    const reported = (await reportOpportunity(t, 'p-huaxin', { customerId: (await cityCustomer(t)).id, products: ['DATA_POOL'], idempotencyKey: 'follow-ups-hidden' })).opportunity;
    const accepted = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id: reported.id, decision: 'ACCEPT' });
    const logged = await mustLogFollowUp(t, 'xa-support', {
      opportunityId: accepted.id,
      note: '内部: 客户预算偏紧',
      nextStep: '约客户CIO',
      nextStepDueOn: shanghaiDay(2),
    });
    const seen = await read('p-huaxin', reported.id);
    expect(seen).toMatchObject({ lastFollowUpAt: null, stalled: null, followUps: { totalCount: 0, nodes: [] } });
    expect(dataOf(await t.gql('p-huaxin', `query($id: ID!) { node(id: $id) { id } }`, { id: logged.followUp.id })).node).toBeNull();
    expect(dataOf(await t.gql('xa-support', `query($id: ID!) { node(id: $id) { id } }`, { id: logged.followUp.id })).node).toEqual({ id: logged.followUp.id });
    expect(dataOf(await t.gql('bj-leader', `query($id: ID!) { node(id: $id) { id } }`, { id: logged.followUp.id })).node).toBeNull();
    expect(dataOf(await t.gql('p-huaxin', `{ myNextSteps { totalCount } }`)).myNextSteps.totalCount).toBe(0);
  });
});

describe('statement counts', () => {
  it('a page of 50 opportunities with their follow-up summary costs the same as a page of 5', async () => {
    const customer = await cityCustomer(t);
    for (let i = 0; i < 52; i++) {
      const o = await opportunityIn(t, i % 3 === 0 ? 'IN_PROGRESS' : 'DRAFT', customer.id, { title: `跟进计数${i}` });
      if (i % 3 === 0) await mustLogFollowUp(t, 'xa-am1', { opportunityId: o.id, nextStep: '回访', nextStepDueOn: shanghaiDay(1) });
    }
    const page = (n: number) =>
      t.gql(
        'xa-leader',
        `query($n: Int, $c: ID) { opportunities(first: $n, filter: { customerId: $c }) { nodes { code lastFollowUpAt stalled incentive { state }
          followUps(first: 3) { totalCount nodes { kind occurredAt author { name } nextStep { action dueOn overdue done } opportunity { code } } } } } }`,
        { n, c: customer.id },
      );
    const small = await page(5);
    const large = await page(50);
    expect(dataOf(large).opportunities.nodes).toHaveLength(50);
    expect(dataOf(large).opportunities.nodes.filter((n: { followUps: { totalCount: number } }) => n.followUps.totalCount === 1).length).toBeGreaterThan(10);
    expect(large.sql).toBe(small.sql);
  });
});
