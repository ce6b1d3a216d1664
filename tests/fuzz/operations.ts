import { toGlobalId } from '../../src/platform/graphql/node-id';
import { creditCodeCheckCharacter } from '../../src/modules/customers/credit-code';
import { ACTORS, LEADERS, PARTNER_USERS, Tape, World } from './world';

/**
 * The operations the fuzzer throws at the API: each turns the integers
 * fast-check generated (a Tape) into one GraphQL request by one demo user,
 * choosing its target among the rows in play. Most pick a user who may act
 * (so runs get deep into the lifecycle); the rest pick anyone, whose refusal
 * must then change nothing.
 */

export interface Action {
  kind: string;
  as: string;
  query: string;
  variables: Record<string, unknown>;
  /** The payload field of a mutation; null for a read. */
  field: string | null;
  /**
   * History a success must write: opportunity_event and customer_change
   * rows, given the payload (updates that change nothing write none and keep
   * the version).
   */
  history?: (payload: Payload) => { events: number; changes: number };
  /** The request carried an expectedVersion older than the row's: it must not succeed. */
  stale?: boolean;
  /** A partner report: which (partner, key) it uses and what was answered before under that key. */
  report?: { slot: string; input: string; previous?: ReportMemory; newCustomer: boolean };
}

export type Payload = Record<string, any> & { userErrors: { code: string; message: string; field: string[] | null }[] };

export interface ReportMemory {
  input: string;
  /** The opportunity id answered, or the DUPLICATE_OPPORTUNITY message. */
  answer: { opportunityId: string } | { duplicate: string };
}

/** What one run remembers between operations: the partner reports answered per (partner, key). */
export interface RunMemory {
  reports: Map<string, ReportMemory>;
}

const USER_ERRORS = 'userErrors { code message field }';
const OPPORTUNITY = `opportunity { id code stage version } ${USER_ERRORS}`;
const gid = toGlobalId;

const PRODUCTS = ['INTERNET_LINE', 'DATA_LINE', 'IOT', 'CLOUD'];
const AMOUNTS = ['120000.00', '980000.50', '4999999.99', '5000000.00', '7200000.00', '260000.00', '-5.00', '99999999999.00'];
const GRADES = ['A1', 'A2', 'B1', 'B2', 'C', 'D'];
const INDUSTRIES = ['GOVERNMENT', 'EDUCATION', 'HEALTHCARE', 'FINANCE', 'TRANSPORT', 'OTHER'];
const LEVELS = ['PROVINCE', 'CITY', 'COUNTY'];
const CARE_LEVELS = ['MANAGEMENT', 'KEY_PERSON', 'LIAISON', 'OTHER'];
const CARE_KINDS = ['VISIT', 'CALL', 'GIFT', 'EVENT', 'TRAINING', 'EXPERIENCE', 'ONSITE', 'GREETING'];
const RELATION_TYPES = ['SUBSIDIARY', 'GUARANTEE', 'AFFILIATE'];
const PERSON_TYPES = ['KNOWS', 'FRIEND', 'FAMILY', 'ALUMNI', 'FORMER_COLLEAGUE'];
const MOBILES = ['13812345678', '13987654321', '12345', ''];
const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];

/** Valid credit codes no demo customer has (61 = 陕西), and one with a wrong check character. */
const NEW_CREDIT_CODES = [0, 1, 2, 3, 4].map((i) => {
  const body = `9161010080000000${i}`;
  return body + creditCodeCheckCharacter(body);
});
const BAD_CREDIT_CODE = '91610100800000009X';

const DAY = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/** Most of the time someone who may act; otherwise anyone. */
function actorFor(tape: Tape, plausible: (string | undefined | null)[]): string {
  const candidates = plausible.filter((a): a is string => !!a);
  if (candidates.length && tape.chance(75)) return tape.pick(candidates)!;
  return tape.pick(ACTORS)!;
}

