import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, mustAct } from './builders';
import { chinaDaysAgo, chinaToday, mustCollide, mustReport, mustWin, opportunityAdmins, partnerGid, pay, review, toInProgress } from './money-builders';

/** The partner portal: report → registration list → commission (issue 11). */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await opportunityAdmins(t);
});
afterAll(() => t.close());

const MY_REGISTRATIONS = `{ myRegistrations(first: 50) { totalCount nodes { outcome registeredAt protectedUntil products customerSummary { code name }
  opportunity { code stage } collidedWith { code registeredAt protectedUntil } partner { code } } } }`;
const period = { from: chinaDaysAgo(30), to: chinaToday() };
const STATISTICS = `query($p: PeriodInput!, $partner: ID) { partnerStatistics(period: $p, partnerId: $partner) {
  reported accepted refusedAsDuplicates won lost winRate commissionPending commissionApproved commissionPaid } }`;

describe('the partner portal', () => {
  let first: { id: string; code: string; registeredAt: string };
  beforeAll(async () => {
    const shared = await cityCustomer(t, { name: '共享客户' });
    first = await mustReport(t, 'p-huaxin', shared.id, ['CLOUD']);
    await mustCollide(t, 'p-zhilian', shared.id, ['CLOUD', 'IDC']);
    // zhilian: one won (paid), one won (approved), one won (pending), one lost
    for (const [index, fate] of ['PAID', 'APPROVED', 'PENDING', 'LOST'].entries()) {
      const o = await mustReport(t, 'p-zhilian', (await cityCustomer(t, { name: `智联客户${index}` })).id, ['IOT']);
      await toInProgress(t, o.id);
      if (fate === 'LOST') {
        await mustAct(t, 'xa-am1', 'closeOpportunity', { id: o.id, outcome: 'LOST', reason: '价格' });
        continue;
      }
      const commission = (await mustWin(t, o.id, { signedAmount: '10000.00' })).commissions[0];
      if (fate === 'PENDING') continue;
      await review(t, 'bj-oa', { id: commission.id, decision: 'APPROVE' });
      if (fate === 'PAID') await pay(t, 'bj-oa', { id: commission.id, paymentReference: 'ZL-PAY-1', paidOn: chinaToday() });
    }
  });

  it('myRegistrations: every attempt, accepted or refused naming the earlier code, with dates and protection windows', async () => {
    const mine = dataOf(await t.gql('p-zhilian', MY_REGISTRATIONS)).myRegistrations;
    expect(mine.totalCount).toBe(5);
    const refused = mine.nodes.find((n: { outcome: string }) => n.outcome === 'REFUSED_DUPLICATE');
    expect(refused).toMatchObject({
      products: ['CLOUD', 'IDC'],
      opportunity: null,
      protectedUntil: null,
      customerSummary: { name: '共享客户' },
      partner: { code: 'P-ZHILIAN' },
    });
    expect(refused.collidedWith.code).toBe(first.code);
    expect(Date.parse(refused.collidedWith.protectedUntil) - Date.parse(refused.collidedWith.registeredAt)).toBe(90 * 86_400_000);
    const accepted = mine.nodes.filter((n: { outcome: string }) => n.outcome === 'ACCEPTED');
    expect(accepted).toHaveLength(4);
    for (const n of accepted) expect(Date.parse(n.protectedUntil) - Date.parse(n.registeredAt)).toBe(90 * 86_400_000);
    const times = mine.nodes.map((n: { registeredAt: string }) => Date.parse(n.registeredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(errorCodes(await t.gql('xa-oa', MY_REGISTRATIONS))).toEqual(['FORBIDDEN']);
  });

  it('commission on the won opportunities: state, amount, reference and date when paid', async () => {
    const won = dataOf(await t.gql('p-zhilian', `{ opportunities(first: 50, filter: { stages: [WON] }) { nodes { commission { state amount paymentReference paidOn refusalReason } } } }`))
      .opportunities.nodes;
    expect(won.map((o: { commission: { state: string } }) => o.commission.state).sort()).toEqual(['APPROVED', 'PAID', 'PENDING']);
    expect(won.find((o: { commission: { state: string } }) => o.commission.state === 'PAID').commission).toEqual({
      state: 'PAID',
      amount: '200.00',
      paymentReference: 'ZL-PAY-1',
      paidOn: chinaToday(),
      refusalReason: null,
    });
  });

  it('partnerStatistics: reported, accepted, refused as duplicates, won, win rate and commission by state', async () => {
    expect(dataOf(await t.gql('p-zhilian', STATISTICS, { p: period })).partnerStatistics).toEqual({
      reported: 5,
      accepted: 4,
      refusedAsDuplicates: 1,
      won: 3,
      lost: 1,
      winRate: 0.75,
      commissionPending: '200.00',
      commissionApproved: '200.00',
      commissionPaid: '200.00',
    });
    // a partner's own figures whatever partnerId it names
    expect(dataOf(await t.gql('p-zhilian', STATISTICS, { p: period, partner: await partnerGid(t, 'P-HUAXIN') })).partnerStatistics.reported).toBe(5);
    expect(dataOf(await t.gql('bj-oa', STATISTICS, { p: period, partner: await partnerGid(t, 'P-ZHILIAN') })).partnerStatistics.won).toBe(3);
    expect(dataOf(await t.gql('xa-oa', STATISTICS, { p: period, partner: await partnerGid(t, 'P-ZHILIAN') })).partnerStatistics).toBeNull();
    expect(dataOf(await t.gql('xa-oa', STATISTICS, { p: period })).partnerStatistics).toMatchObject({
      reported: 1,
      accepted: 1,
      won: 0,
      winRate: null,
      commissionPending: '0.00',
    });
    expect(dataOf(await t.gql('admin', STATISTICS, { p: period })).partnerStatistics).toMatchObject({ reported: 6, won: 3 });
    expect(dataOf(await t.gql('p-zhilian', STATISTICS, { p: { from: '2020-01-01', to: '2020-12-31' } })).partnerStatistics).toMatchObject({
      reported: 0,
      won: 0,
      commissionPaid: '0.00',
    });
    expect(errorCodes(await t.gql('p-zhilian', STATISTICS, { p: { from: chinaToday(), to: '2020-01-01' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await t.gql('xa-am1', STATISTICS, { p: period }))).toEqual(['FORBIDDEN']);
  });

  it('partners never see internal notes, follow-ups of ours, incentive applications or other partners’ anything', async () => {
    const huaxin = dataOf(
      await t.gql('p-huaxin', `{ myRegistrations { nodes { partner { code } } } commissions(first: 50) { totalCount } registrationAttempts(first: 50) { nodes { partner { code } } } }`),
    );
    expect(huaxin.myRegistrations.nodes).toEqual([{ partner: { code: 'P-HUAXIN' } }]);
    expect(huaxin.registrationAttempts.nodes).toEqual([{ partner: { code: 'P-HUAXIN' } }]);
    expect(huaxin.commissions.totalCount).toBe(0);
    const zhilianCommission = await t.db.query(`SELECT id FROM commission WHERE partner_id = (SELECT id FROM partner WHERE code = 'P-ZHILIAN') LIMIT 1`);
    const commissionGid = Buffer.from(`Commission:${zhilianCommission[0].id}`).toString('base64');
    expect(dataOf(await t.gql('p-huaxin', `query($id: ID!) { node(id: $id) { id } }`, { id: commissionGid })).node).toBeNull();
    const [won] = await t.db.query(`SELECT o.id FROM opportunity o JOIN commission c ON c.opportunity_id = o.id WHERE c.state = 'PAID' LIMIT 1`);
    const seen = dataOf(
      await t.gql('p-zhilian', `query($id: ID!) { opportunity(id: $id) { closeReason incentive { note } history { nodes { comment actor { employeeNo } } } } }`, {
        id: Buffer.from(`Opportunity:${won.id}`).toString('base64'),
      }),
    ).opportunity;
    expect(seen.closeReason).toBeNull();
    expect(seen.history.nodes.filter((e: { actor: unknown }) => e.actor == null).every((e: { comment: string | null }) => e.comment == null)).toBe(true);
  });
});
