import { answered, everyRole, Expectations, FORBIDDEN_IN_SCOPE, listed, LISTED_IN_SCOPE, Observer, payload, row, Row, SCOPED } from '../engine';
import { ComplaintTarget, complaintOf, customerEventOf, me, standardOf } from '../service-world';
import { ContactRow, CustomerRow } from '../world';

/**
 * Service quality (issue 13; DOMAIN.md: Service quality, Who sees what):
 * complaints, events and surveys are scoped as their customer — support
 * managers read those of the customers they evaluate for, partners and
 * opportunity administrators none. Complaints and surveys are taken by
 * those who keep the customer and leaders over it; a complaint is moved by
 * its first responder, its handler and leaders; events record care, so only
 * those who keep contacts record them. Standards are admins'; reports are
 * every internal user's over their own scope.
 */
const USER_ERRORS = 'userErrors { code message field }';

/** Read as the customer. */
const READERS: Expectations = {
  admin: 'OK',
  provinceLeader: LISTED_IN_SCOPE,
  cityLeader: LISTED_IN_SCOPE,
  countyLeader: LISTED_IN_SCOPE,
  industryManager: LISTED_IN_SCOPE,
  accountManager: LISTED_IN_SCOPE,
  gridManager: LISTED_IN_SCOPE,
  supportManager: LISTED_IN_SCOPE,
  opportunityAdmin: 'EMPTY',
  partner: 'EMPTY',
};

/** Who serves a customer (records complaints, surveys) and, as first responder or leader, moves its complaints. */
const SERVERS: Expectations = {
  admin: 'OK',
  provinceLeader: SCOPED,
  cityLeader: SCOPED,
  countyLeader: SCOPED,
  industryManager: SCOPED,
  accountManager: SCOPED,
  gridManager: SCOPED,
  supportManager: FORBIDDEN_IN_SCOPE,
  opportunityAdmin: 'NOT_FOUND',
  partner: 'NOT_FOUND',
};

/** Who keeps contacts: records events and links them. */
const CARE_KEEPERS: Expectations = { ...SERVERS, provinceLeader: FORBIDDEN_IN_SCOPE, cityLeader: FORBIDDEN_IN_SCOPE, countyLeader: FORBIDDEN_IN_SCOPE };

const INTERNAL: Expectations = { ...everyRole('OK'), partner: 'FORBIDDEN' };
const ADMIN_ONLY: Expectations = { ...everyRole('FORBIDDEN'), admin: 'OK' };
const nonEmpty =
  (field: string): Observer<unknown> =>
  (data) =>
    data?.[field] == null ? 'ABSENT' : data[field].length ? 'OK' : 'EMPTY';

const complaintMove = (field: string, inputType: string, state: 'OPEN' | 'IN_PROGRESS' | 'RESOLVED', extra: (c: ComplaintTarget) => Record<string, unknown>) =>
  row<ComplaintTarget>(`Mutation.${field}`, {
    document: `mutation($input: ${inputType}!) { ${field}(input: $input) { complaint { id state } ${USER_ERRORS} } }`,
    // Recorded by the customer's account manager: theirs to move, and the leaders' over it.
    target: (w, role, side) => complaintOf(w, role, side, { state }),
    variables: (c, w) => ({ input: { id: c.id, ...extra(c), ...(field === 'handOverComplaint' ? { handlerId: w.staffId(c.customer.place.manager) } : {}) } }),
    observe: payload(field, 'complaint'),
    expect: SERVERS,
  });

