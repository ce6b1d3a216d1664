import { createLogger } from '../../src/platform/logger';
import { opportunitiesSeed } from '../../src/seed/opportunities.seed';
import { runSeedSteps } from '../../src/seed/runner';
import { dataOf, startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await runSeedSteps(t.db, [opportunitiesSeed], createLogger('silent'));
});
afterAll(() => t.close());

describe('the demo pipeline', () => {
  it('has opportunities in every stage, each with a history that ends in its stage', async () => {
    const stages = await t.db.query(`SELECT stage::text, count(*)::int AS n FROM opportunity GROUP BY stage ORDER BY stage`);
    expect(stages.map((s: { stage: string }) => s.stage).sort()).toEqual(['APPROVED', 'CANCELLED', 'DRAFT', 'IN_PROGRESS', 'LOST', 'PENDING_APPROVAL', 'REJECTED', 'SUBMITTED', 'WON']);
    const inconsistent = await t.db.query(`
      SELECT o.code FROM opportunity o
      WHERE o.stage IS DISTINCT FROM (SELECT e.to_stage FROM opportunity_event e WHERE e.opportunity_id = o.id ORDER BY e.at DESC, e.action = 'REQUEST_INCENTIVE' DESC LIMIT 1)
         OR (o.stage = 'PENDING_APPROVAL') <> EXISTS (SELECT 1 FROM approval_step s WHERE s.opportunity_id = o.id AND s.state = 'PENDING')`);
    expect(inconsistent).toEqual([]);
  });

  it('freezes the whole route of every opportunity that passed evaluation, and its steps follow it', async () => {
    const unrouted = await t.db.query(`
      SELECT o.code FROM opportunity o WHERE o.support_manager_id IS NOT NULL AND o.stage NOT IN ('DRAFT', 'SUBMITTED') AND o.approval_route IS NULL
      UNION ALL
      SELECT o.code FROM opportunity o JOIN approval_step s ON s.opportunity_id = o.id
      WHERE o.approval_route -> (s.sequence - 1) ->> 'approverRole' IS DISTINCT FROM s.approver_role::text
         OR o.approval_route -> (s.sequence - 1) ->> 'regionId' IS DISTINCT FROM s.region_id::text`);
    expect(unrouted).toEqual([]);
  });

  it('gives leaders pending approvals, some overdue, oldest first', async () => {
    const queue = dataOf(await t.gql('xa-leader', `{ myApprovals(first: 50) { nodes { overdue createdAt opportunity { code } } } }`)).myApprovals.nodes;
    expect(queue.length).toBeGreaterThan(0);
    const all = await t.db.query(`SELECT count(*) FILTER (WHERE due_at < now())::int AS overdue, count(*)::int AS pending FROM approval_step WHERE state = 'PENDING'`);
    expect(all[0].overdue).toBeGreaterThan(0);
    expect(all[0].overdue).toBeLessThan(all[0].pending);
    const times = queue.map((s: { createdAt: string }) => Date.parse(s.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('has partner reports, a refused duplicate, and a won partner opportunity', async () => {
    const mine = dataOf(await t.gql('p-zhilian', `{ opportunities(first: 50) { nodes { stage customerSummary { name } } } }`)).opportunities.nodes;
    expect(mine).toContainEqual({ stage: 'WON', customerSummary: { name: '宝鸡市中心医院' } });
    const refused = await t.db.query(`SELECT count(*)::int AS n FROM registration_attempt WHERE outcome = 'REFUSED_DUPLICATE' AND collided_with_id IS NOT NULL`);
    expect(refused[0].n).toBe(1);
    expect(dataOf(await t.gql('p-huaxin', `{ opportunities { totalCount } }`)).opportunities.totalCount).toBe(2);
  });

  it('shows competitor lines expiring soon on the renewal radar', async () => {
    const radar = dataOf(await t.gql('admin', `{ competitorExpiries(withinDays: 60) { nodes { competitor { carrier contractExpiresOn } } } }`)).competitorExpiries.nodes;
    expect(radar.length).toBe(3);
    expect(radar.map((n: { competitor: { contractExpiresOn: string } }) => n.competitor.contractExpiresOn)).toEqual(
      radar.map((n: { competitor: { contractExpiresOn: string } }) => n.competitor.contractExpiresOn).sort(),
    );
  });

  it('uses believable codes and money', async () => {
    const rows = await t.db.query(`SELECT code, estimated_amount::text AS amount FROM opportunity`);
    expect(rows.every((r: { code: string }) => /^SJ\d{6}-\d{6}$/.test(r.code))).toBe(true);
    expect(rows.every((r: { amount: string }) => Number(r.amount) >= 50000 && Number(r.amount) <= 7000000)).toBe(true);
  });
});
