import { Expectations, FORBIDDEN_IN_SCOPE, listed, LISTED_IN_SCOPE, payload, row, Row, SCOPED } from '../engine';
import { SCOPES } from '../roles';
import { OpportunityRow } from '../world';

/**
 * Follow-through (DOMAIN.md: Follow-through, issue 11 part B): follow-ups 跟进
 * and next steps, incentive applications 激励申报 decided one level up, and
 * the approval SLA 审批时效. All of it is internal: partners never see it.
 */
const USER_ERRORS = 'userErrors { code message field }';
const me = (role: keyof typeof SCOPES) => SCOPES[role].employeeNo ?? 'admin';
const NOBODY_ELSE = (outcome: 'FORBIDDEN' | 'EMPTY') => ({
  industryManager: outcome,
  accountManager: outcome,
  gridManager: outcome,
  supportManager: outcome,
  opportunityAdmin: outcome,
  partner: outcome,
});

export const followThroughRows: Row[] = [
  row<{ id: string }>('Query.myNextSteps', {
    document: `{ myNextSteps(first: 100) { nodes { followUp { id } } } }`,
    // A next step the user wrote, due long ago (first on the list): theirs to do while they may read its opportunity.
    target: (w, role, side) => w.followUp(role, side, me(role)),
    observe: (data, target) => {
      const steps: { followUp: { id: string } | null }[] | undefined = data?.myNextSteps?.nodes;
      return !steps ? 'ABSENT' : steps.some((s) => s.followUp?.id === target.id) ? 'OK' : 'EMPTY';
    },
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
      partner: 'EMPTY',
    },
  }),

  row<OpportunityRow>('Mutation.logFollowUp', {
    document: `mutation($input: LogFollowUpInput!) { logFollowUp(input: $input) { followUp { id } opportunity { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.opportunity(role, side, 'APPROVED'),
    variables: (o) => ({
      input: {
        opportunityId: o.id,
        kind: 'VISIT',
        note: '矩阵拜访',
        occurredAt: new Date(Date.now() - 60_000).toISOString(),
        nextStep: '发送方案',
        nextStepDueOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      },
    }),
    observe: payload('logFollowUp', 'followUp'),
    // The owner, followers, the support manager who accepted it and leaders over the customer (DOMAIN.md: Follow-through).
    expect: {
      admin: 'OK',
      provinceLeader: SCOPED,
      cityLeader: SCOPED,
      countyLeader: SCOPED,
      industryManager: SCOPED,
      accountManager: SCOPED,
      gridManager: SCOPED,
      supportManager: SCOPED,
      opportunityAdmin: FORBIDDEN_IN_SCOPE,
      partner: 'FORBIDDEN',
    },
  }),

  row<{ id: string }>('Query.incentiveQueue', {
    document: `{ incentiveQueue(first: 100) { nodes { id } } }`,
    // Routed as a county leader's filing: the city leader decides, the province leader for a province-managed customer.
    target: (w, role, side) => w.incentive(role, side),
    observe: listed('incentiveQueue'),
    expect: { admin: 'EMPTY', provinceLeader: LISTED_IN_SCOPE, cityLeader: LISTED_IN_SCOPE, countyLeader: 'EMPTY', ...NOBODY_ELSE('EMPTY') },
  }),

  row<{ id: string }>('Mutation.decideIncentive', {
    document: `mutation($input: DecideIncentiveInput!) { decideIncentive(input: $input) { incentive { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.incentive(role, side),
    variables: (i) => ({ input: { id: i.id, decision: 'APPROVE' } }),
    observe: payload('decideIncentive', 'incentive'),
    // The leader one level up decides; admins read it but decide nothing, as with approval steps.
    expect: {
      admin: 'FORBIDDEN',
      provinceLeader: SCOPED,
      cityLeader: SCOPED,
      countyLeader: FORBIDDEN_IN_SCOPE,
      industryManager: FORBIDDEN_IN_SCOPE,
      accountManager: FORBIDDEN_IN_SCOPE,
      gridManager: FORBIDDEN_IN_SCOPE,
      supportManager: 'NOT_FOUND',
      opportunityAdmin: FORBIDDEN_IN_SCOPE,
      partner: 'NOT_FOUND',
    } as Expectations,
  }),

  row<OpportunityRow>('Query.approvalSla', {
    document: `query($from: Date!, $to: Date!) { approvalSla(period: { from: $from, to: $to }) { region { id } overdueNow } }`,
    // An overdue step of the place's route: its region is a row exactly when it lies in the leader's region.
    target: (w, role, side) => w.opportunity(role, side, 'PENDING_APPROVAL', { overdueStep: true }),
    variables: () => ({ from: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) }),
    observe: (data, o) => {
      const rows: { region: { id: string }; overdueNow: number }[] | undefined = data?.approvalSla;
      return !rows ? 'ABSENT' : rows.some((r) => r.region.id === o.stepRegionId && r.overdueNow > 0) ? 'OK' : 'EMPTY';
    },
    expect: { admin: 'OK', provinceLeader: LISTED_IN_SCOPE, cityLeader: LISTED_IN_SCOPE, countyLeader: LISTED_IN_SCOPE, ...NOBODY_ELSE('FORBIDDEN') },
  }),
];
