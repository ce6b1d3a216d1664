import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, expectUserError, mustAct, mustCreateOpportunity, opportunityIn, uuidOf } from './builders';
import { COMMISSION_FIELDS, chinaDaysAgo, chinaToday, mustCollide, mustReport, mustWin, opportunityAdmins, pay, review, toInProgress, win } from './money-builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await opportunityAdmins(t);
});
afterAll(() => t.close());

const commissionsOf = async (as: string, id: string) =>
  dataOf(await t.gql(as, `query($id: ID!) { opportunity(id: $id) { commission { ${COMMISSION_FIELDS} } commissions { ${COMMISSION_FIELDS} } } }`, { id })).opportunity;

/** A partner report taken to IN_PROGRESS. */
async function reportedInProgress(as: string, products = ['CLOUD']) {
  const customer = await cityCustomer(t);
  const o = await mustReport(t, as, customer.id, products);
  await toInProgress(t, o.id);
  return { customer, o };
}

describe('commission 酬金 is opened in the same transaction as the win (seed 002 第五条)', () => {
  it('the reporting partner’s is PENDING, at the product line’s rate × the signed amount, exact to the fen', async () => {
    const { o } = await reportedInProgress('p-huaxin');
    const won = await mustWin(t, o.id, { signedAmount: '123456.78' });
    expect(won.commissions).toEqual([expect.objectContaining({ state: 'PENDING', amount: '2469.14', ratePercent: '2.00', refusalReason: null, partner: { code: 'P-HUAXIN' } })]);
    expect(won.commissions[0].note).toMatch(/^Registered on \d{4}-\d{2}-\d{2}, before the contract was signed/);
  });

  it('a refused win opens nothing', async () => {
    const { o } = await reportedInProgress('p-huaxin');
    expectUserError(await win(t, o.id, { signedOn: '2999-12-31' }), 'VALIDATION');
    expect(Number((await t.db.query(`SELECT count(*)::int AS n FROM commission WHERE opportunity_id = $1`, [uuidOf(o.id)]))[0].n)).toBe(0);
  });

  it('an internal win no partner registered opens no commission at all', async () => {
    const won = await mustWin(t, (await opportunityIn(t, 'IN_PROGRESS', (await cityCustomer(t)).id)).id);
    expect(won.commissions).toEqual([]);
  });

  it('REGISTERED_AFTER_WIN when the registration is later than the contract’s signing date', async () => {
    const { o } = await reportedInProgress('p-huaxin');
    const won = await mustWin(t, o.id, { signedOn: chinaDaysAgo(3) });
    expect(won.commissions).toEqual([expect.objectContaining({ state: 'REFUSED', refusalReason: 'REGISTERED_AFTER_WIN', partner: { code: 'P-HUAXIN' } })]);
  });

  it('DUPLICATE_REFUSED for the partner refused as a duplicate: the first registrant keeps the claim', async () => {
    const customer = await cityCustomer(t);
    const first = await mustReport(t, 'p-huaxin', customer.id, ['CLOUD']);
    await mustCollide(t, 'p-zhilian', customer.id, ['CLOUD']);
    await toInProgress(t, first.id);
    const won = await mustWin(t, first.id);
    const byPartner = Object.fromEntries(won.commissions.map((c: { partner: { code: string } }) => [c.partner.code, c]));
    expect(byPartner['P-HUAXIN']).toMatchObject({ state: 'PENDING' });
    expect(byPartner['P-ZHILIAN']).toMatchObject({ state: 'REFUSED', refusalReason: 'DUPLICATE_REFUSED' });
    expect(byPartner['P-ZHILIAN'].note).toContain(first.code);
    // the refused partner sees its refusal and why; never the other partner's commission
    const seen = await commissionsOf('p-zhilian', first.id);
    expect(seen).toBeNull(); // the opportunity is huaxin's: zhilian cannot read it at all
    const listed = dataOf(await t.gql('p-zhilian', `{ commissions(first: 50) { nodes { state refusalReason note partner { code } opportunity { code } } } }`)).commissions.nodes;
    expect(listed).toContainEqual({
      state: 'REFUSED',
      refusalReason: 'DUPLICATE_REFUSED',
      note: byPartner['P-ZHILIAN'].note,
      partner: { code: 'P-ZHILIAN' },
      opportunity: null,
    });
    expect(listed.every((c: { partner: { code: string } }) => c.partner.code === 'P-ZHILIAN')).toBe(true);
  });

  it('a registration on a cancelled (or lost, or other) opportunity never makes a partner eligible: NO_REGISTRATION', async () => {
    const customer = await cityCustomer(t);
    const cancelled = await mustReport(t, 'p-zhilian', customer.id, ['IOT']);
    await mustAct(t, 'xa-leader', 'cancelOpportunity', { id: cancelled.id, reason: '客户取消' });
    const lost = await mustReport(t, 'p-huaxin', customer.id, ['IOT']);
    await toInProgress(t, lost.id);
    await mustAct(t, 'xa-am1', 'closeOpportunity', { id: lost.id, outcome: 'LOST', reason: '价格' });
    const internal = await opportunityIn(t, 'IN_PROGRESS', customer.id, { products: ['IOT'] });
    const won = await mustWin(t, internal.id);
    const reasons = Object.fromEntries(won.commissions.map((c: { partner: { code: string }; refusalReason: string; state: string }) => [c.partner.code, `${c.state}:${c.refusalReason}`]));
    expect(reasons).toEqual({ 'P-ZHILIAN': 'REFUSED:NO_REGISTRATION', 'P-HUAXIN': 'REFUSED:NO_REGISTRATION' });
  });

  it('partners registered on other product lines of the customer get no record', async () => {
    const customer = await cityCustomer(t);
    await mustReport(t, 'p-zhilian', customer.id, ['VPMN']);
    const won = await mustWin(t, (await opportunityIn(t, 'IN_PROGRESS', customer.id, { products: ['GROUP_MAS'] })).id);
    expect(won.commissions).toEqual([]);
  });
});

