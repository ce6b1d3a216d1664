import { createLogger } from '../../src/platform/logger';
import { moneySeed } from '../../src/seed/money.seed';
import { opportunitiesSeed } from '../../src/seed/opportunities.seed';
import { runSeedSteps } from '../../src/seed/runner';
import { dataOf, startTestApp, TestApp } from '../support/harness';

/** Issue 11's demo data: contracts in every provisioning state, commissions in every state and for every refusal reason. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await runSeedSteps(t.db, [opportunitiesSeed, moneySeed], createLogger('silent'));
});
afterAll(() => t.close());

describe('the demo contracts and commissions', () => {
  it('every won opportunity has its contract, and provisioning shows every state', async () => {
    expect(await t.db.query(`SELECT o.code FROM opportunity o WHERE o.stage = 'WON' AND NOT EXISTS (SELECT 1 FROM contract k WHERE k.opportunity_id = o.id)`)).toEqual([]);
    const states = await t.db.query(`SELECT DISTINCT provisioning_state::text AS s FROM contract ORDER BY 1`);
    expect(states.map((r: { s: string }) => r.s)).toEqual(['IN_SERVICE', 'PROVISIONING', 'PROVISIONING_FAILED']);
  });

  it('has a pending, a paid and a refused commission for each reason', async () => {
    const rows = await t.db.query(`SELECT state::text AS state, coalesce(refusal_reason::text, '') AS reason FROM commission ORDER BY 1, 2`);
    const seen = rows.map((r: { state: string; reason: string }) => `${r.state}${r.reason ? `:${r.reason}` : ''}`);
    for (const expected of ['PENDING', 'PAID', 'REFUSED:NO_REGISTRATION', 'REFUSED:REGISTERED_AFTER_WIN', 'REFUSED:DUPLICATE_REFUSED']) expect(seen).toContain(expected);
  });

  it('gives the administrators of 西安 and 宝鸡 their queues, and the partners their portal', async () => {
    expect(dataOf(await t.gql('bj-oa', `{ commissionQueue { totalCount nodes { partner { code } } } }`)).commissionQueue.nodes).toEqual([{ partner: { code: 'P-ZHILIAN' } }]);
    const paid = dataOf(await t.gql('xa-oa', `{ commissionQueue(state: PAID) { nodes { amount paymentReference } } }`)).commissionQueue.nodes;
    expect(paid).toEqual([{ amount: '7980.00', paymentReference: 'FK-2026-000318' }]);
    const mine = dataOf(await t.gql('p-huaxin', `{ myRegistrations(first: 50) { totalCount } commissions(first: 50) { nodes { state refusalReason } } }`));
    expect(mine.myRegistrations.totalCount).toBe(5);
    expect(mine.commissions.nodes.map((c: { state: string; refusalReason: string | null }) => c.refusalReason ?? c.state).sort()).toEqual(['NO_REGISTRATION', 'PAID', 'REGISTERED_AFTER_WIN']);
  });

  it('keeps every opportunity’s history ending in its stage', async () => {
    const inconsistent = await t.db.query(`
      SELECT o.code FROM opportunity o
      WHERE o.stage IS DISTINCT FROM (SELECT e.to_stage FROM opportunity_event e WHERE e.opportunity_id = o.id ORDER BY e.at DESC LIMIT 1)`);
    expect(inconsistent).toEqual([]);
  });
});