/** The version to send: the current one mostly, sometimes none, sometimes a stale one. */
function versionFor(tape: Tape, current: number): { expectedVersion?: number; stale: boolean } {
  const roll = tape.int(100);
  if (roll < 60) return { expectedVersion: current, stale: false };
  if (roll < 85 || current <= 1) return { stale: false };
  return { expectedVersion: current - 1, stale: true };
}

function employeeNo(world: World, staffId: string | null | undefined): string | undefined {
  return staffId ? world.byId.get(staffId)?.employeeNo : undefined;
}

/** Leaders and support managers whose region contains `path`. */
function overRegion(world: World, path: string, roles: string[]): string[] {
  return [...world.staff.values()].filter((s) => s.roles.some((r) => roles.includes(r)) && path.startsWith(s.regionPath)).map((s) => s.employeeNo);
}

const LEADER_ROLES = ['PROVINCE_LEADER', 'CITY_LEADER', 'COUNTY_LEADER'];

function opportunityText(tape: Tape) {
  const category = tape.pick(['STANDARD_PRODUCT', 'STANDARD_PRODUCT', 'ICT_PROJECT', 'COMPETITOR'])!;
  const input: Record<string, unknown> = {
    title: tape.pick(['互联网专线扩容', '物联网能耗监测', '移动云私有化部署', '  数据专线  ', ''])!,
    category,
    products: tape.some(PRODUCTS),
    estimatedAmount: tape.pick(AMOUNTS)!,
    expectedCloseDate: tape.chance(92) ? dateIn(10 + tape.int(200)) : dateIn(-3),
  };
  if (category === 'COMPETITOR' && tape.chance(80)) {
    input.competitor = { carrier: 'CHINA_TELECOM', product: '专线100M', monthlyFee: '3000.00', bandwidthMbps: 100, contractExpiresOn: dateIn(60) };
  }
  return input;
}

type Op = (world: World, tape: Tape, memory: RunMemory) => Promise<Action | null>;

/** Half the time one of a few "hot" customers, so reports, opportunities and approvals collide on them. */
async function targetCustomer(world: World, tape: Tape) {
  const customers = await world.customers();
  return tape.chance(50) ? tape.pick(customers.slice(0, 6)) : tape.pick(customers);
}

