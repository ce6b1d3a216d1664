import { answered, everyRole, Expectations, listed, LISTED_IN_SCOPE, payload, row, Row, SCOPED } from '../engine';
import { RoleKey, SCOPES, Side } from '../roles';
import { CustomerRow, gid, World } from '../world';

/**
 * Retention 流失预警与挽回 and segmentation (issue 12): account managers see
 * their customers' risk and cases, leaders their region; partners, support
 * managers and opportunity administrators none of it (FORBIDDEN at the
 * root, NOT_FOUND through a mutation naming a customer). The billing
 * integration role has no user here: tests/retention/billing.test.ts.
 */
const READERS: Expectations = {
  admin: 'OK',
  provinceLeader: LISTED_IN_SCOPE,
  cityLeader: LISTED_IN_SCOPE,
  countyLeader: LISTED_IN_SCOPE,
  industryManager: LISTED_IN_SCOPE,
  accountManager: LISTED_IN_SCOPE,
  gridManager: LISTED_IN_SCOPE,
  supportManager: 'FORBIDDEN',
  opportunityAdmin: 'FORBIDDEN',
  partner: 'FORBIDDEN',
};
const READ_ANYTHING: Expectations = { ...everyRole('OK'), supportManager: 'FORBIDDEN', opportunityAdmin: 'FORBIDDEN', partner: 'FORBIDDEN' };
/** Acting on a customer's retention: its keepers and the leaders over it. */
const ACTORS: Expectations = {
  admin: 'OK',
  provinceLeader: SCOPED,
  cityLeader: SCOPED,
  countyLeader: SCOPED,
  industryManager: SCOPED,
  accountManager: SCOPED,
  gridManager: SCOPED,
  supportManager: 'NOT_FOUND',
  opportunityAdmin: 'NOT_FOUND',
  partner: 'NOT_FOUND',
};
const ADMIN_ONLY: Expectations = { ...everyRole('FORBIDDEN'), admin: 'OK' };
const USER_ERRORS = 'userErrors { code message field }';

/** A customer of the role's place whose stored risk is HIGH, at the top of every list (revenue). */
async function atRisk(w: World, role: RoleKey, side: Side): Promise<CustomerRow> {
  const customer = await w.customer(role, side);
  const revenue = 9_000_000_000_000 - w.next();
  await w.q(
    `INSERT INTO retention_state (id, level_rank, signals, evidence, revenue, priority, rule_version, computed_at)
     VALUES ($1, 2, '{DORMANT}', '[{"kind": "DORMANT", "since": null, "evidence": "status DORMANT"}]', $2, 200000000000000 + $2::numeric, 1, now())`,
    [customer.uuid, revenue],
  );
  return customer;
}

/** An open case on a fresh customer of the role's place, led by `lead` (default: the place's account manager). */
export async function retentionCase(w: World, role: RoleKey, side: Side, lead?: string): Promise<{ id: string; customer: CustomerRow }> {
  const customer = await w.customer(role, side);
  const [c] = await w.q(`INSERT INTO retention_case (customer_id, origin, risk_level_at_open, lead_id, opened_by_id) VALUES ($1, 'MANUAL', 'LOW', $2, $2) RETURNING id`, [
    customer.uuid,
    w.staffUuid(lead ?? customer.place.manager),
  ]);
  return { id: gid('RetentionCase', c.id), customer };
}

const lastMonth = () => {
  const now = new Date(Date.now() + 8 * 3_600_000);
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
};

