import { randomUUID } from 'node:crypto';
import { approvalRoute } from '../../src/modules/opportunities/approval-routing';
import { opportunityRuleDefaults } from '../../src/modules/rules/sections/opportunity.rules';
import { incentiveDecider } from '../../src/modules/opportunities/incentive-routing';
import { Role } from '../../src/platform/auth/viewer';
import { ManagementLevel } from '../../src/modules/customers/customer.enums';
import { createLogger } from '../../src/platform/logger';
import { demoSeedSteps } from '../../src/seed';
import { runSeedSteps } from '../../src/seed/runner';
import type { TestApp } from '../support/harness';
import { HUAXIN, Place, Reporter, RoleKey, SCOPES, Side, ZHILIAN } from './roles';

/**
 * The seeded province the matrix runs against, and SQL builders for fresh
 * targets: every case gets rows of its own, so a mutation that succeeds (or
 * wrongly succeeds) cannot change what another case sees. Ids are global ids
 * (`Type:uuid` in base64) unless a name says uuid.
 */
export const gid = (type: string, uuid: string) => Buffer.from(`${type}:${uuid}`).toString('base64');
export const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1];

export type Stage = 'DRAFT' | 'SUBMITTED' | 'PENDING_APPROVAL' | 'APPROVED' | 'IN_PROGRESS' | 'WON' | 'LOST' | 'REJECTED' | 'CANCELLED';
const AFTER_EVALUATION: Stage[] = ['PENDING_APPROVAL', 'APPROVED', 'IN_PROGRESS', 'WON', 'LOST', 'REJECTED'];
const OWNED: Stage[] = ['APPROVED', 'IN_PROGRESS', 'WON', 'LOST'];
const CLOSED: Stage[] = ['WON', 'LOST', 'REJECTED', 'CANCELLED'];

export interface CustomerRow {
  id: string;
  uuid: string;
  code: string;
  place: Place;
}
export interface OpportunityRow {
  id: string;
  uuid: string;
  code: string;
  customer: CustomerRow;
  stage: Stage;
  /** The open approval step (PENDING_APPROVAL), and the region whose leader decides it. */
  stepId: string | null;
  stepRegionId: string | null;
  eventId: string;
  /** The accepted registration of a partner report. */
  registrationId: string | null;
  registeredOn: string;
}
export interface ContactRow {
  id: string;
  uuid: string;
  name: string;
  customer: CustomerRow;
}

export interface OpportunityOptions {
  category?: 'STANDARD_PRODUCT' | 'COMPETITOR';
  /** Registration day (YYYY-MM-DD), e.g. to single one opportunity out in a pipeline. */
  registeredOn?: string;
  amount?: string;
  /** The open approval step is past its due time. */
  overdueStep?: boolean;
}

export class World {
  private readonly regions = new Map<string, { id: string; path: string }>();
  private readonly staff = new Map<string, string>();
  private readonly partners = new Map<string, string>();
  private serial = 0;

  constructor(readonly t: TestApp) {}

  /** Loads the demo province, adds a second province with a few people, and a deactivated administrator. */
  async build(): Promise<this> {
    await runSeedSteps(this.t.db, demoSeedSteps, createLogger('silent'));
    const [province] = await this.q(`INSERT INTO region (code, name, level, parent_id, path) VALUES ('62', '甘肃省', 'PROVINCE', NULL, '') RETURNING id`);
    await this.q(`UPDATE region SET path = '/' || id || '/' WHERE id = $1`, [province.id]);
    const [city] = await this.q(`INSERT INTO region (code, name, level, parent_id, path) SELECT '6201', '兰州市', 'CITY', id, '' FROM region WHERE id = $1 RETURNING id`, [province.id]);
    await this.q(`UPDATE region SET path = $2 || id || '/' WHERE id = $1`, [city.id, `/${province.id}/`]);
    await this.q(
      `INSERT INTO staff (employee_no, name, roles, region_id, active) VALUES
         ('gs-am1', '甘肃客户经理', '{ACCOUNT_MANAGER}', $1, true), ('gs-leader', '甘肃省领导', '{PROVINCE_LEADER}', $2, true),
         ('authz-retired', '已离职管理员', '{ADMIN}', $2, false)`,
      [city.id, province.id],
    );
    for (const r of await this.q(`SELECT id, code, path FROM region`)) this.regions.set(r.code, { id: r.id, path: r.path });
    for (const s of await this.q(`SELECT id, employee_no FROM staff`)) this.staff.set(s.employee_no, s.id);
    for (const p of await this.q(`SELECT id, code FROM partner`)) this.partners.set(p.code, p.id);
    return this;
  }