const customerOps: Record<string, Op> = {
  async createGroupCustomer(world, tape) {
    const as = actorFor(tape, ['xa-am1', 'xa-am2', 'bj-am1', 'xa-yt-g1', 'im-gov', 'admin']);
    const me = world.actor(as);
    const level = tape.pick(LEVELS)!;
    const input: Record<string, unknown> = {
      name: `模糊测试客户${tape.int(1000)}`,
      industry: me.roles.includes('INDUSTRY_MANAGER') ? 'GOVERNMENT' : tape.pick(INDUSTRIES),
      grade: tape.pick(GRADES),
      managementLevel: me.roles.includes('INDUSTRY_MANAGER') ? 'PROVINCE' : level,
      regionId: gid('Region', tape.chance(85) ? me.regionId : world.actor(tape.pick(ACTORS)!).regionId),
      memberCount: tape.int(500),
      monthlyRevenue: tape.pick(['0.00', '15000.00', '-1.00'])!,
    };
    if (tape.chance(40)) input.creditCode = tape.chance(80) ? tape.pick(NEW_CREDIT_CODES) : BAD_CREDIT_CODE;
    if (as === 'admin' || tape.chance(15)) input.accountManagerId = gid('Staff', world.actor(tape.pick(['xa-am1', 'xa-am3', 'bj-am2', 'xa-yt-g2', 'im-health'])!).id);
    return {
      kind: 'createGroupCustomer',
      as,
      field: 'createGroupCustomer',
      query: `mutation($input: CreateGroupCustomerInput!) { createGroupCustomer(input: $input) { groupCustomer { id version } ${USER_ERRORS} } }`,
      variables: { input },
      history: () => ({ events: 0, changes: 1 }),
    };
  },

  async updateGroupCustomer(world, tape) {
    const customer = tape.pick(await world.customers());
    if (!customer) return null;
    const as = actorFor(tape, [employeeNo(world, customer.account_manager_id), 'admin']);
    const version = versionFor(tape, customer.version);
    const input: Record<string, unknown> = {
      id: gid('GroupCustomer', customer.id),
      ...(version.expectedVersion != null ? { expectedVersion: version.expectedVersion } : {}),
    };
    const fields = tape.int(8);
    if (fields === 0) input.name = tape.pick(['改名集团', customer.code, '  '])!;
    if (fields === 1) input.grade = tape.pick(GRADES);
    if (fields === 2) input.memberCount = tape.int(3000);
    if (fields === 3) input.monthlyRevenue = tape.pick(['88000.00', '-3.00', '0.00']);
    if (fields === 4) Object.assign(input, tape.chance(60) ? { status: 'CHURNED', churnReason: tape.pick(['价格', '']) } : { status: tape.pick(['ACTIVE', 'DORMANT', 'PROSPECT']) });
    if (fields === 5) input.creditCode = tape.pick([...NEW_CREDIT_CODES, BAD_CREDIT_CODE, '']);
    if (fields === 6) input.managementLevel = tape.pick(LEVELS);
    if (fields === 7) input.accountManagerId = gid('Staff', world.actor(tape.pick(['xa-am1', 'xa-am2', 'bj-am1', 'xa-yt-g1', 'im-gov', 'xa-leader'])!).id);
    return {
      kind: 'updateGroupCustomer',
      as,
      field: 'updateGroupCustomer',
      stale: version.stale,
      query: `mutation($input: UpdateGroupCustomerInput!) { updateGroupCustomer(input: $input) { groupCustomer { id version } ${USER_ERRORS} } }`,
      variables: { input },
      history: (p) => ({ events: 0, changes: p.groupCustomer.version - customer.version }),
    };
  },

  async setCustomerParent(world, tape) {
    const customers = await world.customers();
    const customer = tape.pick(customers);
    if (!customer) return null;
    const as = actorFor(tape, [employeeNo(world, customer.account_manager_id), 'admin', 'admin']);
    const version = versionFor(tape, customer.version);
    // Often a member unit of this very customer, to try closing a cycle.
    const children = customers.filter((c) => c.parent_id === customer.id);
    const parent = tape.chance(15) ? null : tape.chance(30) && children.length ? tape.pick(children)! : tape.pick(customers)!;
    return {
      kind: 'setCustomerParent',
      as,
      field: 'setCustomerParent',
      stale: version.stale,
      query: `mutation($input: SetCustomerParentInput!) { setCustomerParent(input: $input) { groupCustomer { id version } ${USER_ERRORS} } }`,
      variables: {
        input: {
          id: gid('GroupCustomer', customer.id),
          parentId: parent ? gid('GroupCustomer', parent.id) : null,
          ...(version.expectedVersion != null ? { expectedVersion: version.expectedVersion } : {}),
        },
      },
      history: (p) => ({ events: 0, changes: p.groupCustomer.version - customer.version }),
    };
  },

  async addCustomerRelation(world, tape) {
    const customers = await world.customers();
    const from = tape.pick(customers);
    const to = tape.pick(customers);
    if (!from || !to) return null;
    return {
      kind: 'addCustomerRelation',
      as: actorFor(tape, [employeeNo(world, from.account_manager_id), 'admin']),
      field: 'addCustomerRelation',
      query: `mutation($input: AddCustomerRelationInput!) { addCustomerRelation(input: $input) { customerRelation { id } ${USER_ERRORS} } }`,
      variables: { input: { fromId: gid('GroupCustomer', from.id), toId: gid('GroupCustomer', to.id), type: tape.pick(RELATION_TYPES), note: '模糊测试' } },
      history: () => ({ events: 0, changes: 1 }),
    };
  },
};

