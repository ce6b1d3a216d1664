import { EntityManager } from 'typeorm';
import { CareActivityKind, CareLevel } from '../modules/contacts/contact.enums';
import { CustomerGrade } from '../modules/customers/customer.enums';
import { businessRules } from '../modules/rules/business-rules';
import { complaintDeadlineHours } from '../modules/service/complaint-deadline';
import { ComplaintCategory, ComplaintChannel, ComplaintSeverity, ComplaintState, CustomerEventKind, ServiceFrequency, ServiceTier } from '../modules/service/service.enums';
import { currentPeriod } from '../modules/service/service-period';
import { SeedStep } from './runner';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Standard = [CareLevel, CareActivityKind, number, ServiceFrequency, ServiceTier];
const { QUARTER, YEAR } = ServiceFrequency;
const { ENTITLED, STANDARD, INTEREST } = ServiceTier;
const { MANAGEMENT, KEY_PERSON, LIAISON } = CareLevel;

/** 分层分级服务 (seed 003: 标准化与差异化): the higher the grade, the more is owed, and the more tiers. */
const STANDARDS: Record<CustomerGrade, Standard[]> = {
  A1: [
    [MANAGEMENT, CareActivityKind.VISIT, 2, QUARTER, ENTITLED],
    [KEY_PERSON, CareActivityKind.CALL, 3, QUARTER, ENTITLED],
    [KEY_PERSON, CareActivityKind.TRAINING, 1, QUARTER, STANDARD],
    [MANAGEMENT, CareActivityKind.EXPERIENCE, 1, YEAR, STANDARD],
    [KEY_PERSON, CareActivityKind.ONSITE, 2, YEAR, INTEREST],
    [LIAISON, CareActivityKind.GREETING, 2, YEAR, INTEREST],
  ],
  A2: [
    [MANAGEMENT, CareActivityKind.VISIT, 1, QUARTER, ENTITLED],
    [KEY_PERSON, CareActivityKind.CALL, 2, QUARTER, ENTITLED],
    [KEY_PERSON, CareActivityKind.TRAINING, 1, QUARTER, STANDARD],
    [MANAGEMENT, CareActivityKind.EXPERIENCE, 1, YEAR, INTEREST],
  ],
  B1: [
    [MANAGEMENT, CareActivityKind.VISIT, 1, QUARTER, ENTITLED],
    [KEY_PERSON, CareActivityKind.CALL, 1, QUARTER, ENTITLED],
    [KEY_PERSON, CareActivityKind.TRAINING, 1, YEAR, STANDARD],
  ],
  B2: [
    [MANAGEMENT, CareActivityKind.VISIT, 2, YEAR, ENTITLED],
    [KEY_PERSON, CareActivityKind.CALL, 1, QUARTER, ENTITLED],
  ],
  C: [
    [KEY_PERSON, CareActivityKind.VISIT, 1, QUARTER, ENTITLED],
    [MANAGEMENT, CareActivityKind.GREETING, 1, YEAR, STANDARD],
  ],
  D: [[KEY_PERSON, CareActivityKind.CALL, 1, QUARTER, ENTITLED]],
};

/** What customers complained about (seed 003: 投诉处理). */
const COMPLAINTS: [ComplaintChannel, ComplaintCategory, ComplaintSeverity, string, string][] = [
  [ComplaintChannel.HOTLINE_10086, ComplaintCategory.NETWORK, ComplaintSeverity.CRITICAL, '互联网专线中断, 全单位无法办公; 联系人王主任 13891234567', '更换光模块并切换备用路由, 专线恢复'],
  [ComplaintChannel.PHONE, ComplaintCategory.BILLING, ComplaintSeverity.MAJOR, '集团V网月账单多收功能费', '核减多收费用, 下月账单返还'],
  [ComplaintChannel.VISIT, ComplaintCategory.SERVICE, ComplaintSeverity.MINOR, '装维人员预约后未按时上门', '约谈装维班组, 重新预约并上门完成'],
  [ComplaintChannel.EMAIL, ComplaintCategory.PRODUCT, ComplaintSeverity.MAJOR, '集团MAS短信发送延迟超过十分钟', '扩容短信网关通道'],
  [ComplaintChannel.PORTAL, ComplaintCategory.NETWORK, ComplaintSeverity.MINOR, '办公楼三层室内信号弱', '加装室分设备'],
  [ComplaintChannel.PHONE, ComplaintCategory.OTHER, ComplaintSeverity.MAJOR, '合同续签流程进度无人告知', '客户经理上门说明流程并给出时间表'],
];

/**
 * Service quality (issue 13): service standards for every grade; complaints
 * of 西安 (xa-am1's first) and 宝鸡 customers in every state — open (one overdue), in
 * progress after a hand-over (one overdue), resolved (their key contacts
 * owed follow-up care), closed, and one reopened by a dissatisfied callback;
 * customer events with attending contacts (their care recorded), one linked
 * to an opportunity it produced; and a satisfaction round for last quarter.
 * Rows are written as complaints.ts and customer-events.ts would write them.
 */
