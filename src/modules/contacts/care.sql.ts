import { followUpDueSince } from './care-follow-up';

/**
 * A contact's care state, judged in SQL against the moment asked about. The
 * newest care touch and the next due moment are columns that triggers keep
 * in the writing transaction (care record, contact, or policy change), so a
 * policy change still applies to every contact at once (DOMAIN.md: Key
 * contacts and four-level care). Fragments expect `ct` = contact, `p` = the
 * care_policy of its level, and the parameter `:careNow` = the moment asked about.
 */

/** Birthdays are calendar days where the customers are. */
export const CARE_TIME_ZONE = 'Asia/Shanghai';

const NOW = `CAST(:careNow AS timestamptz)`;
const TODAY = `(${NOW} AT TIME ZONE '${CARE_TIME_ZONE}')::date`;

/** The newest care touch (migration: contact care state). */
export const LAST_CARED_AT = `ct.last_cared_at`;

/** The last touch plus the level's interval; a contact never cared for was due when it was added. */
export const NEXT_CARE_DUE_AT = `ct.next_care_due_at`;

/** The contact has not left their company (DOMAIN.md: People and rules — 离职 contacts are never due for care). */
export const STILL_THERE = `(ct.left_on IS NULL)`;

/**
 * LEFT for a contact who left (离职); otherwise
 * OVERDUE once the due moment has passed (or never cared for); DUE_SOON from
 * `due_soon_days` before it up to and including the due moment itself.
 */
export const CARE_STATUS = `(CASE WHEN ${STILL_THERE} IS FALSE THEN 'LEFT' WHEN ${LAST_CARED_AT} IS NULL OR ${NEXT_CARE_DUE_AT} < ${NOW} THEN 'OVERDUE'
  WHEN ${NEXT_CARE_DUE_AT} <= ${NOW} + make_interval(days => p.due_soon_days) THEN 'DUE_SOON'
  ELSE 'ON_TRACK' END)`;

/** The next birthday on or after today (migration: crm_next_birthday). */
const NEXT_BIRTHDAY = `crm_next_birthday(ct.birthday, ${TODAY})`;

/** Why the contact belongs on a due list looking `:dueWithinDays` ahead; `personal` = may the viewer see the birthday. */
export function careDueReasons(personal: string): string {
  return `CASE WHEN NOT ${STILL_THERE} THEN ARRAY[]::text[] ELSE array_remove(ARRAY[
    CASE WHEN ${CARE_STATUS} = 'OVERDUE' THEN 'OVERDUE' END,
    CASE WHEN ${CARE_STATUS} <> 'OVERDUE' AND ${NEXT_CARE_DUE_AT} <= ${NOW} + make_interval(days => CAST(:dueWithinDays AS int)) THEN 'DUE_SOON' END,
    CASE WHEN ${personal} AND ct.birthday IS NOT NULL AND ${NEXT_BIRTHDAY} - ${TODAY} <= p.birthday_window_days THEN 'BIRTHDAY' END,
    CASE WHEN ${followUpDueSince('ct')} IS NOT NULL THEN 'COMPLAINT_FOLLOW_UP' END
  ], NULL) END`;
}

/** Midnight at the start of the next birthday, where the customers are. */
export const NEXT_BIRTHDAY_STARTS_AT = `(${NEXT_BIRTHDAY}::timestamp AT TIME ZONE '${CARE_TIME_ZONE}')`;

/**
 * How urgent a due contact is, from columns holding its reasons, next care
 * due moment, next birthday start and follow-up moment: the earliest of the
 * moments that are reasons.
 */
export function careDueUrgency(reasons: string, nextCareDueAt: string, birthdayStartsAt: string, followUpSince: string): string {
  return `LEAST(CASE WHEN ${reasons} && ARRAY['OVERDUE', 'DUE_SOON'] THEN ${nextCareDueAt} END, CASE WHEN 'BIRTHDAY' = ANY(${reasons}) THEN ${birthdayStartsAt} END,
    CASE WHEN 'COMPLAINT_FOLLOW_UP' = ANY(${reasons}) THEN ${followUpSince} END)`;
}
