import { RoleKey, SCOPES, Side } from './roles';
import { CustomerRow, gid, World } from './world';

/**
 * Targets for the service-quality rows (issue 13), built in SQL on top of the
 * world's fresh customers: complaints in a given state, customer events,
 * satisfaction surveys and service standards.
 */
export interface ComplaintTarget {
  id: string;
  uuid: string;
  customer: CustomerRow;
}

/** A complaint of a fresh customer of the role's side, recorded by `responder` (default the customer's account manager). */
export async function complaintOf(w: World, role: RoleKey, side: Side, options: { state?: 'OPEN' | 'IN_PROGRESS' | 'RESOLVED'; responder?: string; overdue?: boolean } = {}): Promise<ComplaintTarget> {
  const customer = await w.customer(role, side);
  const responder = w.staffUuid(options.responder ?? customer.place.manager);
  // Overdue ones are due long ago, each a second apart: first in any queue they are in.
  const due = options.overdue ? new Date(Date.UTC(2001, 0, 1) + w.next() * 1000).toISOString() : new Date(Date.now() + 86_400_000).toISOString();
  const state = options.state ?? 'OPEN';
  const [row] = await w.q(
    `INSERT INTO complaint (code, customer_id, channel, category, severity, description, state, first_responder_id, due_at, rule_version, resolution, resolved_at)
     VALUES ('TS' || to_char(now(), 'YYYYMM') || '-' || lpad(nextval('complaint_code_seq')::text, 6, '0'), $1, 'PHONE', 'NETWORK', 'MAJOR', '矩阵投诉', $2::complaint_state, $3, $4, 1,
             CASE WHEN $2::text = 'RESOLVED' THEN '矩阵处理' END, CASE WHEN $2::text = 'RESOLVED' THEN now() END) RETURNING id`,
    [customer.uuid, state, responder, due],
  );
  await w.q(`INSERT INTO complaint_event (complaint_id, action, from_state, to_state, actor_id) VALUES ($1, 'RECORD', NULL, 'OPEN', $2)`, [row.id, responder]);
  return { id: gid('Complaint', row.id), uuid: row.id, customer };
}

/** An event of a fresh customer of the role's side with one attending contact, and an opportunity of that customer not yet linked. */
export async function customerEventOf(w: World, role: RoleKey, side: Side): Promise<{ id: string; customer: CustomerRow; opportunityId: string }> {
  const customer = await w.customer(role, side);
  const contact = await w.contactOf(customer);
  const recorder = w.staffUuid(customer.place.manager);
  const [event] = await w.q(`INSERT INTO customer_event (kind, at, note, recorded_by_id) VALUES ('TRAINING', now() - interval '1 day', '矩阵开讲堂', $1) RETURNING id`, [recorder]);
  await w.q(`INSERT INTO customer_event_customer (event_id, customer_id) VALUES ($1, $2)`, [event.id, customer.uuid]);
  const [care] = await w.q(`INSERT INTO care_activity (contact_id, kind, occurred_at, recorded_by_id) VALUES ($1, 'TRAINING', now() - interval '1 day', $2) RETURNING id`, [contact.uuid, recorder]);
  await w.q(`INSERT INTO customer_event_attendee (event_id, contact_id, care_activity_id) VALUES ($1, $2, $3)`, [event.id, contact.uuid, care.id]);
  const opportunity = await w.opportunityOn(customer, 'SUBMITTED', w.reporter(role, side));
  return { id: gid('CustomerEvent', event.id), customer, opportunityId: opportunity.id };
}

/** A satisfaction survey of a fresh customer of the role's side. */
export async function surveyOf(w: World, role: RoleKey, side: Side): Promise<string> {
  const customer = await w.customer(role, side);
  const [row] = await w.q(`INSERT INTO satisfaction_survey (customer_id, period, score, recorded_by_id) VALUES ($1, '2025-Q4', 9, $2) RETURNING id`, [
    customer.uuid,
    w.staffUuid(customer.place.manager),
  ]);
  return gid('SatisfactionSurvey', row.id);
}

const GRADES = ['A1', 'A2', 'B1', 'B2', 'C', 'D'];
const LEVELS = ['MANAGEMENT', 'KEY_PERSON', 'LIAISON', 'OTHER'];

/** A standard of its own for a case: kinds EVENT and GIFT, grade and level from the run's serial (48 combinations). */
export async function standardOf(w: World): Promise<string> {
  const n = w.next();
  const [row] = await w.q(
    `INSERT INTO service_standard (grade, care_level, kind, times, per, tier) VALUES ($1, $2, $3, 1, 'YEAR', 'INTEREST')
     ON CONFLICT (grade, care_level, kind) DO UPDATE SET times = 1 RETURNING id`,
    [GRADES[n % 6], LEVELS[Math.floor(n / 6) % 4], Math.floor(n / 24) % 2 ? 'GIFT' : 'EVENT'],
  );
  return gid('ServiceStandard', row.id);
}

/** The standard node(id:) checks read: one no case removes. */
export async function readableStandard(w: World): Promise<string> {
  const [row] = await w.q(
    `INSERT INTO service_standard (grade, care_level, kind, times, per, tier) VALUES ('D', 'OTHER', 'GREETING', 1, 'YEAR', 'INTEREST')
     ON CONFLICT (grade, care_level, kind) DO UPDATE SET tier = 'INTEREST' RETURNING id`,
  );
  return gid('ServiceStandard', row.id);
}

/** The role's own user, for targets that must be theirs. */
export const me = (role: RoleKey) => SCOPES[role].employeeNo ?? 'admin';
