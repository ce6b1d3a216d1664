import { answered, everyRole, Expectations, FORBIDDEN_IN_SCOPE, listed, LISTED_IN_SCOPE, Observer, payload, row, Row, SCOPED } from '../engine';
import { OpportunityRow, World } from '../world';

/**
 * Contracts, provisioning, commission 酬金, the partner portal and 商机通报
 * (issue 11; DOMAIN.md: Who sees what): the opportunity administrator
 * 商机管理员 reads and acts for the partners whose home is their city (华信
 * for 西安; 智联 is 宝鸡's); partners see their own; other staff see
 * commissions and contracts with the opportunities they read.
 */
const EVERYONE_ELSE = (outcome: 'FORBIDDEN' | 'EMPTY' | 'NOT_FOUND') => ({
  provinceLeader: outcome,
  cityLeader: outcome,
  countyLeader: outcome,
  industryManager: outcome,
  accountManager: outcome,
  gridManager: outcome,
  supportManager: outcome,
});

/** Reviews and payments: the administrator of the partner's city (and admins); readers of the commission are refused. */
const REVIEWERS: Expectations = {
  admin: 'OK',
  provinceLeader: FORBIDDEN_IN_SCOPE,
  cityLeader: FORBIDDEN_IN_SCOPE,
  countyLeader: FORBIDDEN_IN_SCOPE,
  industryManager: FORBIDDEN_IN_SCOPE,
  accountManager: FORBIDDEN_IN_SCOPE,
  gridManager: FORBIDDEN_IN_SCOPE,
  supportManager: 'NOT_FOUND',
  opportunityAdmin: SCOPED,
  partner: FORBIDDEN_IN_SCOPE,
};

/** Partner accounts: the administrator of the partner's city (and admins); nobody else manages any. */
const ACCOUNT_KEEPERS: Expectations = { admin: 'OK', ...EVERYONE_ELSE('FORBIDDEN'), opportunityAdmin: SCOPED, partner: 'FORBIDDEN' };

const USER_ERRORS = 'userErrors { code message field }';
const day = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** A time before anything else in the run, so that oldest-first lists show the target on their first page. */
const early = (w: World) => new Date(Date.UTC(2000, 0, 1) + w.next() * 1000).toISOString();
/** A day after anything else in the run, so that newest-first lists show the target on their first page. */
const late = (w: World) => new Date(Date.UTC(2090, 0, 1) + w.next() * 86_400_000).toISOString().slice(0, 10);
const nonEmpty =
  (field: string): Observer<unknown> =>
  (data) =>
    data?.[field] == null ? 'ABSENT' : data[field].length ? 'OK' : 'EMPTY';
const counted =
  (field: string): Observer<unknown> =>
  (data) =>
    data?.[field] == null ? 'ABSENT' : data[field].totalCount > 0 ? 'OK' : 'EMPTY';
const partnerOf = async (w: World, _role: unknown, side: 'in' | 'out') => ({ id: w.partnerId(side === 'in' ? 'P-HUAXIN' : 'P-ZHILIAN') });

