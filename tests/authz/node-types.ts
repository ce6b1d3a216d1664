import { everyRole, Expectations, SCOPED } from './engine';
import { LEADERS, RoleKey, SCOPES, Side } from './roles';
import { gid, World } from './world';
import { exportJobOf, IMPORT_JOB_SCOPE, importJobOf } from './matrix/exchange';
import { pendingReclassification } from './matrix/people';
import { complaintOf, customerEventOf, readableStandard, surveyOf } from './service-world';
import { retentionCase } from './matrix/retention';

/**
 * `node(id:)` for every type implementing Node (API.md: Conventions; issue
 * 15): how to build one row of the type inside and outside each role's
 * scope, and whether the role gets it back (OK) or null (NOT_FOUND) — the
 * same scope as every other path to that type.
 */
export interface NodeType {
  type: string;
  build: (w: World, role: RoleKey, side: Side) => Promise<string>;
  expect: Expectations;
  /** Why node(id:) cannot fetch this type at all, when it cannot. */
  unreachable?: string;
}

const NOBODY = everyRole('NOT_FOUND');
const EVERYONE = everyRole('OK');
/** Staff and partners: every internal user; a partner's user only their own. */
const ORGANISATION: Expectations = { ...EVERYONE, partner: SCOPED };
/** Customers and what hangs off them, as groupCustomer reads them. */
const CUSTOMER_SCOPE: Expectations = {
  admin: 'OK',
  provinceLeader: SCOPED,
  cityLeader: SCOPED,
  countyLeader: SCOPED,
  industryManager: SCOPED,
  accountManager: SCOPED,
  gridManager: SCOPED,
  supportManager: SCOPED,
  opportunityAdmin: 'NOT_FOUND',
  partner: 'NOT_FOUND',
};
/** A customer's people: never for support managers and partners. */
const CONTACT_SCOPE: Expectations = { ...CUSTOMER_SCOPE, supportManager: 'NOT_FOUND' };
/** Opportunities and what hangs off them (an opportunity administrator: their city's partners' reports). */
const OPPORTUNITY_SCOPE: Expectations = { ...CUSTOMER_SCOPE, opportunityAdmin: SCOPED, partner: SCOPED };

const me = (role: RoleKey) => SCOPES[role].employeeNo ?? 'xa-am1';

