import { reclassificationDecider } from '../../../src/modules/customers/reclassification-rules';
import { CustomerGrade, ManagementLevel } from '../../../src/modules/customers/customer.enums';
import { everyRole, Expectations, FORBIDDEN_IN_SCOPE, listed, LISTED_IN_SCOPE, payload, row, Row, SCOPED } from '../engine';
import { RoleKey, Side } from '../roles';
import { ContactRow, CustomerRow, gid, World } from '../world';

/**
 * Issue 14, people and rules (DOMAIN.md: People and rules): staff and
 * partners come and go, level and grade changes wait for the leader above,
 * contacts leave, duplicates merge, mistaken relations come off. The rows of
 * these mutations, across the modules they touch, live together here.
 */

const USER_ERRORS = 'userErrors { code message field }';
const ADMIN_ONLY: Expectations = { ...everyRole('FORBIDDEN'), admin: 'OK' };

/** Those who keep the customer (customerPolicy.write); leaders and support managers read it but may not. */
const KEEPERS: Expectations = {
  admin: 'OK',
  provinceLeader: FORBIDDEN_IN_SCOPE,
  cityLeader: FORBIDDEN_IN_SCOPE,
  countyLeader: FORBIDDEN_IN_SCOPE,
  industryManager: SCOPED,
  accountManager: SCOPED,
  gridManager: SCOPED,
  supportManager: FORBIDDEN_IN_SCOPE,
  opportunityAdmin: 'NOT_FOUND',
  partner: 'NOT_FOUND',
};

/** A fresh member of staff in the city of the role's place (out: the other side's city), holding nothing. */
async function freshStaff(w: World, role: RoleKey, side: Side, active = true): Promise<{ id: string }> {
  const [staff] = await w.q(`INSERT INTO staff (employee_no, name, roles, region_id, active) VALUES ($1, '矩阵离职员工', '{ACCOUNT_MANAGER}', $2, $3) RETURNING id`, [
    `authz-leaver-${w.next()}`,
    w.regionUuid(w.cityCode(w.place(role, side).region)),
    active,
  ]);
  return { id: gid('Staff', staff.id) };
}

/** A fresh partner company at home in the city of the role's place (out: the other side's city). */
async function freshPartner(w: World, role: RoleKey, side: Side, active = true): Promise<{ id: string }> {
  const n = w.next();
  const [partner] = await w.q(`INSERT INTO partner (code, name, region_id, active) VALUES ($1, $2, $3, $4) RETURNING id`, [
    `P-AUTHZ-${n}`,
    `矩阵合作伙伴${n}`,
    w.regionUuid(w.cityCode(w.place(role, side).region)),
    active,
  ]);
  return { id: gid('Partner', partner.id) };
}

/** A pending change request (C → D) on a fresh customer of the role's side, routed as reclassification-rules.ts says. */
export async function pendingReclassification(w: World, role: RoleKey, side: Side): Promise<{ id: string; customer: CustomerRow }> {
  const customer = await w.customer(role, side);
  const [region] = await w.q(`SELECT path FROM region WHERE id = $1`, [w.regionUuid(customer.place.region)]);
  const decider = reclassificationDecider({ managementLevel: customer.place.level as ManagementLevel, grade: CustomerGrade.C }, { grade: CustomerGrade.D }, region.path);
  const [request] = await w.q(
    `INSERT INTO customer_reclassification (customer_id, from_level, from_grade, to_grade, reason, requested_by_id, decider_role, decider_region_id)
     VALUES ($1, $2, 'C', 'D', '矩阵降级', $3, $4, $5) RETURNING id`,
    [customer.uuid, customer.place.level, w.staffUuid('admin'), decider.role, decider.regionId],
  );
  return { id: gid('CustomerReclassification', request.id), customer };
}