const contactOps: Record<string, Op> = {
  async createContact(world, tape) {
    const customer = await targetCustomer(world, tape);
    if (!customer) return null;
    const colleagues = await world.contacts([customer.id]);
    const input: Record<string, unknown> = {
      customerId: gid('GroupCustomer', customer.id),
      name: tape.pick(['张伟', '李娜', '']),
      careLevel: tape.pick(CARE_LEVELS),
      mobile: tape.pick(MOBILES),
    };
    if (colleagues.length && tape.chance(40)) input.reportsToId = gid('Contact', tape.pick(colleagues)!.id);
    if (tape.chance(10)) input.birthday = tape.pick(['1980-02-30', '1975-06-01', dateIn(30)]);
    return {
      kind: 'createContact',
      as: actorFor(tape, [employeeNo(world, customer.account_manager_id), 'admin']),
      field: 'createContact',
      query: `mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id version } ${USER_ERRORS} } }`,
      variables: { input },
      history: () => ({ events: 0, changes: 0 }),
    };
  },

  async updateContact(world, tape) {
    const contacts = await world.contacts();
    const contact = tape.pick(contacts);
    if (!contact) return null;
    const customer = (await world.customers()).find((c) => c.id === contact.customer_id);
    const version = versionFor(tape, contact.version);
    const input: Record<string, unknown> = {
      id: gid('Contact', contact.id),
      ...(version.expectedVersion != null ? { expectedVersion: version.expectedVersion } : {}),
    };
    const what = tape.int(4);
    if (what === 0) input.careLevel = tape.pick(CARE_LEVELS);
    if (what === 1) input.mobile = tape.pick(MOBILES);
    if (what === 2) input.title = tape.pick(['总经理', null]);
    if (what === 3) {
      const colleagues = contacts.filter((c) => c.customer_id === contact.customer_id);
      input.reportsToId = tape.chance(20) ? null : gid('Contact', (tape.chance(85) ? tape.pick(colleagues) : tape.pick(contacts))!.id);
    }
    return {
      kind: 'updateContact',
      as: actorFor(tape, [employeeNo(world, customer?.account_manager_id), 'admin']),
      field: 'updateContact',
      stale: version.stale,
      query: `mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { id version } ${USER_ERRORS} } }`,
      variables: { input },
      history: () => ({ events: 0, changes: 0 }),
    };
  },

  async recordCareActivity(world, tape) {
    const contact = tape.pick(await world.contacts());
    if (!contact) return null;
    const customer = (await world.customers()).find((c) => c.id === contact.customer_id);
    const occurredAt = new Date(Date.now() + (tape.chance(90) ? -tape.int(60) * DAY : 2 * DAY)).toISOString();
    return {
      kind: 'recordCareActivity',
      as: actorFor(tape, [employeeNo(world, customer?.account_manager_id), 'admin']),
      field: 'recordCareActivity',
      query: `mutation($input: RecordCareActivityInput!) { recordCareActivity(input: $input) { careActivity { id } ${USER_ERRORS} } }`,
      variables: {
        input: { contactId: gid('Contact', contact.id), kind: tape.pick(CARE_KINDS), occurredAt, note: '拜访', cost: tape.pick(['0.00', '200.00', '-1.00']) },
      },
      history: () => ({ events: 0, changes: 0 }),
    };
  },

  async addRelationship(world, tape) {
    const contacts = await world.contacts();
    const contact = tape.pick(contacts);
    if (!contact) return null;
    const directed = tape.chance(25);
    const other = directed ? tape.pick(contacts.filter((c) => c.customer_id === contact.customer_id || tape.chance(5))) : undefined;
    const from = directed ? gid('Contact', contact.id) : gid('Staff', world.actor(tape.pick(ACTORS)!).id);
    const to = directed ? gid('Contact', (other ?? contact).id) : tape.chance(80) ? gid('Contact', contact.id) : gid('Staff', world.actor(tape.pick(ACTORS)!).id);
    const customer = (await world.customers()).find((c) => c.id === contact.customer_id);
    return {
      kind: 'addRelationship',
      as: actorFor(tape, [employeeNo(world, customer?.account_manager_id), 'admin', 'xa-leader']),
      field: 'addRelationship',
      query: `mutation($input: AddRelationshipInput!) { addRelationship(input: $input) { relationship { id } ${USER_ERRORS} } }`,
      variables: {
        input: {
          fromId: from,
          toId: to,
          type: directed ? 'REPORTS_TO' : tape.pick(PERSON_TYPES),
          strength: 1 + tape.int(5),
          since: tape.chance(80) ? '2019-05-01' : dateIn(5),
        },
      },
      history: () => ({ events: 0, changes: 0 }),
    };
  },

  async removeRelationship(world, tape) {
    const edge = tape.pick(await world.edges());
    if (!edge) return null;
    return {
      kind: 'removeRelationship',
      as: actorFor(tape, ['admin', 'xa-am1', 'xa-leader']),
      field: 'removeRelationship',
      query: `mutation($input: RemoveRelationshipInput!) { removeRelationship(input: $input) { removedId ${USER_ERRORS} } }`,
      variables: { input: { id: gid('Relationship', edge.id) } },
      history: () => ({ events: 0, changes: 0 }),
    };
  },
};