  q(sql: string, params: unknown[] = []): Promise<any[]> {
    return this.t.db.query(sql, params);
  }

  /** A number no other row of this run uses (codes, names, keys). */
  next(): number {
    return ++this.serial;
  }

  regionUuid(code: string): string {
    const region = this.regions.get(code);
    if (!region) throw new Error(`no region ${code}`);
    return region.id;
  }
  regionId(code: string): string {
    return gid('Region', this.regionUuid(code));
  }
  /** The region above (a grid's county, a county's city, a city's province). */
  parentRegionCode(code: string): string {
    const path = this.regions.get(code)!.path.split('/').filter(Boolean);
    const parent = path[path.length - 2];
    return [...this.regions].find(([, r]) => r.id === parent)![0];
  }
  /** The city a region belongs to (the region itself for a city). */
  cityCode(code: string): string {
    const [, city] = this.regions.get(code)!.path.split('/').filter(Boolean);
    return [...this.regions].find(([, r]) => r.id === city)![0];
  }
  staffUuid(employeeNo: string): string {
    const id = this.staff.get(employeeNo);
    if (!id) throw new Error(`no staff ${employeeNo}`);
    return id;
  }
  staffId(employeeNo: string): string {
    return gid('Staff', this.staffUuid(employeeNo));
  }
  partnerUuid(code: string): string {
    return this.partners.get(code)!;
  }
  partnerId(code: string): string {
    return gid('Partner', this.partnerUuid(code));
  }

  place(role: RoleKey, side: Side): Place {
    return SCOPES[role].place[side];
  }
  reporter(role: RoleKey, side: Side): Reporter {
    return SCOPES[role].reporter?.[side] ?? { staff: this.place(role, side).manager };
  }

  /** A fresh customer where `place` says; for a support manager's targets also an opportunity awaiting evaluation. */
  async customer(role: RoleKey, side: Side, place = this.place(role, side)): Promise<CustomerRow> {
    const customer = await this.customerAt(place);
    if (SCOPES[role].customersNeedSubmittedOpportunity) await this.opportunityOn(customer, 'SUBMITTED', this.reporter(role, side));
    return customer;
  }

  async customerAt(place: Place): Promise<CustomerRow> {
    const n = this.next();
    const [row] = await this.q(
      `INSERT INTO group_customer (code, name, industry, grade, management_level, region_id, account_manager_id, member_count, monthly_revenue, status)
       VALUES ('JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0'), $1, $2, 'C', $3, $4, $5, 100, '50000.00', 'ACTIVE') RETURNING id, code`,
      [`矩阵测试客户${n}`, place.industry, place.level, this.regionUuid(place.region), this.staffUuid(place.manager)],
    );
    return { id: gid('GroupCustomer', row.id), uuid: row.id, code: row.code, place };
  }

  /** A key person of a fresh customer; `since` backdates when it was added (never cared for: due since then). */
  async contact(role: RoleKey, side: Side, options: { since?: string; careLevel?: string } = {}): Promise<ContactRow> {
    return this.contactOf(await this.customer(role, side), options);
  }

  async contactOf(customer: CustomerRow, options: { since?: string; careLevel?: string } = {}): Promise<ContactRow> {
    const name = `矩阵联系人${this.next()}`;
    const [row] = await this.q(
      `INSERT INTO contact (customer_id, name, title, care_level, mobile, created_at) VALUES ($1, $2, '主任', $3, '13800138000', coalesce($4::timestamptz, now())) RETURNING id`,
      [customer.uuid, name, options.careLevel ?? 'KEY_PERSON', options.since ?? null],
    );
    return { id: gid('Contact', row.id), uuid: row.id, name, customer };
  }

  /** A care activity on a fresh contact, recorded by the customer's account manager. */
  async careActivity(role: RoleKey, side: Side): Promise<{ id: string; contact: ContactRow }> {
    const contact = await this.contact(role, side);
    const [row] = await this.q(`INSERT INTO care_activity (contact_id, kind, occurred_at, recorded_by_id) VALUES ($1, 'VISIT', now() - interval '1 day', $2) RETURNING id`, [
      contact.uuid,
      this.staffUuid(contact.customer.place.manager),
    ]);
    return { id: gid('CareActivity', row.id), contact };
  }

