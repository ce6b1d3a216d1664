import { dataOf, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, decideRaw, history, nextCreditCode, opportunityIn, reportOpportunity } from '../opportunities/builders';

/**
 * Two API servers on one PostgreSQL (issue 15): what keeps retries
 * idempotent and races single-winner lives in the database (advisory locks,
 * row locks, conditional updates), not in one process's memory, so it holds
 * whichever instance each request reaches. Rate limits across instances:
 * tests/platform/rate-limit.test.ts.
 */
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  a = await startTestApp();
  b = await startTestApp({ DATABASE_URL: a.url });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const PER_INSTANCE = 10;
const both = <T>(run: (t: TestApp, i: number) => Promise<T>) => Promise.all(Array.from({ length: 2 * PER_INSTANCE }, (_, i) => run(i % 2 === 0 ? a : b, i)));
const count = async (table: string) => (await a.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
type Payload = { userErrors: { code: string }[] };
const outcome = (payload: Payload) => (payload.userErrors.length ? payload.userErrors[0].code : 'OK');

describe('two API instances on one database', () => {
  it('a partner report retried on both at once: one opportunity, one new customer, the same answer everywhere', async () => {
    const input = {
      customer: { creditCode: nextCreditCode(), name: '西安高新区管委会' },
      idempotencyKey: `two-instances-${Date.now()}`,
      products: ['DATA_LINE'],
    };
    const before = { opportunities: await count('opportunity'), customers: await count('group_customer'), attempts: await count('registration_attempt') };
    const payloads = await both((t) => reportOpportunity(t, 'p-huaxin', input));
    expect(payloads[0].userErrors).toEqual([]);
    expect(new Set(payloads.map((p) => JSON.stringify(p))).size).toBe(1);
    expect(await count('opportunity')).toBe(before.opportunities + 1);
    expect(await count('group_customer')).toBe(before.customers + 1);
    expect(await count('registration_attempt')).toBe(before.attempts + 1);
    // A later retry on either instance still answers the first result; keys are the partner's, so a colleague's retry too.
    expect(await reportOpportunity(b, 'p-huaxin', input)).toEqual(payloads[0]);
    expect((await reportOpportunity(a, 'p-huaxin2', input)).opportunity.id).toBe(payloads[0].opportunity.id);
  });

  it('two partners racing for one customer and product line through different instances: exactly one registration wins', async () => {
    const customer = await cityCustomer(a);
    const payloads = await both((t, i) => reportOpportunity(t, i % 4 < 2 ? 'p-huaxin' : 'p-zhilian', { customerId: customer.id, idempotencyKey: `race-${i}`, products: ['IOT'] }));
    const codes = payloads.map(outcome);
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'DUPLICATE_OPPORTUNITY')).toBe(true);
    const [{ accepted, refused }] = await a.db.query(
      `SELECT count(*) FILTER (WHERE outcome = 'ACCEPTED')::int AS accepted, count(*) FILTER (WHERE outcome = 'REFUSED_DUPLICATE')::int AS refused
       FROM registration_attempt WHERE customer_id = (SELECT id FROM group_customer WHERE code = $1)`,
      [customer.code],
    );
    expect({ accepted, refused }).toEqual({ accepted: 1, refused: 2 * PER_INSTANCE - 1 });
  });

  it('one approval step decided through both at once: exactly one decision wins, with one history entry', async () => {
    const o = await opportunityIn(a, 'PENDING_APPROVAL', (await cityCustomer(a)).id);
    // Half approve, half reject: whichever wins, the stage is the winner's and nothing of the loser remains.
    const responses = await both((t, i) => decideRaw(t, 'xa-leader', { stepId: o.currentStep.id, ...(i % 4 < 2 ? { decision: 'APPROVE' } : { decision: 'REJECT', comment: '预算不足' }) }));
    const payloads = responses.map((res) => dataOf(res).decideApproval);
    const winners = payloads.filter((p) => outcome(p) === 'OK');
    expect(winners).toHaveLength(1);
    expect(payloads.filter((p) => outcome(p) !== 'OK').every((p) => ['INVALID_TRANSITION', 'VERSION_CONFLICT'].includes(outcome(p)))).toBe(true);
    const stage = winners[0].opportunity.stage;
    expect(['APPROVED', 'REJECTED']).toContain(stage);
    const entries = await history(b, 'xa-leader', o.id);
    expect(entries.filter((e: { action: string }) => ['APPROVE_LAST_STEP', 'REJECT_STEP'].includes(e.action))).toHaveLength(1);
    const steps = await a.db.query(`SELECT state::text, decided_by_id IS NOT NULL AS decided FROM approval_step WHERE opportunity_id = (SELECT id FROM opportunity WHERE code = $1)`, [o.code]);
    expect(steps).toEqual([{ state: stage === 'APPROVED' ? 'APPROVED' : 'REJECTED', decided: true }]);
  });

  it('a two-step route approved through both at once moves on exactly one step', async () => {
    const o = await opportunityIn(a, 'PENDING_APPROVAL', (await cityCustomer(a)).id, { estimatedAmount: '6000000.00' });
    const responses = await both((t) => decideRaw(t, 'xa-leader', { stepId: o.currentStep.id, decision: 'APPROVE', expectedVersion: o.version }));
    expect(responses.map((res) => outcome(dataOf(res).decideApproval)).filter((c) => c === 'OK')).toHaveLength(1);
    const steps = await b.db.query(`SELECT sequence, state::text FROM approval_step WHERE opportunity_id = (SELECT id FROM opportunity WHERE code = $1) ORDER BY sequence`, [o.code]);
    expect(steps).toEqual([
      { sequence: 1, state: 'APPROVED' },
      { sequence: 2, state: 'PENDING' },
    ]);
  });
});
