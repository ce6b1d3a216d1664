import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { aContract, cityCustomer, expectUserError, gid, inDays, mustAct, mustDecide, opportunityIn, reportOpportunity, uuidOf } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let keySerial = 0;
const partnerId = async (code: string) => gid('Partner', (await t.db.query(`SELECT id FROM partner WHERE code = $1`, [code]))[0].id);

const REQUEST = `mutation($input: RequestIncentiveInput!) { requestIncentive(input: $input) {
  incentive { amount commissionEligible eligibility commissionPartner { code } requestedBy { employeeNo } }
  opportunity { code incentive { amount } } userErrors { code message field } } }`;
const request = async (as: string, input: Record<string, unknown>) => {
  const res = await t.gql(as, REQUEST, { input: { amount: '20000.00', ...input } });
  return res.body.errors ? res : res.body.data.requestIncentive;
};

async function partnerReport(as: string, customerId: string, products = ['CLOUD']) {
  return reportOpportunity(t, as, { customerId, products, idempotencyKey: `incentive-${keySerial++}`, expectedCloseDate: inDays(30) });
}

/** Takes a reported opportunity through evaluation, approval and follow-up to WON. */
async function win(id: string) {
  const accepted = await mustAct(t, 'xa-support', 'evaluateOpportunity', { id, decision: 'ACCEPT' });
  await mustDecide(t, 'xa-leader', { stepId: accepted.currentStep.id, decision: 'APPROVE' });
  await mustAct(t, 'xa-am1', 'startOpportunity', { id });
  return mustAct(t, 'xa-am1', 'closeOpportunity', { id, outcome: 'WON', reason: '签约', contract: aContract() });
}

describe('incentive applications 激励申报', () => {
  it('a leader over the customer files one after a win; the reporting partner’s commission is eligible and recorded', async () => {
    const customer = await cityCustomer(t);
    const reported = (await partnerReport('p-huaxin', customer.id)).opportunity;
    expectUserError(await request('xa-leader', { opportunityId: reported.id }), 'INVALID_TRANSITION', 'opportunityId');
    await win(reported.id);
    expect(errorCodes(await t.gql('xa-am1', REQUEST, { input: { opportunityId: reported.id, amount: '1.00' } }))).toEqual(['FORBIDDEN']);
    const filed = await request('xa-leader', { opportunityId: reported.id, note: '首年收入的5%' });
    expect(filed.userErrors).toEqual([]);
    expect(filed.incentive).toMatchObject({ amount: '20000.00', commissionEligible: true, commissionPartner: { code: 'P-HUAXIN' }, requestedBy: { employeeNo: 'xa-leader' } });
    expect(filed.incentive.eligibility).toMatch(/before the win/);
    expectUserError(await request('xa-leader', { opportunityId: reported.id }), 'ALREADY_EXISTS', 'opportunityId');
    // the partner sees its commission eligibility
    const seen = dataOf(await t.gql('p-huaxin', `query($id: ID!) { opportunity(id: $id) { stage incentive { commissionEligible } } }`, { id: reported.id })).opportunity;
    expect(seen).toEqual({ stage: 'WON', incentive: { commissionEligible: true } });
  });

  it('without a commission claim, an internal win files an incentive with no partner', async () => {
    const won = await opportunityIn(t, 'WON', (await cityCustomer(t)).id);
    const filed = await request('xa-leader', { opportunityId: won.id });
    expect(filed.incentive).toMatchObject({ commissionEligible: false, commissionPartner: null });
  });
});

describe('commission eligibility 酬金 (seed 002 第五条)', () => {
  it('NOT_ELIGIBLE when the partner never registered the customer and product line 未报备', async () => {
    const won = await opportunityIn(t, 'WON', (await cityCustomer(t)).id, { products: ['CLOUD'] });
    const refused = expectUserError(await request('xa-leader', { opportunityId: won.id, commissionPartnerId: await partnerId('P-ZHILIAN') }), 'NOT_ELIGIBLE', 'commissionPartnerId');
    expect(refused.message).toContain('未报备');
    expect(dataOf(await t.gql('xa-leader', `query($id: ID!) { opportunity(id: $id) { incentive { amount } } }`, { id: won.id })).opportunity.incentive).toBeNull();
  });

  it('NOT_ELIGIBLE when the partner registered only after the win', async () => {
    const customer = await cityCustomer(t);
    const won = await opportunityIn(t, 'WON', customer.id, { products: ['CLOUD'] });
    // the won registration's window has passed, so the partner's late report is accepted
    await t.db.query(`UPDATE opportunity SET registered_at = now() - interval '120 days', closed_at = now() - interval '10 days' WHERE id = $1`, [uuidOf(won.id)]);
    expect((await partnerReport('p-zhilian', customer.id)).userErrors).toEqual([]);
    const refused = expectUserError(await request('xa-leader', { opportunityId: won.id, commissionPartnerId: await partnerId('P-ZHILIAN') }), 'NOT_ELIGIBLE');
    expect(refused.message).toContain('after the win');
  });

  it('NOT_ELIGIBLE when the partner’s only registration was refused as a duplicate: the first registrant keeps the claim', async () => {
    const customer = await cityCustomer(t);
    const first = (await partnerReport('p-huaxin', customer.id)).opportunity;
    expectUserError(await partnerReport('p-zhilian', customer.id), 'DUPLICATE_OPPORTUNITY');
    await win(first.id);
    const refused = expectUserError(await request('xa-leader', { opportunityId: first.id, commissionPartnerId: await partnerId('P-ZHILIAN') }), 'NOT_ELIGIBLE');
    expect(refused.message).toContain(`duplicate of ${first.code}`);
    const filed = await request('xa-leader', { opportunityId: first.id });
    expect(filed.incentive).toMatchObject({ commissionEligible: true, commissionPartner: { code: 'P-HUAXIN' } });
  });

  it('a partner opportunity may be filed without claiming commission', async () => {
    const reported = (await partnerReport('p-huaxin', (await cityCustomer(t)).id, ['IDC'])).opportunity;
    await win(reported.id);
    const filed = await request('xa-leader', { opportunityId: reported.id, claimCommission: false });
    expect(filed.incentive).toMatchObject({ commissionEligible: false, commissionPartner: null });
  });
});