export const moneyRows: Row[] = [
  row<{ id: string }>('Query.myRegistrations', {
    document: `{ myRegistrations(first: 100) { nodes { id } } }`,
    target: async (w, role, side) => w.registration(role, side, { registeredOn: late(w) }),
    observe: listed('myRegistrations'),
    expect: { admin: 'FORBIDDEN', ...EVERYONE_ELSE('FORBIDDEN'), opportunityAdmin: 'FORBIDDEN', partner: LISTED_IN_SCOPE },
  }),

  row<{ id: string }>('Query.registrationAttempts', {
    document: `{ registrationAttempts(first: 100) { nodes { id } } }`,
    target: async (w, role, side) => w.registration(role, side, { registeredOn: late(w) }),
    observe: listed('registrationAttempts'),
    expect: { admin: 'OK', ...EVERYONE_ELSE('EMPTY'), opportunityAdmin: LISTED_IN_SCOPE, partner: LISTED_IN_SCOPE },
  }),

  row<{ id: string }>('Query.commissionQueue', {
    document: `{ commissionQueue(first: 100) { nodes { id } } }`,
    target: (w, role, side) => w.commission(role, side, 'PENDING', { createdAt: early(w) }),
    observe: listed('commissionQueue'),
    expect: { admin: 'OK', ...EVERYONE_ELSE('EMPTY'), opportunityAdmin: LISTED_IN_SCOPE, partner: 'EMPTY' },
  }),

  row<{ id: string }>('Query.commissions', {
    document: `{ commissions(first: 100) { nodes { id } } }`,
    target: (w, role, side) => w.commission(role, side, 'PENDING', { createdAt: early(w) }),
    observe: listed('commissions'),
    expect: {
      admin: 'OK',
      provinceLeader: LISTED_IN_SCOPE,
      cityLeader: LISTED_IN_SCOPE,
      countyLeader: LISTED_IN_SCOPE,
      industryManager: LISTED_IN_SCOPE,
      accountManager: LISTED_IN_SCOPE,
      gridManager: LISTED_IN_SCOPE,
      supportManager: 'EMPTY',
      opportunityAdmin: LISTED_IN_SCOPE,
      partner: LISTED_IN_SCOPE,
    },
  }),

  row('Query.commissionRates', {
    document: `{ commissionRates { productLine ratePercent } }`,
    observe: nonEmpty('commissionRates'),
    // Anyone signed in reads the rates: a partner's commission is its rate times the signed amount.
    expect: everyRole('OK'),
  }),

  row<{ id: string }>('Query.partnerStatistics', {
    variant: 'one partner',
    document: `query($p: ID, $from: Date!, $to: Date!) { partnerStatistics(partnerId: $p, period: { from: $from, to: $to }) { reported } }`,
    target: partnerOf,
    variables: (p) => ({ p: p.id, from: day(-365), to: day(365) }),
    observe: answered('partnerStatistics'),
    // A partner gets its own figures whatever partnerId it names (the field's contract): another partner's id tells it nothing.
    expect: { admin: 'OK', ...EVERYONE_ELSE('NOT_FOUND'), opportunityAdmin: SCOPED, partner: 'OK' },
  }),

  row('Query.partnerStatistics', {
    variant: 'all partners in scope together',
    document: `query($from: Date!, $to: Date!) { partnerStatistics(period: { from: $from, to: $to }) { reported } }`,
    variables: () => ({ from: day(-365), to: day(365) }),
    observe: answered('partnerStatistics'),
    expect: { admin: 'OK', ...EVERYONE_ELSE('FORBIDDEN'), opportunityAdmin: 'OK', partner: 'OK' },
  }),

  row<OpportunityRow>('Query.opportunityRanking', {
    document: `query($day: Date!) { opportunityRanking(by: OWNER, period: { from: $day, to: $day }) { totalCount } }`,
    // The only opportunity registered that day: counted exactly when it is in the role's scope.
    target: (w, role, side) => w.opportunity(role, side, 'SUBMITTED', { registeredOn: new Date(Date.UTC(2024, 0, 1) + w.next() * 86_400_000).toISOString().slice(0, 10) }),
    variables: (o) => ({ day: o.registeredOn }),
    observe: counted('opportunityRanking'),
    expect: {
      admin: 'OK',
      provinceLeader: LISTED_IN_SCOPE,
      cityLeader: LISTED_IN_SCOPE,
      countyLeader: LISTED_IN_SCOPE,
      industryManager: LISTED_IN_SCOPE,
      accountManager: LISTED_IN_SCOPE,
      gridManager: LISTED_IN_SCOPE,
      supportManager: LISTED_IN_SCOPE,
      opportunityAdmin: LISTED_IN_SCOPE,
      partner: LISTED_IN_SCOPE,
    },
  }),

  row<{ opportunity: OpportunityRow }>('Mutation.recordProvisioning', {
    document: `mutation($input: RecordProvisioningInput!) { recordProvisioning(input: $input) { contract { id } opportunity { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.contract(role, side),
    variables: (c) => ({ input: { id: c.opportunity.id, outcome: 'IN_SERVICE', date: day(-1) } }),
    names: (c) => [c.opportunity.id],
    observe: payload('recordProvisioning', 'contract'),
    // The owner or a leader over the customer (DOMAIN.md: 开通).
    expect: {
      admin: 'OK',
      provinceLeader: SCOPED,
      cityLeader: SCOPED,
      countyLeader: SCOPED,
      industryManager: SCOPED,
      accountManager: SCOPED,
      gridManager: SCOPED,
      supportManager: 'NOT_FOUND',
      opportunityAdmin: FORBIDDEN_IN_SCOPE,
      partner: FORBIDDEN_IN_SCOPE,
    },
  }),

  row<{ id: string }>('Mutation.reviewCommission', {
    document: `mutation($input: ReviewCommissionInput!) { reviewCommission(input: $input) { commission { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.commission(role, side, 'PENDING'),
    variables: (c) => ({ input: { id: c.id, decision: 'APPROVE' } }),
    observe: payload('reviewCommission', 'commission'),
    expect: REVIEWERS,
  }),

  row<{ id: string }>('Mutation.recordCommissionPayment', {
    document: `mutation($input: RecordCommissionPaymentInput!) { recordCommissionPayment(input: $input) { commission { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.commission(role, side, 'APPROVED'),
    variables: (c, w) => ({ input: { id: c.id, paidOn: day(0), paymentReference: `AZ-PAY-${w.next()}` } }),
    observe: payload('recordCommissionPayment', 'commission'),
    expect: REVIEWERS,
  }),

  row('Mutation.setCommissionRate', {
    document: `mutation($input: SetCommissionRateInput!) { setCommissionRate(input: $input) { rate { productLine } ${USER_ERRORS} } }`,
    // The rate the migration sets: commissions opened in other cases come out the same.
    variables: () => ({ input: { productLine: 'IDC', ratePercent: '2.00' } }),
    observe: payload('setCommissionRate', 'rate'),
    expect: { admin: 'OK', ...EVERYONE_ELSE('FORBIDDEN'), opportunityAdmin: 'FORBIDDEN', partner: 'FORBIDDEN' },
  }),

  row<{ id: string }>('Mutation.createPartnerUser', {
    document: `mutation($input: CreatePartnerUserInput!) { createPartnerUser(input: $input) { staff { id } ${USER_ERRORS} } }`,
    target: partnerOf,
    variables: (p, w) => ({ input: { partnerId: p.id, employeeNo: `authz-new-pu-${w.next()}`, name: '矩阵新账号' } }),
    observe: payload('createPartnerUser', 'staff'),
    expect: ACCOUNT_KEEPERS,
  }),

  row<{ id: string }>('Mutation.deactivatePartnerUser', {
    document: `mutation($input: DeactivatePartnerUserInput!) { deactivatePartnerUser(input: $input) { staff { id } ${USER_ERRORS} } }`,
    // A fresh user of 华信 in scope, of 智联 out of it (never the users the matrix signs in with).
    target: async (w, _role, side) => ({ id: await w.partnerUser(side === 'in' ? 'P-HUAXIN' : 'P-ZHILIAN') }),
    variables: (u) => ({ input: { id: u.id } }),
    observe: payload('deactivatePartnerUser', 'staff'),
    expect: ACCOUNT_KEEPERS,
  }),
];