/** An opportunity to act on: mostly one in the stages the action starts from. */
async function opportunityFor(world: World, tape: Tape, stages: string[]) {
  const all = await world.opportunities();
  const fitting = all.filter((o) => stages.includes(o.stage));
  return tape.chance(85) && fitting.length ? tape.pick(fitting)! : tape.pick(all);
}

/** The partner users of the opportunity's partner, or its reporter. */
function reporterOf(world: World, o: { reporter_id: string; partner_id: string | null }): string[] {
  if (o.partner_id) return PARTNER_USERS.filter((p) => world.actor(p).partnerId === o.partner_id);
  return [employeeNo(world, o.reporter_id)].filter((x): x is string => !!x);
}

function lifecycleOp(
  kind: string,
  stages: string[],
  who: (world: World, o: Awaited<ReturnType<typeof opportunityFor>> & object) => (string | undefined)[],
  extra: (tape: Tape) => Record<string, unknown> = () => ({}),
  inputType = 'OpportunityActionInput',
): Op {
  return async (world, tape) => {
    const o = await opportunityFor(world, tape, stages);
    if (!o) return null;
    const version = versionFor(tape, o.version);
    return {
      kind,
      as: actorFor(tape, who(world, o)),
      field: kind,
      stale: version.stale,
      query: `mutation($input: ${inputType}!) { ${kind}(input: $input) { ${OPPORTUNITY} } }`,
      variables: {
        input: { id: gid('Opportunity', o.id), ...(version.expectedVersion != null ? { expectedVersion: version.expectedVersion } : {}), ...extra(tape) },
      },
      history: () => ({ events: 1, changes: 0 }),
    };
  };
}