describe('commission rates 酬金比例 are data', () => {
  const RATE = `mutation($i: SetCommissionRateInput!) { setCommissionRate(input: $i) { rate { productLine ratePercent } userErrors { code field } } }`;

  it('an admin sets a product line’s rate; new wins use it, commissions already opened keep theirs', async () => {
    const before = await reportedInProgress('p-huaxin', ['DATA_LINE']);
    const kept = await mustWin(t, before.o.id, { signedAmount: '10000.00' });
    expect(errorCodes(await t.gql('xa-oa', RATE, { i: { productLine: 'DATA_LINE', ratePercent: '5.00' } }))).toEqual(['FORBIDDEN']);
    expectUserError(dataOf(await t.gql('admin', RATE, { i: { productLine: 'DATA_LINE', ratePercent: '100.01' } })).setCommissionRate, 'VALIDATION', 'ratePercent');
    expect(dataOf(await t.gql('admin', RATE, { i: { productLine: 'DATA_LINE', ratePercent: '3.75' } })).setCommissionRate.rate).toEqual({
      productLine: 'DATA_LINE',
      ratePercent: '3.75',
    });
    const rates = dataOf(await t.gql('xa-oa', `{ commissionRates { productLine ratePercent } }`)).commissionRates;
    expect(rates).toHaveLength(11);
    expect(rates).toContainEqual({ productLine: 'DATA_LINE', ratePercent: '3.75' });
    const after = await reportedInProgress('p-huaxin', ['DATA_LINE']);
    expect((await mustWin(t, after.o.id, { signedAmount: '10000.01' })).commissions[0]).toMatchObject({ amount: '375.00', ratePercent: '3.75' });
    expect((await commissionsOf('xa-leader', kept.id)).commission).toMatchObject({ amount: '200.00', ratePercent: '2.00' });
  });
});