  /** A relationship (KNOWS) between two people, given as uuids with their kind. */
  async relationship(a: { uuid: string; kind: 'Staff' | 'Contact' }, b: { uuid: string; kind: 'Staff' | 'Contact' }, note: string | null = null): Promise<string> {
    const [first, second] = a.uuid < b.uuid ? [a, b] : [b, a];
    const column = (p: typeof a, end: 'a' | 'b') => (p.kind === 'Staff' ? `${end}_staff_id` : `${end}_contact_id`);
    const [row] = await this.q(
      `INSERT INTO relationship (type, ${column(first, 'a')}, ${column(second, 'b')}, person_a, person_b, strength, recorded_by_id, note, since)
       VALUES ('KNOWS', $1, $2, $1, $2, 3, $3, $4, '2015-06-01') RETURNING id`,
      [first.uuid, second.uuid, this.staffUuid('admin'), note],
    );
    return gid('Relationship', row.id);
  }

  /** A relationship between two fresh contacts of one fresh customer: readable exactly when they are. */
  async contactsRelationship(role: RoleKey, side: Side): Promise<{ id: string; customer: CustomerRow }> {
    const customer = await this.customer(role, side);
    const [a, b] = [await this.contactOf(customer), await this.contactOf(customer)];
    return { id: await this.relationship({ uuid: a.uuid, kind: 'Contact' }, { uuid: b.uuid, kind: 'Contact' }), customer };
  }

  /** A fresh customer with an opportunity in `stage`, reported as the role's side says. */
  async opportunity(role: RoleKey, side: Side, stage: Stage, options: OpportunityOptions = {}): Promise<OpportunityRow> {
    return this.opportunityOn(await this.customerAt(this.place(role, side)), stage, this.reporter(role, side), options);
  }