const opportunityOps: Record<string, Op> = {
  async createOpportunity(world, tape) {
    const customer = await targetCustomer(world, tape);
    if (!customer) return null;
    const as = actorFor(tape, [employeeNo(world, customer.account_manager_id), employeeNo(world, customer.account_manager_id), ...overRegion(world, customer.region_path, LEADER_ROLES), 'admin']);
    return {
      kind: 'createOpportunity',
      as,
      field: 'createOpportunity',
      query: `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { ${OPPORTUNITY} } }`,
      variables: { input: { customerId: gid('GroupCustomer', customer.id), ...opportunityText(tape) } },
      history: () => ({ events: 1, changes: 0 }),
    };
  },

  async updateOpportunity(world, tape) {
    const o = await opportunityFor(world, tape, ['DRAFT']);
    if (!o) return null;
    const version = versionFor(tape, o.version);
    const input: Record<string, unknown> = {
      id: gid('Opportunity', o.id),
      ...(version.expectedVersion != null ? { expectedVersion: version.expectedVersion } : {}),
    };
    const what = tape.int(3);
    if (what === 0) input.products = tape.some(PRODUCTS);
    if (what === 1) input.estimatedAmount = tape.pick(AMOUNTS);
    if (what === 2) input.title = tape.pick(['改后的标题', '']);
    return {
      kind: 'updateOpportunity',
      as: actorFor(tape, [...reporterOf(world, o), employeeNo(world, o.owner_id)]),
      field: 'updateOpportunity',
      stale: version.stale,
      query: `mutation($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { ${OPPORTUNITY} } }`,
      variables: { input },
      history: (p) => ({ events: p.opportunity.version - o.version, changes: 0 }),
    };
  },

  submitOpportunity: lifecycleOp('submitOpportunity', ['DRAFT'], (w, o) => [...reporterOf(w, o), employeeNo(w, o.owner_id)]),
  recallOpportunity: lifecycleOp('recallOpportunity', ['SUBMITTED', 'PENDING_APPROVAL'], (w, o) => reporterOf(w, o)),
  startOpportunity: lifecycleOp('startOpportunity', ['APPROVED'], (w, o) => [employeeNo(w, o.owner_id)]),
  evaluateOpportunity: lifecycleOp(
    'evaluateOpportunity',
    ['SUBMITTED'],
    (w, o) => overRegion(w, o.region_path, ['SUPPORT_MANAGER']),
    (tape) => (tape.chance(75) ? { decision: 'ACCEPT' } : { decision: 'RETURN', comment: tape.pick(['资料不全', '']) }),
    'EvaluateOpportunityInput',
  ),
  closeOpportunity: lifecycleOp(
    'closeOpportunity',
    ['IN_PROGRESS'],
    (w, o) => [employeeNo(w, o.owner_id), ...overRegion(w, o.region_path, LEADER_ROLES)],
    (tape) => ({ outcome: tape.pick(['WON', 'WON', 'LOST']), reason: tape.pick(['签约', '价格', '']) }),
    'CloseOpportunityInput',
  ),
  cancelOpportunity: lifecycleOp(
    'cancelOpportunity',
    ['DRAFT', 'SUBMITTED', 'PENDING_APPROVAL', 'APPROVED', 'IN_PROGRESS'],
    (w, o) => [...reporterOf(w, o), ...overRegion(w, o.region_path, LEADER_ROLES)],
    (tape) => ({ reason: tape.pick(['客户取消', '']) }),
    'CancelOpportunityInput',
  ),

  async decideApproval(world, tape) {
    const pending = await world.pendingSteps();
    const step = tape.chance(90) && pending.length ? tape.pick(pending) : tape.pick(await world.steps());
    if (!step) return null;
    const decision = tape.pick(['APPROVE', 'APPROVE', 'APPROVE', 'RETURN', 'REJECT'])!;
    const input: Record<string, unknown> = { stepId: gid('ApprovalStep', step.id), decision };
    if (decision !== 'APPROVE' || tape.chance(30)) input.comment = tape.pick(['同意', '金额需复核', '']);
    if (tape.chance(25)) input.ownerId = gid('Staff', world.actor(tape.pick(['xa-am1', 'xa-am2', 'bj-am1', 'xa-yt-g1', 'im-gov', 'p-huaxin'])!).id);
    if (tape.chance(20)) input.followerIds = [gid('Staff', world.actor(tape.pick(['xa-am3', 'xa-support', 'bj-am2'])!).id)];
    const version = versionFor(tape, step.version);
    if (version.expectedVersion != null) input.expectedVersion = version.expectedVersion;
    return {
      kind: 'decideApproval',
      as: actorFor(tape, await world.approversOf(step)),
      field: 'decideApproval',
      stale: version.stale,
      query: `mutation($input: DecideApprovalInput!) { decideApproval(input: $input) { step { id state } ${OPPORTUNITY} } }`,
      variables: { input },
      history: () => ({ events: 1, changes: 0 }),
    };
  },

  async delegateApprovals(world, tape) {
    const as = actorFor(tape, [...LEADERS]);
    const to = tape.pick(tape.chance(85) ? LEADERS : ACTORS)!;
    const from = new Date(Date.now() - DAY).toISOString();
    const until = new Date(Date.now() + (tape.chance(90) ? 3 : -2) * DAY).toISOString();
    return {
      kind: 'delegateApprovals',
      as,
      field: 'delegateApprovals',
      query: `mutation($input: DelegateApprovalsInput!) { delegateApprovals(input: $input) { delegation { id } ${USER_ERRORS} } }`,
      variables: { input: { delegateId: gid('Staff', world.actor(to).id), from, until } },
      history: () => ({ events: 0, changes: 0 }),
    };
  },

  // 激励申报: filed and decided without touching the opportunity or its history (partners read the history).
  async requestIncentive(world, tape) {
    const o = await opportunityFor(world, tape, ['APPROVED', 'IN_PROGRESS', 'WON']);
    if (!o) return null;
    return {
      kind: 'requestIncentive',
      as: actorFor(tape, overRegion(world, o.region_path, LEADER_ROLES)),
      field: 'requestIncentive',
      query: `mutation($input: RequestIncentiveInput!) { requestIncentive(input: $input) { incentive { id } ${OPPORTUNITY} } }`,
      variables: { input: { opportunityId: gid('Opportunity', o.id), amount: tape.pick(['5000.00', '-1.00', '0.00']) } },
      history: () => ({ events: 0, changes: 0 }),
    };
  },

  async decideIncentive(world, tape) {
    const { rows } = await world.sql.query(`SELECT i.id, i.decider_role::text AS role, r.path FROM incentive i JOIN region r ON r.id = i.decider_region_id ORDER BY i.created_at, i.id`);
    if (!rows.length) return null;
    const incentive = tape.pick(rows)! as { id: string; role: string; path: string };
    const deciders = [...world.staff.values()].filter((s) => s.roles.includes(incentive.role) && s.regionPath === incentive.path).map((s) => s.employeeNo);
    const reject = tape.chance(40);
    return {
      kind: 'decideIncentive',
      as: actorFor(tape, deciders),
      field: 'decideIncentive',
      query: `mutation($input: DecideIncentiveInput!) { decideIncentive(input: $input) { incentive { id state } ${USER_ERRORS} } }`,
      variables: {
        input: { id: gid('Incentive', incentive.id), decision: reject ? 'REJECT' : 'APPROVE', ...(reject && tape.chance(80) ? { comment: '依据不足' } : {}) },
      },
      history: () => ({ events: 0, changes: 0 }),
    };
  },

  // 跟进: no new version and no history entry; only last_follow_up_at moves.
  async logFollowUp(world, tape) {
    const o = await opportunityFor(world, tape, ['PENDING_APPROVAL', 'APPROVED', 'IN_PROGRESS']);
    if (!o) return null;
    const step = tape.chance(60);
    return {
      kind: 'logFollowUp',
      as: actorFor(tape, [employeeNo(world, o.owner_id), ...overRegion(world, o.region_path, ['SUPPORT_MANAGER', ...LEADER_ROLES])]),
      field: 'logFollowUp',
      query: `mutation($input: LogFollowUpInput!) { logFollowUp(input: $input) { followUp { id } ${OPPORTUNITY} } }`,
      variables: {
        input: {
          opportunityId: gid('Opportunity', o.id),
          kind: tape.pick(['VISIT', 'CALL', 'DEMO'])!,
          occurredAt: new Date(Date.now() - tape.int(48) * 3_600_000).toISOString(),
          note: tape.pick(['拜访信息中心', '电话沟通报价', ''])!,
          ...(step ? { nextStep: '提交方案', nextStepDueOn: dateIn(tape.int(10) - 3) } : {}),
        },
      },
      history: () => ({ events: 0, changes: 0 }),
    };
  },

  async reportOpportunity(world, tape, memory) {
    const as = tape.pick(PARTNER_USERS)!;
    const partnerId = world.actor(as).partnerId!;
    const key = tape.pick(KEYS)!;
    const slot = `${partnerId}:${key}`;
    const previous = memory.reports.get(slot);
    let input: Record<string, unknown>;
    if (previous && tape.chance(60)) {
      input = JSON.parse(previous.input); // the same report again: a retry
    } else {
      const customers = await world.customers();
      input = { ...opportunityText(tape), idempotencyKey: key };
      if (tape.chance(65)) input.customerId = gid('GroupCustomer', (await targetCustomer(world, tape))!.id);
      else {
        const known = customers.filter((c) => c.credit_code).map((c) => c.credit_code!);
        input.customer = {
          creditCode: tape.chance(50) && known.length ? tape.pick(known) : tape.pick([...NEW_CREDIT_CODES, BAD_CREDIT_CODE]),
          name: '合作伙伴报备客户',
        };
      }
    }
    const creditCode = (input.customer as { creditCode?: string } | undefined)?.creditCode;
    const newCustomer = creditCode != null && creditCode !== BAD_CREDIT_CODE && (await world.sql.query(`SELECT 1 FROM group_customer WHERE credit_code = $1`, [creditCode])).rowCount === 0;
    return {
      kind: 'reportOpportunity',
      as,
      field: 'reportOpportunity',
      query: `mutation($input: ReportOpportunityInput!) { reportOpportunity(input: $input) { ${OPPORTUNITY} } }`,
      variables: { input },
      report: { slot, input: JSON.stringify(input), previous, newCustomer },
      history: () => (previous ? { events: 0, changes: 0 } : { events: 1, changes: newCustomer ? 1 : 0 }),
    };
  },
};

