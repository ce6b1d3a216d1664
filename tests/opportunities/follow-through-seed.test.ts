import { createLogger } from '../../src/platform/logger';
import { followThroughSeed } from '../../src/seed/follow-through.seed';
import { opportunitiesSeed } from '../../src/seed/opportunities.seed';
import { runSeedSteps } from '../../src/seed/runner';
import { dataOf, startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await runSeedSteps(t.db, [opportunitiesSeed, followThroughSeed], createLogger('silent'));
});
afterAll(() => t.close());

describe('the demo follow-through', () => {
  it('has a stalled deal, and every other opportunity in follow-up was followed up lately', async () => {
    const stalled = dataOf(await t.gql('admin', `{ opportunities(first: 50, filter: { stalled: true }) { nodes { code stage stalled lastFollowUpAt } } }`)).opportunities.nodes;
    expect(stalled).toHaveLength(1);
    expect(stalled[0]).toMatchObject({ stage: 'IN_PROGRESS', stalled: true });
    const following = dataOf(await t.gql('admin', `{ opportunities(first: 50, filter: { stages: [APPROVED, IN_PROGRESS] }) { nodes { lastFollowUpAt followUps(first: 5) { totalCount } } } }`))
      .opportunities.nodes;
    expect(following.length).toBeGreaterThan(5);
    expect(following.every((o: { lastFollowUpAt: string | null; followUps: { totalCount: number } }) => o.lastFollowUpAt && o.followUps.totalCount > 0)).toBe(true);
  });

  it('is written as logFollowUp writes: last_follow_up_at is the newest follow-up, and only the newest holds an open step', async () => {
    const wrong = await t.db.query(`
      SELECT o.code FROM opportunity o WHERE EXISTS (SELECT 1 FROM follow_up f WHERE f.opportunity_id = o.id)
        AND (o.last_follow_up_at IS DISTINCT FROM (SELECT max(occurred_at) FROM follow_up f WHERE f.opportunity_id = o.id)
          OR (SELECT count(*) FROM follow_up f WHERE f.opportunity_id = o.id AND f.next_step IS NOT NULL AND f.next_step_done_by_id IS NULL) > 1
          OR EXISTS (SELECT 1 FROM follow_up f WHERE f.opportunity_id = o.id AND f.next_step_done_by_id IS NULL AND f.next_step IS NOT NULL AND f.occurred_at < o.last_follow_up_at))`);
    expect(wrong).toEqual([]);
  });

  it('gives owners next steps, one of them overdue', async () => {
    const [{ employee_no: owner }] = await t.db.query(
      `SELECT s.employee_no FROM follow_up f JOIN opportunity o ON o.id = f.opportunity_id JOIN staff s ON s.id = o.owner_id
       WHERE f.next_step_done_by_id IS NULL AND f.next_step_due_on < (now() AT TIME ZONE 'Asia/Shanghai')::date AND o.stage IN ('APPROVED', 'IN_PROGRESS') ORDER BY o.code LIMIT 1`,
    );
    const steps = dataOf(await t.gql(owner, `{ myNextSteps(first: 20) { nodes { action dueOn overdue opportunity { code } } } }`)).myNextSteps.nodes;
    expect(steps[0].overdue).toBe(true);
    const due = steps.map((s: { dueOn: string }) => s.dueOn);
    expect(due).toEqual([...due].sort());
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM follow_up WHERE next_step IS NOT NULL AND next_step_done_by_id IS NULL AND next_step_due_on >= (now() AT TIME ZONE 'Asia/Shanghai')::date`,
    );
    expect(n).toBeGreaterThan(3);
  });

  it('has incentive applications awaiting xa-leader and the province leaders, and one approved', async () => {
    const queue = async (who: string) => dataOf(await t.gql(who, `{ incentiveQueue { nodes { state amount requestedBy { employeeNo } } } }`)).incentiveQueue.nodes;
    expect(await queue('xa-leader')).toEqual([{ state: 'PENDING', amount: '8000.00', requestedBy: { employeeNo: expect.stringMatching(/^xa-.*-leader$/) } }]);
    expect(await queue('sx-leader')).toEqual([{ state: 'PENDING', amount: '30000.00', requestedBy: { employeeNo: expect.stringMatching(/^[a-z]{2}-leader$/) } }]);
    const approved = dataOf(await t.gql('sx-leader', `{ incentiveQueue(state: APPROVED) { nodes { amount opportunity { code source stage } } } }`)).incentiveQueue.nodes;
    expect(approved).toEqual([{ amount: '15000.00', opportunity: { code: expect.any(String), source: 'PARTNER', stage: 'WON' } }]);
  });

  it('shows partners none of it', async () => {
    const mine = dataOf(await t.gql('p-zhilian', `{ opportunities(first: 50) { nodes { stage incentive { id } lastFollowUpAt stalled followUps { totalCount } } } }`)).opportunities.nodes;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((o: Record<string, unknown>) => o.incentive === null && o.lastFollowUpAt === null && o.stalled === null)).toBe(true);
    expect(mine.every((o: { followUps: { totalCount: number } }) => o.followUps.totalCount === 0)).toBe(true);
  });
});