export const serviceRows: Row[] = [
  row<ComplaintTarget>('Query.complaints', {
    document: `query($c: ID) { complaints(first: 100, filter: { customerId: $c }) { nodes { id } } }`,
    target: (w, role, side) => complaintOf(w, role, side),
    variables: (c) => ({ c: c.customer.id }),
    observe: listed('complaints', { filtered: true }),
    expect: READERS,
  }),

  row<ComplaintTarget>('Query.myComplaints', {
    document: `query($c: ID) { myComplaints(first: 100, filter: { customerId: $c }) { nodes { id } } }`,
    // Recorded by the user themselves: theirs while they may read the customer.
    target: (w, role, side) => complaintOf(w, role, side, { responder: me(role) }),
    variables: (c) => ({ c: c.customer.id }),
    observe: listed('myComplaints', { filtered: true }),
    expect: READERS,
  }),

  row<ComplaintTarget>('Query.overdueComplaints', {
    document: `{ overdueComplaints(first: 100) { nodes { id } } }`,
    target: (w, role, side) => complaintOf(w, role, side, { overdue: true }),
    observe: listed('overdueComplaints'),
    expect: {
      ...everyRole('FORBIDDEN'),
      admin: 'OK',
      provinceLeader: LISTED_IN_SCOPE,
      cityLeader: LISTED_IN_SCOPE,
      countyLeader: LISTED_IN_SCOPE,
    },
  }),

  row<CustomerRow>('Mutation.recordComplaint', {
    document: `mutation($input: RecordComplaintInput!) { recordComplaint(input: $input) { complaint { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c) => ({ input: { customerId: c.id, channel: 'HOTLINE_10086', category: 'BILLING', severity: 'MINOR', description: '矩阵: 账单有误' } }),
    observe: payload('recordComplaint', 'complaint'),
    expect: SERVERS,
  }),

  complaintMove('handOverComplaint', 'HandOverComplaintInput', 'OPEN', () => ({ note: '矩阵转派' })),
  complaintMove('startComplaint', 'ComplaintActionInput', 'OPEN', () => ({})),
  complaintMove('resolveComplaint', 'ResolveComplaintInput', 'IN_PROGRESS', () => ({ resolution: '矩阵处理' })),
  complaintMove('callBackComplaint', 'CallBackComplaintInput', 'RESOLVED', () => ({ satisfaction: 4 })),

  row('Query.serviceStandards', {
    document: `{ serviceStandards { id grade } }`,
    observe: nonEmpty('serviceStandards'),
    expect: INTERNAL,
  }),

  row('Mutation.setServiceStandard', {
    document: `mutation($input: SetServiceStandardInput!) { setServiceStandard(input: $input) { serviceStandard { id } ${USER_ERRORS} } }`,
    variables: () => ({ input: { grade: 'D', careLevel: 'LIAISON', kind: 'GREETING', times: 1, per: 'YEAR', tier: 'INTEREST' } }),
    observe: payload('setServiceStandard', 'serviceStandard'),
    expect: ADMIN_ONLY,
    serial: true,
  }),

  row<{ id: string }>('Mutation.removeServiceStandard', {
    document: `mutation($input: RemoveServiceStandardInput!) { removeServiceStandard(input: $input) { serviceStandard { id } ${USER_ERRORS} } }`,
    target: async (w) => ({ id: await standardOf(w) }),
    variables: (s) => ({ input: { id: s.id } }),
    observe: payload('removeServiceStandard', 'serviceStandard'),
    expect: ADMIN_ONLY,
  }),

  row('Query.serviceComplianceReport', {
    document: `{ serviceComplianceReport(period: { year: 2025 }, by: GRADE) { owed done rows { grade owed } } }`,
    observe: answered('serviceComplianceReport'),
    expect: INTERNAL,
  }),

  row<{ id: string; customer: CustomerRow }>('Query.customerEvents', {
    document: `query($c: ID) { customerEvents(first: 100, filter: { customerId: $c }) { nodes { id } } }`,
    target: (w, role, side) => customerEventOf(w, role, side),
    variables: (e) => ({ c: e.customer.id }),
    observe: listed('customerEvents', { filtered: true }),
    expect: READERS,
  }),

  row<ContactRow>('Mutation.recordCustomerEvent', {
    document: `mutation($input: RecordCustomerEventInput!) { recordCustomerEvent(input: $input) { customerEvent { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.contact(role, side),
    variables: (c) => ({ input: { kind: 'ONSITE', customerIds: [c.customer.id], attendeeIds: [c.id], at: new Date(Date.now() - 3_600_000).toISOString(), note: '矩阵走出去' } }),
    names: (c) => [c.customer.id, c.id],
    observe: payload('recordCustomerEvent', 'customerEvent'),
    expect: CARE_KEEPERS,
  }),

  row<{ id: string; opportunityId: string }>('Mutation.linkEventOpportunities', {
    document: `mutation($input: LinkEventOpportunitiesInput!) { linkEventOpportunities(input: $input) { customerEvent { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => customerEventOf(w, role, side),
    variables: (e) => ({ input: { eventId: e.id, opportunityIds: [e.opportunityId] } }),
    observe: payload('linkEventOpportunities', 'customerEvent'),
    expect: CARE_KEEPERS,
  }),

  row<CustomerRow>('Mutation.recordSatisfaction', {
    document: `mutation($input: RecordSatisfactionInput!) { recordSatisfaction(input: $input) { satisfactionSurvey { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c) => ({ input: { customerId: c.id, period: { year: 2025 }, score: 9 } }),
    observe: payload('recordSatisfaction', 'satisfactionSurvey'),
    expect: SERVERS,
  }),

  row('Query.satisfactionReport', {
    document: `{ satisfactionReport(period: { year: 2025 }, by: REGION) { target surveyed rows { surveyed } } }`,
    observe: answered('satisfactionReport'),
    expect: INTERNAL,
  }),
];
