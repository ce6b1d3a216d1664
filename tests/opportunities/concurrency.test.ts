import { dataOf, startTestApp, TestApp } from '../support/harness';
import { actRaw, cityCustomer, decideRaw, history, opportunityIn } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const PARALLEL = 20;

type Payload = { userErrors: { code: string }[] };
const outcome = (payload: Payload) => (payload.userErrors.length ? payload.userErrors[0].code : 'OK');
const tally = (codes: string[]) => codes.reduce<Record<string, number>>((acc, code) => ({ ...acc, [code]: (acc[code] ?? 0) + 1 }), {});

describe('two people acting on one opportunity at once get exactly one success', () => {
  it(`${PARALLEL} approvals of the same step: one APPROVED, the rest refused, one history entry`, async () => {
    const o = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id);
    const responses = await Promise.all(Array.from({ length: PARALLEL }, () => decideRaw(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE' })));
    const codes = responses.map((res) => outcome(dataOf(res).decideApproval));
    expect(tally(codes).OK).toBe(1);
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'INVALID_TRANSITION' || c === 'VERSION_CONFLICT')).toBe(true);
    const entries = await history(t, 'xa-leader', o.id);
    expect(entries.filter((e) => e.action === 'APPROVE_LAST_STEP')).toHaveLength(1);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM approval_step WHERE opportunity_id = (SELECT id FROM opportunity WHERE code = $1)`, [o.code]);
    expect(n).toBe(1);
  });

  it(`${PARALLEL} approvals with the version read: one success and VERSION_CONFLICT or INVALID_TRANSITION for the others`, async () => {
    const o = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id, { estimatedAmount: '6000000.00' });
    const responses = await Promise.all(Array.from({ length: PARALLEL }, () => decideRaw(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE', expectedVersion: o.version })));
    const codes = responses.map((res) => outcome(dataOf(res).decideApproval));
    expect(tally(codes).OK).toBe(1);
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'VERSION_CONFLICT' || c === 'INVALID_TRANSITION')).toBe(true);
    // the route moved on exactly one step: a province step opened once
    const steps = await t.db.query(`SELECT sequence, state FROM approval_step WHERE opportunity_id = (SELECT id FROM opportunity WHERE code = $1) ORDER BY sequence`, [o.code]);
    expect(steps).toEqual([
      { sequence: 1, state: 'APPROVED' },
      { sequence: 2, state: 'PENDING' },
    ]);
  });

  it(`approvals racing recalls (${PARALLEL} in all): one side wins, and the history shows only what happened`, async () => {
    const o = await opportunityIn(t, 'PENDING_APPROVAL', (await cityCustomer(t)).id);
    const requests = Array.from({ length: PARALLEL }, (_, i) =>
      i % 2 === 0
        ? decideRaw(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE' }).then((res) => ['approve', outcome(dataOf(res).decideApproval)])
        : actRaw(t, 'xa-am1', 'recallOpportunity', { id: o.id }).then((res) => ['recall', outcome(dataOf(res).recallOpportunity)]),
    );
    const results = await Promise.all(requests);
    const wins = results.filter(([, code]) => code === 'OK');
    expect(wins).toHaveLength(1);
    expect(results.filter(([, code]) => code !== 'OK').every(([, code]) => code === 'INVALID_TRANSITION' || code === 'VERSION_CONFLICT')).toBe(true);
    const entries = await history(t, 'xa-am1', o.id);
    const last = entries[entries.length - 1];
    const [{ stage }] = await t.db.query(`SELECT stage FROM opportunity WHERE code = $1`, [o.code]);
    if (wins[0][0] === 'approve') {
      expect(last.action).toBe('APPROVE_LAST_STEP');
      expect(stage).toBe('APPROVED');
    } else {
      expect(last.action).toBe('RECALL');
      expect(stage).toBe('DRAFT');
    }
    expect(entries.filter((e) => e.action === 'RECALL' || e.action === 'APPROVE_LAST_STEP')).toHaveLength(1);
  });

  it(`${PARALLEL} submits of one draft: one SUBMITTED, the rest INVALID_TRANSITION`, async () => {
    const o = await opportunityIn(t, 'DRAFT', (await cityCustomer(t)).id);
    const responses = await Promise.all(Array.from({ length: PARALLEL }, () => actRaw(t, 'xa-am1', 'submitOpportunity', { id: o.id })));
    expect(tally(responses.map((res) => outcome(dataOf(res).submitOpportunity)))).toEqual({ OK: 1, INVALID_TRANSITION: PARALLEL - 1 });
    expect((await history(t, 'xa-am1', o.id)).map((e) => e.action)).toEqual(['CREATE', 'SUBMIT']);
  });

  it('never leaves a step without its history entry, nor a stage change without its step', async () => {
    const rows = await t.db.query(`
      SELECT o.code FROM opportunity o
      WHERE (o.stage = 'PENDING_APPROVAL' AND NOT EXISTS (SELECT 1 FROM approval_step s WHERE s.opportunity_id = o.id AND s.state = 'PENDING'))
         OR EXISTS (SELECT 1 FROM approval_step s WHERE s.opportunity_id = o.id AND s.decided_at IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM opportunity_event e WHERE e.opportunity_id = o.id AND e.action LIKE '%_STEP' AND e.actor_id = s.decided_by_id))`);
    expect(rows).toEqual([]);
  });
});
