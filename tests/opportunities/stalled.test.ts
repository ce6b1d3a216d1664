import { followThroughRuleDefaults } from '../../src/modules/rules/sections/follow-through.rules';
import { dataOf, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, opportunityIn, reportOpportunity, uuidOf } from './builders';
import { ageOpportunity, daysAgo, mustLogFollowUp } from './follow-through-builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const STALL = followThroughRuleDefaults.stallDays;
const stalledOf = async (as: string, id: string) => dataOf(await t.gql(as, `query($id: ID!) { opportunity(id: $id) { stalled lastFollowUpAt } }`, { id })).opportunity;
const codes = async (as: string, filter: Record<string, unknown>) =>
  dataOf(await t.gql(as, `query($f: OpportunityFilter) { opportunities(first: 100, filter: $f) { totalCount nodes { code } } }`, { f: filter }))
    .opportunities.nodes.map((n: { code: string }) => n.code)
    .sort();

describe(`stalled 停滞: APPROVED or IN_PROGRESS with no follow-up for stallDays (${STALL})`, () => {
  let customerId: string;
  let fresh: { id: string; code: string }, quiet: { id: string; code: string }, approvedLongAgo: { id: string; code: string }, revived: { id: string; code: string }, won: { id: string; code: string };
  beforeAll(async () => {
    customerId = (await cityCustomer(t)).id;
    fresh = await opportunityIn(t, 'APPROVED', customerId);
    approvedLongAgo = await opportunityIn(t, 'APPROVED', customerId);
    await ageOpportunity(t, approvedLongAgo.id, STALL + 1);
    quiet = await opportunityIn(t, 'IN_PROGRESS', customerId);
    await mustLogFollowUp(t, 'xa-am1', { opportunityId: quiet.id });
    await ageOpportunity(t, quiet.id, STALL + 3);
    revived = await opportunityIn(t, 'IN_PROGRESS', customerId);
    await ageOpportunity(t, revived.id, STALL + 10);
    await mustLogFollowUp(t, 'xa-am1', { opportunityId: revived.id, occurredAt: daysAgo(2) });
    won = await opportunityIn(t, 'WON', customerId);
    await t.db.query(`UPDATE opportunity SET registered_at = now() - interval '90 days', approved_at = now() - interval '80 days' WHERE id = $1`, [uuidOf(won.id)]);
  });

  it('counts from the approval when nothing was logged, from the latest follow-up otherwise; final stages never stall', async () => {
    expect(await stalledOf('xa-am1', fresh.id)).toEqual({ stalled: false, lastFollowUpAt: null });
    expect((await stalledOf('xa-am1', approvedLongAgo.id)).stalled).toBe(true);
    expect((await stalledOf('xa-am1', quiet.id)).stalled).toBe(true);
    expect((await stalledOf('xa-am1', revived.id)).stalled).toBe(false);
    expect((await stalledOf('xa-am1', won.id)).stalled).toBe(false);
  });

  it('opportunities(filter: { stalled }) lists exactly those the field calls stalled, and the rest', async () => {
    expect(await codes('xa-am1', { customerId, stalled: true })).toEqual([approvedLongAgo.code, quiet.code].sort());
    expect(await codes('xa-am1', { customerId, stalled: false })).toEqual([fresh.code, revived.code, won.code].sort());
    expect(await codes('xa-leader', { customerId, stalled: true, stages: ['IN_PROGRESS'] })).toEqual([quiet.code]);
    expect(await codes('bj-leader', { stalled: true })).toEqual([]);
  });

  it('a follow-up un-stalls it at once', async () => {
    const o = await opportunityIn(t, 'IN_PROGRESS', customerId);
    await ageOpportunity(t, o.id, STALL + 5);
    expect((await stalledOf('xa-am1', o.id)).stalled).toBe(true);
    const logged = await mustLogFollowUp(t, 'xa-am1', { opportunityId: o.id });
    expect(logged.opportunity.stalled).toBe(false);
    expect(await codes('xa-am1', { customerId, stalled: true })).not.toContain(o.code);
  });

  it('partners have no stall state: null on the field, and the filter finds nothing either way', async () => {
    const reported = (await reportOpportunity(t, 'p-huaxin', { customerId, products: ['GROUP_MAS'], idempotencyKey: 'stalled-partner' })).opportunity;
    expect(await stalledOf('p-huaxin', reported.id)).toEqual({ stalled: null, lastFollowUpAt: null });
    expect(await codes('p-huaxin', {})).toEqual([reported.code]);
    expect(await codes('p-huaxin', { stalled: true })).toEqual([]);
    expect(await codes('p-huaxin', { stalled: false })).toEqual([]);
  });
});