export const retentionRows: Row[] = [
  row<CustomerRow>('Query.atRiskCustomers', {
    document: `{ atRiskCustomers(first: 60) { nodes { level customer { id } } } }`,
    target: atRisk,
    observe: (data, target) => listed<{ id: string }>('list')({ list: data?.atRiskCustomers?.nodes?.map((n: { customer: { id: string } }) => n.customer) }, target),
    expect: READERS,
  }),

  row<CustomerRow>('Query.retentionProposals', {
    document: `{ retentionProposals(first: 60) { nodes { customer { id } } } }`,
    target: atRisk,
    observe: (data, target) => listed<{ id: string }>('list')({ list: data?.retentionProposals?.nodes?.map((n: { customer: { id: string } }) => n.customer) }, target),
    expect: READERS,
  }),

  row<{ id: string; customer: CustomerRow }>('Query.myRetentionCases', {
    document: `{ myRetentionCases(first: 100) { nodes { id } } }`,
    target: (w, role, side) => retentionCase(w, role, side, side === 'in' ? (SCOPES[role].employeeNo ?? undefined) : undefined),
    observe: listed('myRetentionCases'),
    expect: { ...READERS, admin: LISTED_IN_SCOPE },
  }),

  row<{ id: string; customer: CustomerRow }>('Query.retentionCases', {
    document: `query($f: RetentionCaseFilter) { retentionCases(first: 10, filter: $f) { nodes { id } } }`,
    target: (w, role, side) => retentionCase(w, role, side),
    variables: (target) => ({ f: { customerId: target.customer.id } }),
    observe: listed('retentionCases'),
    expect: READERS,
  }),

  row('Query.retentionReport', {
    document: `query($p: PeriodInput!) { retentionReport(period: $p, by: GRADE) { total { atRisk casesOpened highEndRetentionRate } } }`,
    variables: () => ({ p: { from: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) } }),
    observe: answered('retentionReport'),
    expect: READ_ANYTHING,
  }),

  row('Query.segmentRules', {
    document: `{ segmentRules { version rules { code } } }`,
    observe: answered('segmentRules'),
    expect: READ_ANYTHING,
  }),

  row<CustomerRow>('Mutation.recordMonthlyRevenue', {
    document: `mutation($input: RecordMonthlyRevenueInput!) { recordMonthlyRevenue(input: $input) { batch { rows } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c) => ({ input: { rows: [{ customerCode: c.code, month: lastMonth(), revenue: '1234.00' }] } }),
    names: () => [],
    observe: payload('recordMonthlyRevenue', 'batch'),
    expect: ADMIN_ONLY,
  }),

  row<CustomerRow>('Mutation.openRetentionCase', {
    document: `mutation($input: OpenRetentionCaseInput!) { openRetentionCase(input: $input) { retentionCase { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c) => ({ input: { customerId: c.id } }),
    observe: payload('openRetentionCase', 'retentionCase'),
    expect: ACTORS,
  }),

  row<CustomerRow>('Mutation.acceptRetentionProposal', {
    document: `mutation($input: AcceptRetentionProposalInput!) { acceptRetentionProposal(input: $input) { retentionCase { id } ${USER_ERRORS} } }`,
    target: atRisk,
    variables: (c) => ({ input: { customerId: c.id } }),
    observe: payload('acceptRetentionProposal', 'retentionCase'),
    expect: ACTORS,
  }),

  row<{ id: string; customer: CustomerRow }>('Mutation.logRetentionAction', {
    document: `mutation($input: LogRetentionActionInput!) { logRetentionAction(input: $input) { retentionCase { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => retentionCase(w, role, side),
    variables: (c) => ({ input: { caseId: c.id, kind: 'VISIT', occurredOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), note: '矩阵走访' } }),
    observe: payload('logRetentionAction', 'retentionCase'),
    expect: ACTORS,
  }),

  row<{ id: string; customer: CustomerRow }>('Mutation.closeRetentionCase', {
    document: `mutation($input: CloseRetentionCaseInput!) { closeRetentionCase(input: $input) { retentionCase { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => retentionCase(w, role, side),
    variables: (c) => ({ input: { caseId: c.id, outcome: 'RETAINED' } }),
    observe: payload('closeRetentionCase', 'retentionCase'),
    expect: ACTORS,
  }),

  row('Mutation.updateSegmentRules', {
    document: `mutation($input: UpdateSegmentRulesInput!) { updateSegmentRules(input: $input) { segmentRules { version } ${USER_ERRORS} } }`,
    target: async (w) => ({ version: Number((await w.q(`SELECT max(version) AS v FROM segment_rule_set`))[0].v) }),
    variables: (target: { version: number }) => ({ input: { expectedVersion: target.version, note: 'authz matrix', rules: [{ code: 'STANDARD', name: '普通维系' }] } }),
    names: () => [],
    observe: payload('updateSegmentRules', 'segmentRules'),
    expect: ADMIN_ONLY,
    serial: true,
  }),

  row<CustomerRow>('Mutation.refreshRetention', {
    document: `mutation($input: RefreshRetentionInput!) { refreshRetention(input: $input) { refresh { customers } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c) => ({ input: { customerIds: [c.id] } }),
    names: () => [],
    observe: payload('refreshRetention', 'refresh'),
    expect: ADMIN_ONLY,
  }),
];