  /**
   * An opportunity with the past its stage implies (DOMAIN.md: Lifecycle):
   * its reporter (or partner), the support manager of the customer's city
   * once evaluated, the route's first step (pending in PENDING_APPROVAL), the
   * account manager as owner once approved, its first history entry, and for
   * partner reports the accepted registration.
   */
  async opportunityOn(customer: CustomerRow, stage: Stage, reporter: Reporter, options: OpportunityOptions = {}): Promise<OpportunityRow> {
    const place = customer.place;
    const region = this.regions.get(place.region)!;
    const amount = options.amount ?? '120000.00';
    const route = approvalRoute(place.level as ManagementLevel, region.path, amount, opportunityRuleDefaults);
    const support = { '6101': 'xa-support', '6103': 'bj-support' }[this.cityCode(place.region)];
    const competitor = options.category === 'COMPETITOR';
    const registeredOn = options.registeredOn ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const partnerId = reporter.partner ? this.partnerUuid(reporter.partner) : null;
    const [row] = await this.q(
      `INSERT INTO opportunity (code, customer_id, title, category, source, products, estimated_amount, expected_close_date, stage,
         competitor_carrier, competitor_product, competitor_monthly_fee, competitor_bandwidth_mbps, competitor_contract_expires_on,
         reporter_id, partner_id, owner_id, support_manager_id, approval_route, registered_at, closed_at, close_reason, version,
         protected_until, rule_version, route_rule_version)
       VALUES ('SJ' || to_char(now(), 'YYYYMM') || '-' || lpad(nextval('opportunity_code_seq')::text, 6, '0'), $1, $2, $3, $4, '{INTERNET_LINE}', $5,
         current_date + 60, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::date + time '12:00', $18, $19, 3,
         $17::date + time '12:00' + make_interval(days => $20), 1, CASE WHEN $16::jsonb IS NULL THEN NULL ELSE 1 END)
       RETURNING id, code`,
      [
        customer.uuid,
        `矩阵测试商机${this.next()}`,
        competitor ? 'COMPETITOR' : 'STANDARD_PRODUCT',
        partnerId ? 'PARTNER' : 'ACCOUNT_MANAGER',
        amount,
        stage,
        competitor ? 'CHINA_TELECOM' : null,
        competitor ? '政企精品专线' : null,
        competitor ? '3000.00' : null,
        competitor ? 100 : null,
        competitor ? new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10) : null,
        this.staffUuid(reporter.staff),
        partnerId,
        OWNED.includes(stage) ? this.staffUuid(place.manager) : null,
        AFTER_EVALUATION.includes(stage) && support ? this.staffUuid(support) : null,
        AFTER_EVALUATION.includes(stage) ? JSON.stringify(route) : null,
        registeredOn,
        CLOSED.includes(stage) ? new Date() : null,
        CLOSED.includes(stage) ? '矩阵测试' : null,
        opportunityRuleDefaults.protectionWindowDays,
      ],
    );
    const [event] = await this.q(`INSERT INTO opportunity_event (opportunity_id, action, from_stage, to_stage, actor_id, by_partner) VALUES ($1, $2, NULL, $3, $4, $5) RETURNING id`, [
      row.id,
      partnerId ? 'REPORT' : 'CREATE',
      partnerId ? 'SUBMITTED' : 'DRAFT',
      this.staffUuid(reporter.staff),
      partnerId != null,
    ]);
    let registrationId: string | null = null;
    if (partnerId) {
      const [attempt] = await this.q(
        `INSERT INTO registration_attempt (partner_id, reporter_id, customer_id, products, outcome, opportunity_id, at, protected_until, rule_version)
         SELECT $1, $2, $3, '{INTERNET_LINE}', 'ACCEPTED', $4, $5::date + time '12:00', o.protected_until, o.rule_version FROM opportunity o WHERE o.id = $4 RETURNING id`,
        [partnerId, this.staffUuid(reporter.staff), customer.uuid, row.id, registeredOn],
      );
      registrationId = gid('RegistrationAttempt', attempt.id);
    }
    let stepId: string | null = null;
    if (AFTER_EVALUATION.includes(stage)) {
      const state = stage === 'PENDING_APPROVAL' ? 'PENDING' : stage === 'REJECTED' ? 'REJECTED' : 'APPROVED';
      const [step] = await this.q(
        `INSERT INTO approval_step (opportunity_id, round, sequence, approver_role, region_id, state, due_at, rule_version) VALUES ($1, 1, 1, $2, $3, $4, now() + $5::interval, 1) RETURNING id`,
        [row.id, route[0].approverRole, route[0].regionId, state, options.overdueStep ? '-1 hour' : '72 hours'],
      );
      stepId = gid('ApprovalStep', step.id);
    }
    const stepRegionId = stepId ? gid('Region', route[0].regionId) : null;
    return {
      id: gid('Opportunity', row.id),
      uuid: row.id,
      code: row.code,
      customer,
      stage,
      stepId,
      stepRegionId,
      eventId: gid('OpportunityEvent', event.id),
      registrationId,
      registeredOn,
    };
  }

  /** The partner report of a side for any role: 华信's (at home in 西安) in scope, 智联's (宝鸡) out of it. */
  partnerReporter(side: Side): Reporter {
    return side === 'in' ? HUAXIN : ZHILIAN;
  }

  /** A registration 报备 of the side's partner on a fresh customer of the role's place. */
  async registration(role: RoleKey, side: Side, options: OpportunityOptions = {}): Promise<{ id: string; opportunity: OpportunityRow }> {
    const opportunity = await this.opportunityOn(await this.customerAt(this.place(role, side)), 'SUBMITTED', this.partnerReporter(side), options);
    return { id: opportunity.registrationId!, opportunity };
  }

  /** A fresh WON opportunity (reported as the role's side says, or as `reporter` says) with its contract, still PROVISIONING. */
  async contract(role: RoleKey, side: Side, reporter = this.reporter(role, side)): Promise<{ id: string; uuid: string; opportunity: OpportunityRow }> {
    const opportunity = await this.opportunityOn(await this.customerAt(this.place(role, side)), 'WON', reporter);
    const [row] = await this.q(
      `INSERT INTO contract (opportunity_id, number, signed_amount, term_months, signed_on, product_line, signed_by_id) VALUES ($1, $2, '100000.00', 12, current_date - 2, 'INTERNET_LINE', $3) RETURNING id`,
      [opportunity.uuid, `AZ-HT-${this.next()}`, this.staffUuid(opportunity.customer.place.manager)],
    );
    return { id: gid('Contract', row.id), uuid: row.id, opportunity };
  }

  /** A commission 酬金 of the side's partner on a fresh won partner report of the role's place, PENDING or APPROVED. */
  async commission(role: RoleKey, side: Side, state: 'PENDING' | 'APPROVED' = 'PENDING', options: { createdAt?: string } = {}): Promise<{ id: string; opportunity: OpportunityRow }> {
    const reporter = this.partnerReporter(side);
    const contract = await this.contract(role, side, reporter);
    const [row] = await this.q(
      `INSERT INTO commission (opportunity_id, contract_id, partner_id, state, rate_id, rate_percent, amount, reviewed_by_id, reviewed_at, created_at)
       SELECT $1, $2, $3, $4::commission_state, r.id, r.rate_percent, '2000.00', CASE WHEN $4 = 'APPROVED' THEN $5::uuid END,
              CASE WHEN $4 = 'APPROVED' THEN now() - interval '1 day' END, coalesce($6::timestamptz, now())
       FROM commission_rate r WHERE r.product_line = 'INTERNET_LINE' ORDER BY r.created_at DESC LIMIT 1 RETURNING id`,
      [contract.opportunity.uuid, contract.uuid, this.partnerUuid(reporter.partner!), state, this.staffUuid('admin'), options.createdAt ?? null],
    );
    return { id: gid('Commission', row.id), opportunity: contract.opportunity };
  }

  /** A fresh user of a partner (not one the demo signs in with). */
  async partnerUser(partnerCode: string): Promise<string> {
    const [row] = await this.q(
      `INSERT INTO staff (employee_no, name, roles, region_id, partner_id, active) SELECT $1, '矩阵伙伴用户', '{PARTNER}', p.region_id, p.id, true FROM partner p WHERE p.code = $2 RETURNING id`,
      [`authz-pu-${this.next()}`, partnerCode],
    );
    return gid('Staff', row.id);
  }

  /**
   * A PENDING incentive application 激励申报 on a fresh WON opportunity, filed
   * by an admin and routed as a county leader's filing would be
   * (incentive-routing.ts): the city leader decides it, the province leader
   * for a province-managed customer.
   */
  async incentive(role: RoleKey, side: Side): Promise<{ id: string; opportunity: OpportunityRow }> {
    const opportunity = await this.opportunity(role, side, 'WON');
    const place = opportunity.customer.place;
    const decider = incentiveDecider([Role.COUNTY_LEADER], place.level as ManagementLevel, this.regions.get(place.region)!.path);
    const [row] = await this.q(`INSERT INTO incentive (opportunity_id, requested_by_id, amount, state, decider_role, decider_region_id) VALUES ($1, $2, '5000.00', 'PENDING', $3, $4) RETURNING id`, [
      opportunity.uuid,
      this.staffUuid('admin'),
      decider.role,
      decider.regionId,
    ]);
    return { id: gid('Incentive', row.id), opportunity };
  }

  /** A follow-up 跟进 on a fresh APPROVED opportunity of the role's side, by `author`, with a next step due long ago. */
  async followUp(role: RoleKey, side: Side, author: string): Promise<{ id: string; opportunity: OpportunityRow }> {
    const opportunity = await this.opportunity(role, side, 'APPROVED');
    const [row] = await this.q(
      `INSERT INTO follow_up (opportunity_id, kind, occurred_at, note, next_step, next_step_due_on, author_id) VALUES ($1, 'VISIT', now() - interval '1 hour', '矩阵跟进', '矩阵下一步', $2, $3) RETURNING id`,
      [opportunity.uuid, new Date(Date.UTC(2001, 0, 1) + this.next() * 86_400_000).toISOString().slice(0, 10), this.staffUuid(author)],
    );
    return { id: gid('FollowUp', row.id), opportunity };
  }

  /** A delegation between two leaders, for a period in the future (so it changes nobody's queue now). */
  async delegation(from: string, to: string): Promise<string> {
    const [row] = await this.q(`INSERT INTO approval_delegation (from_id, to_id, valid_from, valid_until) VALUES ($1, $2, now() + interval '300 days', now() + interval '301 days') RETURNING id`, [
      this.staffUuid(from),
      this.staffUuid(to),
    ]);
    return gid('ApprovalDelegation', row.id);
  }

  /** A global id of `type` that names nothing. */
  static ghostId(type: string): string {
    return gid(type, randomUUID());
  }
}
