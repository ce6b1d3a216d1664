import { startTestApp, TestApp } from '../support/harness';
import { cityCustomer, createOpportunity, decide, expectUserError, inDays, act, opportunityIn } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('bad input is refused as VALIDATION naming the field, and nothing is written', () => {
  let customerId: string;
  beforeAll(async () => {
    customerId = (await cityCustomer(t)).id;
  });

  it('a COMPETITOR opportunity without the rival’s line, or with parts of it missing', async () => {
    expectUserError(await createOpportunity(t, 'xa-am1', { customerId, category: 'COMPETITOR' }), 'VALIDATION', 'competitor');
    const partial = await createOpportunity(t, 'xa-am1', { customerId, category: 'COMPETITOR', competitor: { carrier: 'CHINA_UNICOM', product: '沃专线' } });
    for (const field of ['monthlyFee', 'bandwidthMbps', 'contractExpiresOn']) expectUserError(partial, 'VALIDATION', `competitor.${field}`);
    expectUserError(
      await createOpportunity(t, 'xa-am1', {
        customerId,
        category: 'COMPETITOR',
        competitor: { carrier: 'CHINA_UNICOM', product: '沃专线', monthlyFee: '100.00', bandwidthMbps: 0, contractExpiresOn: inDays(10) },
      }),
      'VALIDATION',
      'competitor.bandwidthMbps',
    );
  });

  it('an empty or repeated product list', async () => {
    expectUserError(await createOpportunity(t, 'xa-am1', { customerId, products: [] }), 'VALIDATION', 'products');
    expectUserError(await createOpportunity(t, 'xa-am1', { customerId, products: ['CLOUD', 'CLOUD'] }), 'VALIDATION', 'products');
  });

  it('a negative or absurd amount', async () => {
    expectUserError(await createOpportunity(t, 'xa-am1', { customerId, estimatedAmount: '-1.00' }), 'VALIDATION', 'estimatedAmount');
    expectUserError(await createOpportunity(t, 'xa-am1', { customerId, estimatedAmount: '99999999999.00' }), 'VALIDATION', 'estimatedAmount');
  });

  it('a close date in the past for a new opportunity', async () => {
    expectUserError(await createOpportunity(t, 'xa-am1', { customerId, expectedCloseDate: inDays(-1) }), 'VALIDATION', 'expectedCloseDate');
  });

  it('an unknown customer, or one the creator does not keep', async () => {
    expectUserError(await createOpportunity(t, 'xa-am1', { customerId: 'R3JvdXBDdXN0b21lcjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=' }), 'VALIDATION', 'customerId');
    expectUserError(await createOpportunity(t, 'bj-am1', { customerId }), 'VALIDATION', 'customerId');
  });

  it('an empty title, a comment or reason over the limit', async () => {
    expectUserError(await createOpportunity(t, 'xa-am1', { customerId, title: '' }), 'VALIDATION', 'title');
    const draft = await opportunityIn(t, 'DRAFT', customerId);
    expectUserError(await act(t, 'xa-am1', 'submitOpportunity', { id: draft.id, comment: '长'.repeat(1001) }), 'VALIDATION', 'comment');
    expectUserError(await act(t, 'xa-am1', 'cancelOpportunity', { id: draft.id, reason: '长'.repeat(501) }), 'VALIDATION', 'reason');
    const pending = await opportunityIn(t, 'PENDING_APPROVAL', customerId);
    expectUserError(await decide(t, 'xa-leader', { stepId: pending.currentStep.id, decision: 'APPROVE', comment: '长'.repeat(1001) }), 'VALIDATION', 'comment');
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM opportunity_event WHERE action IN ('SUBMIT', 'CANCEL', 'APPROVE_LAST_STEP') AND opportunity_id IN (SELECT id FROM opportunity WHERE code IN ($1, $2))`,
      [draft.code, pending.code],
    );
    expect(n).toBe(1);
  });

  it('an owner who is not a manager on the last approval', async () => {
    const pending = await opportunityIn(t, 'PENDING_APPROVAL', customerId);
    const leader = Buffer.from(`Staff:${(await t.db.query(`SELECT id FROM staff WHERE employee_no = 'xa-support'`))[0].id}`).toString('base64');
    expectUserError(await decide(t, 'xa-leader', { stepId: pending.currentStep.id, decision: 'APPROVE', ownerId: leader }), 'VALIDATION', 'ownerId');
  });
});

describe('blank text', () => {
  it('a reason or title of only spaces is no reason and no title', async () => {
    const customer = await cityCustomer(t, { name: '空白原因客户' });
    const cancelled = await opportunityIn(t, 'DRAFT', customer.id);
    expectUserError(await act(t, 'xa-am1', 'cancelOpportunity', { id: cancelled.id, reason: '   ' }), 'VALIDATION', 'reason');
    const going = await opportunityIn(t, 'IN_PROGRESS', customer.id);
    expectUserError(await act(t, 'xa-am1', 'closeOpportunity', { id: going.id, outcome: 'LOST', reason: ' ' }), 'VALIDATION', 'reason');
    expectUserError(await createOpportunity(t, 'xa-am1', { customerId: customer.id, title: '  ' }), 'VALIDATION', 'title');
  });
});