export const peopleRows: Row[] = [
  row<{ id: string }>('Mutation.updateStaff', {
    document: `mutation($input: UpdateStaffInput!) { updateStaff(input: $input) { staff { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => freshStaff(w, role, side),
    variables: (s) => ({ input: { id: s.id, name: '矩阵改名' } }),
    observe: payload('updateStaff', 'staff'),
    expect: ADMIN_ONLY,
  }),

  row<{ id: string }>('Mutation.deactivateStaff', {
    document: `mutation($input: DeactivateStaffInput!) { deactivateStaff(input: $input) { staff { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => freshStaff(w, role, side),
    variables: (s) => ({ input: { id: s.id, handover: {} } }),
    observe: payload('deactivateStaff', 'staff'),
    expect: ADMIN_ONLY,
  }),

  row<{ id: string }>('Mutation.reactivateStaff', {
    document: `mutation($input: ReactivateStaffInput!) { reactivateStaff(input: $input) { staff { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => freshStaff(w, role, side, false),
    variables: (s) => ({ input: { id: s.id } }),
    observe: payload('reactivateStaff', 'staff'),
    expect: ADMIN_ONLY,
  }),

  row<{ id: string }>('Mutation.deactivatePartner', {
    document: `mutation($input: PartnerActiveInput!) { deactivatePartner(input: $input) { partner { id } ${USER_ERRORS} } }`,
    // DOMAIN.md: 商机管理员 manages the partner accounts of their city; another city's partner reads as unknown.
    target: (w, role, side) => freshPartner(w, role, side),
    variables: (p) => ({ input: { id: p.id } }),
    observe: payload('deactivatePartner', 'partner'),
    expect: { ...ADMIN_ONLY, opportunityAdmin: SCOPED },
  }),

  row<{ id: string }>('Mutation.reactivatePartner', {
    document: `mutation($input: PartnerActiveInput!) { reactivatePartner(input: $input) { partner { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => freshPartner(w, role, side, false),
    variables: (p) => ({ input: { id: p.id } }),
    observe: payload('reactivatePartner', 'partner'),
    expect: { ...ADMIN_ONLY, opportunityAdmin: SCOPED },
  }),

  row<CustomerRow>('Mutation.requestCustomerReclassification', {
    document: `mutation($input: RequestCustomerReclassificationInput!) { requestCustomerReclassification(input: $input) { reclassification { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c) => ({ input: { customerId: c.id, grade: 'D', reason: '矩阵降级' } }),
    observe: payload('requestCustomerReclassification', 'reclassification'),
    expect: KEEPERS,
  }),

  row<{ id: string }>('Mutation.decideReclassification', {
    document: `mutation($input: DecideReclassificationInput!) { decideReclassification(input: $input) { reclassification { id } ${USER_ERRORS} } }`,
    // The seat above the customer decides: the city leader for a city or county customer, the province leader for a province one.
    target: (w, role, side) => pendingReclassification(w, role, side),
    variables: (r) => ({ input: { id: r.id, approve: true } }),
    observe: payload('decideReclassification', 'reclassification'),
    expect: {
      admin: 'FORBIDDEN',
      provinceLeader: SCOPED,
      cityLeader: SCOPED,
      countyLeader: FORBIDDEN_IN_SCOPE,
      industryManager: FORBIDDEN_IN_SCOPE,
      accountManager: FORBIDDEN_IN_SCOPE,
      gridManager: FORBIDDEN_IN_SCOPE,
      supportManager: FORBIDDEN_IN_SCOPE,
      opportunityAdmin: 'NOT_FOUND',
      partner: 'NOT_FOUND',
    },
  }),

  row<{ id: string }>('Query.reclassificationQueue', {
    document: `{ reclassificationQueue(first: 100) { nodes { id } } }`,
    target: (w, role, side) => pendingReclassification(w, role, side),
    observe: listed('reclassificationQueue'),
    expect: { ...everyRole('EMPTY'), provinceLeader: LISTED_IN_SCOPE, cityLeader: LISTED_IN_SCOPE },
  }),

  row<ContactRow>('Mutation.markContactLeft', {
    document: `mutation($input: MarkContactLeftInput!) { markContactLeft(input: $input) { contact { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.contact(role, side),
    variables: (c) => ({ input: { id: c.id, leftOn: '2026-01-05' } }),
    observe: payload('markContactLeft', 'contact'),
    // A customer's people are never a support manager's.
    expect: { ...KEEPERS, supportManager: 'NOT_FOUND' },
  }),

  row<{ id: string }>('Mutation.removeCustomerRelation', {
    document: `mutation($input: RemoveCustomerRelationInput!) { removeCustomerRelation(input: $input) { removedId ${USER_ERRORS} } }`,
    // Two customers of the same side: readable and kept (or not) together.
    target: async (w, role, side) => {
      const [a, b] = [await w.customer(role, side), await w.customer(role, side)];
      const [relation] = await w.q(`INSERT INTO customer_relation (from_customer_id, to_customer_id, type, recorded_by_id) VALUES ($1, $2, 'AFFILIATE', $3) RETURNING id`, [
        a.uuid,
        b.uuid,
        w.staffUuid('admin'),
      ]);
      return { id: gid('CustomerRelation', relation.id) };
    },
    variables: (r) => ({ input: { id: r.id } }),
    observe: payload('removeCustomerRelation', 'removedId'),
    expect: KEEPERS,
  }),

  row<{ survivor: string; merged: string }>('Mutation.mergeGroupCustomers', {
    document: `mutation($input: MergeGroupCustomersInput!) { mergeGroupCustomers(input: $input) { groupCustomer { id } ${USER_ERRORS} } }`,
    target: async (w, role, side) => ({ survivor: (await w.customer(role, side)).id, merged: (await w.customer(role, side)).id }),
    variables: (m) => ({ input: { survivorId: m.survivor, mergedId: m.merged } }),
    names: (m) => [m.survivor, m.merged],
    observe: payload('mergeGroupCustomers', 'groupCustomer'),
    expect: ADMIN_ONLY,
  }),
];
