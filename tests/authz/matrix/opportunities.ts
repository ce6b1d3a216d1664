import { Expectations, FORBIDDEN_IN_SCOPE, listed, LISTED_IN_SCOPE, Observer, payload, row, Row, SCOPED, single } from '../engine';
import { RoleKey, SCOPES, Side } from '../roles';
import { OpportunityRow, World } from '../world';

/**
 * Opportunities (DOMAIN.md: Who sees what, Lifecycle, Approval routing): staff
 * see them through the customers they read (and those they report, own or
 * follow); a support manager sees those awaiting their evaluation in their
 * region; a partner sees what it reported. Who may act is the lifecycle
 * table (src/modules/opportunities/lifecycle.ts): a readable target the role
 * may not act on is FORBIDDEN, an unreadable one NOT_FOUND.
 */
const READERS: Expectations = {
  admin: 'OK',
  provinceLeader: SCOPED,
  cityLeader: SCOPED,
  countyLeader: SCOPED,
  industryManager: SCOPED,
  accountManager: SCOPED,
  gridManager: SCOPED,
  supportManager: SCOPED,
  opportunityAdmin: SCOPED,
  partner: SCOPED,
};
const LIST_READERS: Expectations = Object.fromEntries(Object.entries(READERS).map(([role, e]) => [role, e === 'OK' ? 'OK' : LISTED_IN_SCOPE])) as Expectations;

/** Reporter or owner moves (edit, submit a DRAFT). */
const REPORTER_OR_OWNER: Expectations = {
  admin: 'OK',
  provinceLeader: FORBIDDEN_IN_SCOPE,
  cityLeader: FORBIDDEN_IN_SCOPE,
  countyLeader: FORBIDDEN_IN_SCOPE,
  industryManager: SCOPED,
  accountManager: SCOPED,
  gridManager: SCOPED,
  supportManager: 'NOT_FOUND',
  opportunityAdmin: FORBIDDEN_IN_SCOPE,
  partner: SCOPED,
};