export const serviceSeed: SeedStep = {
  name: 'service-v1',
  async run(tx: EntityManager) {
    for (const [grade, standards] of Object.entries(STANDARDS)) {
      for (const [careLevel, kind, times, per, tier] of standards) {
        await tx.query(`INSERT INTO service_standard (grade, care_level, kind, times, per, tier) VALUES ($1, $2, $3, $4, $5, $6)`, [grade, careLevel, kind, times, per, tier]);
      }
    }

    const { version, rules } = await businessRules.inForce(tx);
    const now = Date.now();
    const customers: { id: string; grade: CustomerGrade; manager: string; leader: string; city: string }[] = await tx.query(
      `SELECT c.id, c.grade, c.account_manager_id AS manager, l.id AS leader, city.code AS city
       FROM group_customer c JOIN region r ON r.id = c.region_id
       JOIN region city ON city.level = 'CITY' AND r.path LIKE city.path || '%'
       JOIN staff l ON l.region_id = city.id AND 'CITY_LEADER' = ANY(l.roles) JOIN staff am ON am.id = c.account_manager_id
       WHERE city.code IN ('6101', '6103') AND c.status = 'ACTIVE'
       ORDER BY city.code, am.employee_no = 'xa-am1' DESC, c.code LIMIT 24`,
    );
    // OPEN ×2 (one overdue), IN_PROGRESS ×2 (one overdue), RESOLVED, CLOSED, REOPENED: each state at least once, in both cities.
    const plan: { state: ComplaintState; overdue: boolean; handedOver: boolean; reopened: boolean }[] = [
      { state: ComplaintState.OPEN, overdue: false, handedOver: false, reopened: false },
      { state: ComplaintState.OPEN, overdue: true, handedOver: false, reopened: false },
      { state: ComplaintState.IN_PROGRESS, overdue: false, handedOver: true, reopened: false },
      { state: ComplaintState.IN_PROGRESS, overdue: true, handedOver: true, reopened: false },
      { state: ComplaintState.RESOLVED, overdue: false, handedOver: false, reopened: false },
      { state: ComplaintState.CLOSED, overdue: false, handedOver: true, reopened: false },
      { state: ComplaintState.REOPENED, overdue: false, handedOver: false, reopened: true },
    ];
    for (let i = 0; i < customers.length && i < plan.length * 2; i++) {
      const customer = customers[i];
      const step = plan[i % plan.length];
      const [channel, category, severity, description, resolution] = COMPLAINTS[i % COMPLAINTS.length];
      const hours = complaintDeadlineHours(rules.service, severity, customer.grade);
      // Overdue ones were recorded well before their deadline ran out; the others recently enough to be within it.
      const recordedAt = new Date(now - (step.overdue ? hours * HOUR + 6 * HOUR : Math.min(hours * HOUR, 2 * DAY) / 2));
      const resolvedAt = new Date(recordedAt.getTime() + Math.min(hours * HOUR, 2 * DAY) / 4);
      const closedAt = new Date(resolvedAt.getTime() + HOUR);
      const done = [ComplaintState.RESOLVED, ComplaintState.CLOSED, ComplaintState.REOPENED].includes(step.state);
      const [row] = await tx.query(
        `INSERT INTO complaint (code, customer_id, channel, category, severity, description, state, first_responder_id, handler_id, due_at, rule_version,
           resolution, resolved_at, closed_at, callback_satisfaction, reopened_count, follow_up_open, version, created_at, updated_at)
         VALUES ('TS' || to_char($1::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMM') || '-' || lpad(nextval('complaint_code_seq')::text, 6, '0'),
           $2, $3, $4, $5, $6, $7, $8, $9, $1::timestamptz + make_interval(secs => $10), $11, $12, $13, $14, $15, $16, $17, $18, $1, now()) RETURNING id, code`,
        [
          recordedAt,
          customer.id,
          channel,
          category,
          severity,
          description,
          step.state,
          customer.manager,
          step.handedOver ? customer.leader : null,
          hours * 3600,
          version,
          done ? resolution : null,
          done ? resolvedAt : null,
          step.state === ComplaintState.CLOSED ? closedAt : null,
          step.state === ComplaintState.CLOSED ? 5 : step.reopened ? 2 : null,
          step.reopened ? 1 : 0,
          done,
          1 + (step.handedOver ? 1 : 0) + (step.state === ComplaintState.OPEN ? 0 : 1) + (done ? 1 : 0) + (step.state === ComplaintState.CLOSED || step.reopened ? 1 : 0),
        ],
      );
      const history: [string, string | null, string, string, Date, string | null, string | null, number | null][] = [['RECORD', null, 'OPEN', customer.manager, recordedAt, null, null, null]];
      let state = 'OPEN';
      const at = (minutes: number) => new Date(recordedAt.getTime() + minutes * 60_000);
      if (step.handedOver) history.push(['HAND_OVER', state, state, customer.manager, at(10), customer.leader, '请领导协调处理', null]);
      if (step.state !== ComplaintState.OPEN) {
        history.push(['START', state, 'IN_PROGRESS', step.handedOver ? customer.leader : customer.manager, at(20), null, null, null]);
        state = 'IN_PROGRESS';
      }
      if (done) history.push(['RESOLVE', state, 'RESOLVED', step.handedOver ? customer.leader : customer.manager, resolvedAt, null, resolution, null]);
      if (step.state === ComplaintState.CLOSED) history.push(['CLOSE', 'RESOLVED', 'CLOSED', customer.manager, closedAt, null, '客户表示满意', 5]);
      if (step.reopened) history.push(['REOPEN', 'RESOLVED', 'REOPENED', customer.manager, closedAt, null, '客户反映问题仍未彻底解决', 2]);
      for (const [action, from, to, actor, when, handler, note, satisfaction] of history) {
        await tx.query(`INSERT INTO complaint_event (complaint_id, action, from_state, to_state, actor_id, handler_id, note, satisfaction, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
          row.id,
          action,
          from,
          to,
          actor,
          handler,
          note,
          satisfaction,
          when,
        ]);
      }
    }
    // A follow-up whose key contacts were all cared for after its resolution is over, as the care_activity trigger would have said.
    await tx.query(
      `UPDATE complaint cp SET follow_up_open = false WHERE cp.follow_up_open AND NOT EXISTS (
         SELECT 1 FROM contact k WHERE k.customer_id = cp.customer_id AND k.care_level IN ('MANAGEMENT', 'KEY_PERSON') AND (k.last_cared_at IS NULL OR k.last_cared_at < cp.resolved_at))`,
    );

    // 开讲堂 / 请进来 / 走出去: each with a few customers of one account manager and their key people.
    const events: [CustomerEventKind, string, number, string][] = [
      [CustomerEventKind.TRAINING, '5G专网与移动云开讲堂', 6, '3000.00'],
      [CustomerEventKind.EXPERIENCE, '请进来: 政企体验厅参观', 4, '1200.00'],
      [CustomerEventKind.ONSITE, '走出去: 上门网络健康检查', 3, '600.00'],
    ];
    const managers: { manager: string }[] = await tx.query(
      `SELECT c.account_manager_id AS manager FROM group_customer c WHERE c.account_manager_id IS NOT NULL GROUP BY 1 HAVING count(*) >= 3 ORDER BY count(*) DESC, 1 LIMIT ${events.length}`,
    );
    for (let e = 0; e < events.length && e < managers.length; e++) {
      const [kind, note, days, cost] = events[e];
      const at = new Date(now - days * DAY);
      const eventCustomers: { id: string }[] = await tx.query(`SELECT id FROM group_customer WHERE account_manager_id = $1 ORDER BY code LIMIT 3`, [managers[e].manager]);
      const attendees: { id: string }[] = await tx.query(
        `SELECT id FROM contact WHERE customer_id = ANY($1::uuid[]) AND care_level IN ('MANAGEMENT', 'KEY_PERSON') ORDER BY customer_id, name LIMIT 12`,
        [eventCustomers.map((c) => c.id)],
      );
      if (!attendees.length) continue;
      const [event] = await tx.query(`INSERT INTO customer_event (kind, at, note, cost, recorded_by_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [kind, at, note, cost, managers[e].manager]);
      await tx.query(`INSERT INTO customer_event_customer (event_id, customer_id) SELECT $1, unnest($2::uuid[])`, [event.id, eventCustomers.map((c) => c.id)]);
      const share = (Number(cost) / attendees.length).toFixed(2);
      const activities: { id: string; contact_id: string }[] = await tx.query(
        `INSERT INTO care_activity (contact_id, kind, occurred_at, note, cost, recorded_by_id) SELECT unnest($1::uuid[]), $2, $3, $4, $5, $6 RETURNING id, contact_id`,
        [attendees.map((a) => a.id), kind, at, note, share, managers[e].manager],
      );
      await tx.query(`INSERT INTO customer_event_attendee (event_id, contact_id, care_activity_id) SELECT $1, unnest($2::uuid[]), unnest($3::uuid[])`, [
        event.id,
        activities.map((a) => a.contact_id),
        activities.map((a) => a.id),
      ]);
      await tx.query(
        `INSERT INTO customer_event_opportunity (event_id, opportunity_id, linked_by_id)
         SELECT $1, o.id, $2 FROM opportunity o WHERE o.customer_id = ANY($3::uuid[]) ORDER BY o.registered_at DESC LIMIT 1`,
        [event.id, managers[e].manager, eventCustomers.map((c) => c.id)],
      );
    }

    // 满意度调查: last quarter, every active customer of the demo province, scored by its account manager.
    const last = currentPeriod(new Date(now - 95 * DAY));
    await tx.query(
      `INSERT INTO satisfaction_survey (customer_id, period, score, note, recorded_by_id)
       SELECT c.id, $1, 6 + (abs(hashtext(c.code)) % 5), CASE WHEN abs(hashtext(c.code)) % 5 = 0 THEN '网络稳定性有待提升' END, c.account_manager_id
       FROM group_customer c WHERE c.status = 'ACTIVE' AND c.account_manager_id IS NOT NULL`,
      [last.key],
    );
  },
};