export const NODE_TYPES: NodeType[] = [
  { type: 'ImportJob', build: async (w, role, side) => (await importJobOf(w, role, side)).id, expect: IMPORT_JOB_SCOPE },
  { type: 'ExportJob', build: async (w, role, side) => (await exportJobOf(w, role, side)).id, expect: IMPORT_JOB_SCOPE },
  { type: 'Region', build: async (w, role, side) => w.regionId(w.place(role, side).region), expect: EVERYONE },
  { type: 'Staff', build: async (w, role, side) => w.staffId(side === 'in' ? me(role) : w.reporter(role, 'out').staff), expect: ORGANISATION },
  { type: 'Partner', build: async (w, _role, side) => gid('Partner', w.partnerUuid(side === 'in' ? 'P-HUAXIN' : 'P-ZHILIAN')), expect: ORGANISATION },
  { type: 'GroupCustomer', build: async (w, role, side) => (await w.customer(role, side)).id, expect: CUSTOMER_SCOPE },
  // A change request reads like its customer (its deciders always read the customer too).
  { type: 'CustomerReclassification', build: async (w, role, side) => (await pendingReclassification(w, role, side)).id, expect: CUSTOMER_SCOPE },
  {
    type: 'CustomerRelation',
    build: async (w, role, side) => {
      const [a, b] = [await w.customer(role, side), await w.customer(role, side)];
      const [row] = await w.q(`INSERT INTO customer_relation (from_customer_id, to_customer_id, type, recorded_by_id) VALUES ($1, $2, 'AFFILIATE', $3) RETURNING id`, [
        a.uuid,
        b.uuid,
        w.staffUuid('admin'),
      ]);
      return gid('CustomerRelation', row.id);
    },
    expect: NOBODY,
    unreachable: 'no module lists a loader for it in its node types',
  },
  {
    type: 'CustomerChange',
    build: async (w, role, side) => {
      const customer = await w.customer(role, side);
      const [row] = await w.q(`INSERT INTO customer_change (customer_id, actor_id, action, changes) VALUES ($1, $2, 'UPDATE', '[]') RETURNING id`, [customer.uuid, w.staffUuid('admin')]);
      return gid('CustomerChange', row.id);
    },
    expect: NOBODY,
    unreachable: 'no module lists a loader for it in its node types',
  },
  { type: 'Contact', build: async (w, role, side) => (await w.contact(role, side)).id, expect: CONTACT_SCOPE },
  { type: 'CareActivity', build: async (w, role, side) => (await w.careActivity(role, side)).id, expect: CONTACT_SCOPE },
  {
    type: 'CarePolicy',
    // One policy per care level, the same for everyone: readable by those who keep contacts.
    build: async (w) => gid('CarePolicy', (await w.q(`SELECT id FROM care_policy WHERE care_level = 'OTHER'`))[0].id),
    expect: { ...EVERYONE, supportManager: 'NOT_FOUND', opportunityAdmin: 'NOT_FOUND', partner: 'NOT_FOUND' },
  },
  { type: 'Relationship', build: async (w, role, side) => (await w.contactsRelationship(role, side)).id, expect: CONTACT_SCOPE },
  { type: 'Opportunity', build: async (w, role, side) => (await w.opportunity(role, side, 'SUBMITTED')).id, expect: OPPORTUNITY_SCOPE },
  { type: 'OpportunityEvent', build: async (w, role, side) => (await w.opportunity(role, side, 'SUBMITTED')).eventId, expect: OPPORTUNITY_SCOPE },
  {
    type: 'ApprovalStep',
    // The support manager who accepted it keeps it until it closes (opportunityPolicy.read).
    build: async (w, role, side) => (await w.opportunity(role, side, 'PENDING_APPROVAL')).stepId!,
    expect: OPPORTUNITY_SCOPE,
  },
  {
    type: 'Incentive',
    // On a WON opportunity: closed, so no longer the support manager's; internal, so never a partner's.
    build: async (w, role, side) => (await w.incentive(role, side)).id,
    expect: { ...OPPORTUNITY_SCOPE, supportManager: 'NOT_FOUND', partner: 'NOT_FOUND' },
  },
  {
    type: 'FollowUp',
    // 跟进 on an APPROVED opportunity: with the opportunity, never for partners.
    build: async (w, role, side) => (await w.followUp(role, side, w.place(role, side).manager)).id,
    expect: { ...OPPORTUNITY_SCOPE, partner: 'NOT_FOUND' },
  },
  {
    type: 'ApprovalDelegation',
    // A leader's own delegation in scope; between two other leaders out of scope.
    build: (w, role, side) =>
      side === 'in' && LEADERS.includes(role)
        ? w.delegation(me(role), SCOPES[role].delegate.in)
        : side === 'in'
          ? w.delegation('xa-leader', 'xa-yt-leader')
          : w.delegation('bj-leader', 'bj-wb-leader'),
    expect: { ...NOBODY, admin: 'OK', provinceLeader: SCOPED, cityLeader: SCOPED, countyLeader: SCOPED },
  },
  {
    type: 'Contract',
    // Readable with its won opportunity (commission.policy.ts readContract).
    build: async (w, role, side) => (await w.contract(role, side)).id,
    expect: { ...OPPORTUNITY_SCOPE, supportManager: 'NOT_FOUND' },
  },
  {
    type: 'Commission',
    // 华信's commission on a won report of the role's place in scope, 智联's out: partners their own, 商机管理员 their city's partners'.
    build: async (w, role, side) => (await w.commission(role, side)).id,
    expect: { ...OPPORTUNITY_SCOPE, supportManager: 'NOT_FOUND' },
  },
  {
    type: 'RegistrationAttempt',
    // 报备记录: the partner its own, the 商机管理员 their city's partners', admins all; nobody else.
    build: async (w, role, side) => (await w.registration(role, side)).id,
    expect: { ...NOBODY, admin: 'OK', opportunityAdmin: SCOPED, partner: SCOPED },
  },
  // Service quality (issue 13): as the customer; standards for every internal user.
  { type: 'Complaint', build: async (w, role, side) => (await complaintOf(w, role, side)).id, expect: CUSTOMER_SCOPE },
  { type: 'CustomerEvent', build: async (w, role, side) => (await customerEventOf(w, role, side)).id, expect: CUSTOMER_SCOPE },
  { type: 'SatisfactionSurvey', build: (w, role, side) => surveyOf(w, role, side), expect: CUSTOMER_SCOPE },
  { type: 'ServiceStandard', build: (w) => readableStandard(w), expect: { ...EVERYONE, partner: 'NOT_FOUND' } },
  { type: 'RetentionCase', build: async (w, role, side) => (await retentionCase(w, role, side)).id, expect: CONTACT_SCOPE },
];