const USER_ERRORS = 'userErrors { code message field }';
const ACTION = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { opportunity { id stage } ${USER_ERRORS} } }`;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const count =
  (field: string): Observer<unknown> =>
  (data) =>
    data?.[field] == null ? 'ABSENT' : data[field].totalCount > 0 ? 'OK' : 'EMPTY';
const at = (stage: OpportunityRow['stage']) => (w: World, role: RoleKey, side: Side) => w.opportunity(role, side, stage);

export const opportunityRows: Row[] = [
  row<OpportunityRow>('Query.opportunity', {
    document: `query($id: ID) { opportunity(id: $id) { id } }`,
    target: at('SUBMITTED'),
    variables: (o) => ({ id: o.id }),
    observe: single('opportunity'),
    expect: READERS,
  }),

  row<OpportunityRow>('Query.opportunity', {
    variant: 'by code',
    document: `query($code: String) { opportunity(code: $code) { id } }`,
    target: at('SUBMITTED'),
    variables: (o) => ({ code: o.code }),
    observe: single('opportunity'),
    expect: READERS,
  }),

  row<OpportunityRow>('Query.opportunities', {
    document: `query($customerId: ID) { opportunities(first: 100, filter: { customerId: $customerId }) { nodes { id } } }`,
    target: at('SUBMITTED'),
    variables: (o) => ({ customerId: o.customer.id }),
    observe: listed('opportunities', { filtered: true }),
    expect: LIST_READERS,
  }),

  row<OpportunityRow>('Query.pipeline', {
    document: `query($day: Date) { pipeline(filter: { registeredFrom: $day, registeredTo: $day }) { totalCount } }`,
    // The only opportunity registered that day: counted exactly when it is in the role's scope.
    target: (w, role, side) => w.opportunity(role, side, 'SUBMITTED', { registeredOn: new Date(Date.UTC(2001, 0, 1) + w.next() * 86_400_000).toISOString().slice(0, 10) }),
    variables: (o) => ({ day: o.registeredOn }),
    observe: count('pipeline'),
    expect: LIST_READERS,
  }),

  row<OpportunityRow>('Query.competitorExpiries', {
    document: `{ competitorExpiries(withinDays: 730, first: 100) { nodes { id } } }`,
    target: (w, role, side) => w.opportunity(role, side, 'SUBMITTED', { category: 'COMPETITOR' }),
    observe: listed('competitorExpiries'),
    expect: LIST_READERS,
  }),

  row<OpportunityRow>('Query.myApprovals', {
    document: `{ myApprovals(first: 100) { nodes { id } } }`,
    // The first step of the place's route: a leader's own on their in-scope place, someone else's on the other.
    target: at('PENDING_APPROVAL'),
    observe: listed('myApprovals', { idOf: (o: OpportunityRow) => o.stepId! }),
    expect: {
      admin: 'EMPTY',
      provinceLeader: LISTED_IN_SCOPE,
      cityLeader: LISTED_IN_SCOPE,
      countyLeader: LISTED_IN_SCOPE,
      industryManager: 'EMPTY',
      accountManager: 'EMPTY',
      gridManager: 'EMPTY',
      supportManager: 'EMPTY',
      opportunityAdmin: 'EMPTY',
      partner: 'EMPTY',
    },
  }),

  row<{ id: string }>('Mutation.createOpportunity', {
    document: `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c) => ({
      input: {
        customerId: c.id,
        title: '矩阵新商机',
        category: 'STANDARD_PRODUCT',
        products: ['CLOUD'],
        estimatedAmount: '100000.00',
        expectedCloseDate: inDays(30),
      },
    }),
    observe: payload('createOpportunity', 'opportunity'),
    expect: { ...READERS, supportManager: 'FORBIDDEN', opportunityAdmin: 'FORBIDDEN', partner: 'FORBIDDEN' },
  }),

  row<{ id: string }>('Mutation.reportOpportunity', {
    document: `mutation($input: ReportOpportunityInput!) { reportOpportunity(input: $input) { opportunity { id } ${USER_ERRORS} } }`,
    // A partner may name any customer of the province (DOMAIN.md: Partner registration); nobody else reports.
    target: (w, role, side) => w.customer(role, side),
    variables: (c, w) => ({
      input: {
        customerId: c.id,
        title: '矩阵报备',
        products: ['CLOUD'],
        estimatedAmount: '80000.00',
        expectedCloseDate: inDays(30),
        idempotencyKey: `authz-${w.next()}`,
      },
    }),
    observe: payload('reportOpportunity', 'opportunity'),
    expect: {
      admin: 'FORBIDDEN',
      provinceLeader: 'FORBIDDEN',
      cityLeader: 'FORBIDDEN',
      countyLeader: 'FORBIDDEN',
      industryManager: 'FORBIDDEN',
      accountManager: 'FORBIDDEN',
      gridManager: 'FORBIDDEN',
      supportManager: 'FORBIDDEN',
      opportunityAdmin: 'FORBIDDEN',
      partner: 'OK',
    },
  }),

  row<OpportunityRow>('Mutation.updateOpportunity', {
    document: `mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { opportunity { id } ${USER_ERRORS} } }`,
    target: at('DRAFT'),
    variables: (o) => ({ input: { id: o.id, title: '矩阵商机（改）' } }),
    observe: payload('updateOpportunity', 'opportunity'),
    expect: REPORTER_OR_OWNER,
  }),

  row<OpportunityRow>('Mutation.submitOpportunity', {
    document: ACTION('submitOpportunity', 'OpportunityActionInput'),
    target: at('DRAFT'),
    variables: (o) => ({ input: { id: o.id } }),
    observe: payload('submitOpportunity', 'opportunity'),
    expect: REPORTER_OR_OWNER,
  }),

  row<OpportunityRow>('Mutation.recallOpportunity', {
    document: ACTION('recallOpportunity', 'OpportunityActionInput'),
    target: at('SUBMITTED'),
    variables: (o) => ({ input: { id: o.id } }),
    observe: payload('recallOpportunity', 'opportunity'),
    expect: { ...REPORTER_OR_OWNER, supportManager: FORBIDDEN_IN_SCOPE },
  }),

  row<OpportunityRow>('Mutation.evaluateOpportunity', {
    document: ACTION('evaluateOpportunity', 'EvaluateOpportunityInput'),
    target: at('SUBMITTED'),
    variables: (o) => ({ input: { id: o.id, decision: 'ACCEPT' } }),
    observe: payload('evaluateOpportunity', 'opportunity'),
    expect: {
      admin: 'OK',
      provinceLeader: FORBIDDEN_IN_SCOPE,
      cityLeader: FORBIDDEN_IN_SCOPE,
      countyLeader: FORBIDDEN_IN_SCOPE,
      industryManager: FORBIDDEN_IN_SCOPE,
      accountManager: FORBIDDEN_IN_SCOPE,
      gridManager: FORBIDDEN_IN_SCOPE,
      supportManager: SCOPED,
      opportunityAdmin: FORBIDDEN_IN_SCOPE,
      partner: FORBIDDEN_IN_SCOPE,
    },
  }),

  row<OpportunityRow>('Mutation.decideApproval', {
    document: `mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { step { id } opportunity { id } ${USER_ERRORS} } }`,
    target: at('PENDING_APPROVAL'),
    variables: (o) => ({ input: { stepId: o.stepId, decision: 'APPROVE' } }),
    names: (o) => [o.stepId],
    observe: payload('decideApproval', 'step'),
    // The step's approver decides (lifecycle.ts: APPROVER); admins read every step but decide none.
    expect: {
      admin: 'FORBIDDEN',
      provinceLeader: SCOPED,
      cityLeader: SCOPED,
      countyLeader: SCOPED,
      industryManager: FORBIDDEN_IN_SCOPE,
      accountManager: FORBIDDEN_IN_SCOPE,
      gridManager: FORBIDDEN_IN_SCOPE,
      supportManager: FORBIDDEN_IN_SCOPE,
      opportunityAdmin: FORBIDDEN_IN_SCOPE,
      partner: FORBIDDEN_IN_SCOPE,
    },
  }),

  row<{ delegate: string }>('Mutation.delegateApprovals', {
    document: `mutation($input: DelegateApprovalsInput!) { delegateApprovals(input: $input) { delegation { id } ${USER_ERRORS} } }`,
    // Any other active leader may stand in (DOMAIN.md: 代理审批); the period lies ahead so no queue changes under the other cases.
    target: async (w, role, side) => ({ delegate: w.staffId(SCOPES[role].delegate[side]) }),
    variables: (d) => ({
      input: {
        delegateId: d.delegate,
        from: new Date(Date.now() + 200 * 86_400_000).toISOString(),
        until: new Date(Date.now() + 201 * 86_400_000).toISOString(),
      },
    }),
    observe: payload('delegateApprovals', 'delegation'),
    expect: {
      admin: 'FORBIDDEN',
      provinceLeader: 'OK',
      cityLeader: 'OK',
      countyLeader: 'OK',
      industryManager: 'FORBIDDEN',
      accountManager: 'FORBIDDEN',
      gridManager: 'FORBIDDEN',
      supportManager: 'FORBIDDEN',
      opportunityAdmin: 'FORBIDDEN',
      partner: 'FORBIDDEN',
    },
  }),

  row<OpportunityRow>('Mutation.startOpportunity', {
    document: ACTION('startOpportunity', 'OpportunityActionInput'),
    target: at('APPROVED'),
    variables: (o) => ({ input: { id: o.id } }),
    observe: payload('startOpportunity', 'opportunity'),
    // The support manager who accepted it still reads it (DOMAIN.md: until it is closed), but does not start it.
    expect: { ...REPORTER_OR_OWNER, supportManager: FORBIDDEN_IN_SCOPE, partner: FORBIDDEN_IN_SCOPE },
  }),

  row<OpportunityRow>('Mutation.closeOpportunity', {
    document: ACTION('closeOpportunity', 'CloseOpportunityInput'),
    target: at('IN_PROGRESS'),
    // Winning means a signed contract 签约 (DOMAIN.md: Follow-through).
    variables: (o, w) => ({
      input: {
        id: o.id,
        outcome: 'WON',
        reason: '客户签约',
        contract: { number: `AZ-WIN-${w.next()}`, signedAmount: '100000.00', termMonths: 12, signedOn: inDays(-1) },
      },
    }),
    observe: payload('closeOpportunity', 'opportunity'),
    expect: { ...READERS, supportManager: FORBIDDEN_IN_SCOPE, opportunityAdmin: FORBIDDEN_IN_SCOPE, partner: FORBIDDEN_IN_SCOPE },
  }),

  row<OpportunityRow>('Mutation.cancelOpportunity', {
    variant: 'before approval',
    document: ACTION('cancelOpportunity', 'CancelOpportunityInput'),
    target: at('SUBMITTED'),
    variables: (o) => ({ input: { id: o.id, reason: '客户取消需求' } }),
    observe: payload('cancelOpportunity', 'opportunity'),
    expect: { ...READERS, supportManager: FORBIDDEN_IN_SCOPE, opportunityAdmin: FORBIDDEN_IN_SCOPE },
  }),

  row<OpportunityRow>('Mutation.cancelOpportunity', {
    variant: 'after approval: leaders only',
    document: ACTION('cancelOpportunity', 'CancelOpportunityInput'),
    target: at('APPROVED'),
    variables: (o) => ({ input: { id: o.id, reason: '客户取消需求' } }),
    observe: payload('cancelOpportunity', 'opportunity'),
    expect: {
      ...READERS,
      industryManager: FORBIDDEN_IN_SCOPE,
      accountManager: FORBIDDEN_IN_SCOPE,
      gridManager: FORBIDDEN_IN_SCOPE,
      supportManager: FORBIDDEN_IN_SCOPE,
      opportunityAdmin: FORBIDDEN_IN_SCOPE,
      partner: FORBIDDEN_IN_SCOPE,
    },
  }),

  row<OpportunityRow>('Mutation.requestIncentive', {
    document: `mutation($input: RequestIncentiveInput!) { requestIncentive(input: $input) { incentive { id } opportunity { id } ${USER_ERRORS} } }`,
    target: at('WON'),
    variables: (o) => ({ input: { opportunityId: o.id, amount: '5000.00' } }),
    observe: payload('requestIncentive', 'incentive'),
    // A leader over the customer files (DOMAIN.md: Follow-through); partners never see incentive applications at all.
    expect: {
      ...READERS,
      industryManager: FORBIDDEN_IN_SCOPE,
      accountManager: FORBIDDEN_IN_SCOPE,
      gridManager: FORBIDDEN_IN_SCOPE,
      supportManager: 'NOT_FOUND',
      opportunityAdmin: FORBIDDEN_IN_SCOPE,
      partner: 'FORBIDDEN',
    },
  }),
];