describe('review 审核 and payment 发放 by the opportunity administrator of the partner’s city', () => {
  let pendingId: string;
  let version: number;
  beforeAll(async () => {
    const { o } = await reportedInProgress('p-huaxin', ['IMS_FIXED']);
    const won = await mustWin(t, o.id, { signedAmount: '50000.00' });
    pendingId = won.commissions[0].id;
    version = won.commissions[0].version;
  });

  it('only the administrator of the partner’s city (or an admin) reviews; others read it as not found or are forbidden', async () => {
    expectUserError(dataOf(await review(t, 'bj-oa', { id: pendingId, decision: 'APPROVE' })).reviewCommission, 'NOT_FOUND', 'id');
    expectUserError(dataOf(await review(t, 'p-zhilian', { id: pendingId, decision: 'APPROVE' })).reviewCommission, 'NOT_FOUND', 'id');
    // those who may read it (the partner, a leader over the customer) may not decide it
    expect(errorCodes(await review(t, 'p-huaxin', { id: pendingId, decision: 'APPROVE' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await review(t, 'xa-leader', { id: pendingId, decision: 'APPROVE' }))).toEqual(['FORBIDDEN']);
    expectUserError(dataOf(await review(t, 'xa-oa', { id: pendingId, decision: 'REFUSE' })).reviewCommission, 'VALIDATION', 'comment');
    expectUserError(dataOf(await review(t, 'xa-oa', { id: pendingId, decision: 'APPROVE', expectedVersion: version + 1 })).reviewCommission, 'VERSION_CONFLICT', 'expectedVersion');
  });

  it('20 racing reviews of one commission: exactly one decision', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => review(t, 'xa-oa', i % 2 ? { id: pendingId, decision: 'APPROVE' } : { id: pendingId, decision: 'REFUSE', comment: '材料不全' })),
    );
    const payloads = responses.map((res) => dataOf(res).reviewCommission);
    const decided = payloads.filter((p) => p.userErrors.length === 0);
    expect(decided).toHaveLength(1);
    expect(payloads.filter((p) => p.userErrors[0]?.code === 'INVALID_TRANSITION')).toHaveLength(19);
    const [row] = await t.db.query(`SELECT state, version FROM commission WHERE id = $1`, [uuidOf(pendingId)]);
    expect(row).toEqual({ state: decided[0].commission.state, version: version + 1 });
    expect(decided[0].commission.reviewedBy).toEqual({ employeeNo: 'xa-oa' });
  });

  it('an APPROVED commission is paid once, with a reference and a date; paying twice is refused', async () => {
    const { o } = await reportedInProgress('p-huaxin', ['GROUP_MAS']);
    const commission = (await mustWin(t, o.id, { signedAmount: '88888.88' })).commissions[0];
    expect(expectUserError(dataOf(await pay(t, 'xa-oa', { id: commission.id, paymentReference: 'FK-1', paidOn: chinaToday() })).recordCommissionPayment, 'INVALID_TRANSITION').message).toContain(
      'is PENDING',
    );
    expect(dataOf(await review(t, 'xa-oa', { id: commission.id, decision: 'APPROVE' })).reviewCommission.commission.state).toBe('APPROVED');
    expectUserError(dataOf(await pay(t, 'xa-oa', { id: commission.id, paymentReference: 'FK-1', paidOn: '2999-01-01' })).recordCommissionPayment, 'VALIDATION', 'paidOn');
    expectUserError(dataOf(await pay(t, 'xa-oa', { id: commission.id, paymentReference: 'FK-1', paidOn: chinaDaysAgo(5) })).recordCommissionPayment, 'VALIDATION', 'paidOn');
    const payments = await Promise.all(Array.from({ length: 5 }, (_, i) => pay(t, 'xa-oa', { id: commission.id, paymentReference: `FK-2026-${i}`, paidOn: chinaToday() })));
    const paid = payments.map((res) => dataOf(res).recordCommissionPayment).filter((p) => p.userErrors.length === 0);
    expect(paid).toHaveLength(1);
    expect(paid[0].commission).toMatchObject({ state: 'PAID', amount: '1777.78', paidOn: chinaToday() });
    const again = expectUserError(dataOf(await pay(t, 'xa-oa', { id: commission.id, paymentReference: 'FK-AGAIN', paidOn: chinaToday() })).recordCommissionPayment, 'INVALID_TRANSITION');
    expect(again.message).toContain('is PAID');
    // the partner sees state, amount, reference and date, but not which of our staff acted
    const seen = (await commissionsOf('p-huaxin', o.id)).commission;
    expect(seen).toMatchObject({ state: 'PAID', amount: '1777.78', paymentReference: paid[0].commission.paymentReference, paidOn: chinaToday() });
    const staff = dataOf(
      await t.gql('p-huaxin', `query($id: ID!) { node(id: $id) { ... on Commission { reviewedBy { employeeNo } paidRecordedBy { employeeNo } } } }`, {
        id: commission.id,
      }),
    ).node;
    expect(staff).toEqual({ reviewedBy: null, paidRecordedBy: null });
  });

  it('a refusal by review is stored with its comment and shown to the partner and the administrator', async () => {
    const { o } = await reportedInProgress('p-huaxin', ['VPMN']);
    const commission = (await mustWin(t, o.id)).commissions[0];
    await review(t, 'admin', { id: commission.id, decision: 'REFUSE', comment: '合同主体与报备不一致' });
    for (const as of ['p-huaxin', 'xa-oa']) {
      expect((await commissionsOf(as, o.id)).commission).toMatchObject({ state: 'REFUSED', refusalReason: 'REVIEW_REFUSED', note: '合同主体与报备不一致' });
    }
  });

  it('commissionQueue: the PENDING commissions of the administrator’s city, oldest first; APPROVED ones await payment', async () => {
    const queue = async (as: string, state = 'PENDING') =>
      dataOf(
        await t.gql(as, `query($s: CommissionState) { commissionQueue(first: 100, state: $s) { totalCount nodes { state createdAt partner { code } } } }`, {
          s: state,
        }),
      ).commissionQueue;
    const mine = await queue('xa-oa');
    expect(mine.nodes.length).toBeGreaterThan(0);
    expect(mine.nodes.every((c: { state: string; partner: { code: string } }) => c.state === 'PENDING' && c.partner.code === 'P-HUAXIN')).toBe(true);
    const times = mine.nodes.map((c: { createdAt: string }) => Date.parse(c.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await queue('bj-oa')).totalCount).toBe(0);
    expect((await queue('xa-am1')).totalCount).toBe(0);
  });

  it('an internal opportunity in 西安 with a 宝鸡 partner’s refused claim: the 西安 administrator does not see that commission', async () => {
    const customer = await cityCustomer(t);
    const internal = await mustCreateOpportunity(t, 'xa-am1', { customerId: customer.id, products: ['DARK_FIBER'] });
    await mustCollide(t, 'p-zhilian', customer.id, ['DARK_FIBER']);
    await mustAct(t, 'xa-am1', 'submitOpportunity', { id: internal.id });
    await toInProgress(t, internal.id);
    const won = await mustWin(t, internal.id);
    expect(won.commissions).toEqual([expect.objectContaining({ refusalReason: 'DUPLICATE_REFUSED', partner: { code: 'P-ZHILIAN' } })]);
    expect(dataOf(await t.gql('xa-oa', `query($id: ID!) { node(id: $id) { id } }`, { id: won.commissions[0].id })).node).toBeNull();
    expect(dataOf(await t.gql('bj-oa', `query($id: ID!) { node(id: $id) { id } }`, { id: won.commissions[0].id })).node).toEqual({ id: won.commissions[0].id });
  });
});
