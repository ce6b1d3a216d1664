import { dataOf, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, mustAct, opportunityIn } from './builders';
import { ageOpportunity, daysAgo, followedOpportunity, mustLogFollowUp, shanghaiDay } from './follow-through-builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const MINE = `query($first: Int, $after: String) { myNextSteps(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
  nodes { action dueOn overdue done opportunity { code } followUp { author { employeeNo } } } } }`;
const mine = async (as: string, page: { first?: number; after?: string } = {}) => dataOf(await t.gql(as, MINE, page)).myNextSteps;
const actions = (connection: { nodes: { action: string }[] }) => connection.nodes.map((n) => n.action);

/**
 * "The viewer's" next steps (opportunityPolicy.ownNextSteps): on opportunities
 * they own, follow or accepted as support manager, and those they wrote.
 */
describe('myNextSteps 我的下一步', () => {
  let owned: { id: string; code: string }, other: { id: string; code: string };
  beforeAll(async () => {
    const customer = await cityCustomer(t);
    // owned by xa-am3, followed by xa-am2, accepted by xa-support
    owned = await followedOpportunity(t, customer.id);
    await ageOpportunity(t, owned.id, 20);
    await mustLogFollowUp(t, 'xa-leader', {
      opportunityId: owned.id,
      occurredAt: daysAgo(10),
      nextStep: '旧步骤: 已被后续跟进完成',
      nextStepDueOn: shanghaiDay(-8),
    });
    await mustLogFollowUp(t, 'xa-leader', { opportunityId: owned.id, occurredAt: daysAgo(3), nextStep: '逾期: 提交报价', nextStepDueOn: shanghaiDay(-1) });
    // xa-am1's own (owner and reporter)
    other = await opportunityIn(t, 'IN_PROGRESS', customer.id);
    await mustLogFollowUp(t, 'xa-support', { opportunityId: other.id, nextStep: '下周演示', nextStepDueOn: shanghaiDay(7) });
    const third = await opportunityIn(t, 'APPROVED', customer.id);
    await mustLogFollowUp(t, 'xa-am1', { opportunityId: third.id, nextStep: '今天回电', nextStepDueOn: shanghaiDay(0) });
  });

  it('lists open steps by due date, overdue first, for the owner, the follower and the support manager who accepted it', async () => {
    expect(await mine('xa-am3')).toMatchObject({
      totalCount: 1,
      nodes: [
        {
          action: '逾期: 提交报价',
          dueOn: shanghaiDay(-1),
          overdue: true,
          done: false,
          opportunity: { code: owned.code },
          followUp: { author: { employeeNo: 'xa-leader' } },
        },
      ],
    });
    expect(actions(await mine('xa-am2'))).toEqual(['逾期: 提交报价']);
    expect(actions(await mine('xa-support'))).toEqual(['逾期: 提交报价', '今天回电', '下周演示']);
    expect(actions(await mine('xa-am1'))).toEqual(['今天回电', '下周演示']);
  });

  it('includes the steps the viewer wrote on opportunities they neither own nor follow', async () => {
    expect(actions(await mine('xa-leader'))).toEqual(['逾期: 提交报价']);
  });

  it('pages with cursors', async () => {
    const first = await mine('xa-support', { first: 2 });
    expect(actions(first)).toEqual(['逾期: 提交报价', '今天回电']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(actions(await mine('xa-support', { first: 2, after: first.pageInfo.endCursor }))).toEqual(['下周演示']);
  });

  it('drops a step once a later follow-up is logged, and every step of an opportunity that closed', async () => {
    await mustLogFollowUp(t, 'xa-am3', { opportunityId: owned.id, note: '已提交报价, 客户内部评审中' });
    expect((await mine('xa-am3')).totalCount).toBe(0);
    expect(actions(await mine('xa-leader'))).toEqual([]);
    expect(actions(await mine('xa-am2'))).toEqual([]);
    await mustAct(t, 'xa-am1', 'closeOpportunity', { id: other.id, outcome: 'LOST', reason: '客户选择友商' });
    expect(actions(await mine('xa-am1'))).toEqual(['今天回电']);
    expect(actions(await mine('xa-support'))).toEqual(['今天回电']);
  });

  it('is nobody else’s: another city, and partners, see none', async () => {
    expect((await mine('bj-am1')).totalCount).toBe(0);
    expect((await mine('p-huaxin')).totalCount).toBe(0);
  });
});