/** Reads: whatever they show, they change nothing and never fail inside. */
const readOps: Record<string, Op> = {
  async readOpportunity(world, tape) {
    const o = tape.pick(await world.opportunities());
    if (!o) return null;
    return {
      kind: 'readOpportunity',
      as: tape.pick(ACTORS)!,
      field: null,
      query: `query($id: ID!) { node(id: $id) { ... on Opportunity { code stage version currentStep { sequence state overdue } approvalSteps { sequence state } history(first: 50) { totalCount } possibleDuplicates { code } customer { name ancestors { code } } } } }`,
      variables: { id: gid('Opportunity', o.id) },
    };
  },
  async readCustomer(world, tape) {
    const c = tape.pick(await world.customers());
    if (!c) return null;
    return {
      kind: 'readCustomer',
      as: tape.pick(ACTORS)!,
      field: null,
      query: `query($id: ID!) { groupCustomer(id: $id) { code version ancestors { code } children(first: 20) { totalCount } subtree(first: 20) { totalCount } history(first: 20) { totalCount } contacts(first: 20) { nodes { careStatus reportsTo { name } } } } }`,
      variables: { id: gid('GroupCustomer', c.id) },
    };
  },
  async readQueue(_world, tape) {
    return {
      kind: 'readQueue',
      as: tape.pick(LEADERS)!,
      field: null,
      query: `{ myApprovals(first: 20) { totalCount nodes { sequence overdue opportunity { code } } } }`,
      variables: {},
    };
  },
};

/** Every operation, with how often it is drawn (weights). */
export const OPERATIONS: { name: string; weight: number; op: Op }[] = [
  ...Object.entries(customerOps).map(([name, op]) => ({ name, op, weight: name === 'updateGroupCustomer' || name === 'setCustomerParent' ? 4 : 2 })),
  ...Object.entries(contactOps).map(([name, op]) => ({ name, op, weight: 2 })),
  ...Object.entries(opportunityOps).map(([name, op]) => ({
    name,
    op,
    weight: name === 'reportOpportunity' || name === 'createOpportunity' ? 6 : name === 'delegateApprovals' ? 1 : 4,
  })),
  ...Object.entries(readOps).map(([name, op]) => ({ name, op, weight: 1 })),
];
