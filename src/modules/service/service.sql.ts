import type { CareFollowUpSource } from '../contacts/care-follow-up';
import { OPEN_COMPLAINT_STATES } from './complaint-lifecycle';

/*
 * What the other modules may know of service quality: SQL fragments that
 * name this module's tables. Nobody else names `complaint`,
 * `complaint_event`, `service_standard`, `customer_event*` or
 * `satisfaction_survey` (tests/platform/module-boundaries.test.ts).
 */

const OPEN = `(${OPEN_COMPLAINT_STATES.map((s) => `'${s}'`).join(', ')})`;

export const serviceSql = {
  /** OPEN_COMPLAINT (DOMAIN.md: Retention): open complaints of the customers `customerIds` (a SELECT) past their deadline at :now (timestamptz): customer_id, code, severity, due_at. */
  complaintsPastDeadline(customerIds: string): string {
    return `SELECT cp_late.customer_id, cp_late.code, cp_late.severity::text AS severity, cp_late.due_at
      FROM complaint cp_late WHERE cp_late.customer_id IN (${customerIds}) AND cp_late.state IN ${OPEN} AND cp_late.due_at < CAST(:now AS timestamptz)`;
  },
};

/**
 * 投诉客户关怀 (DOMAIN.md: Service quality): a MANAGEMENT or KEY_PERSON
 * contact of a customer whose complaint was resolved is owed care from the
 * resolution until a care activity of theirs happens after it. The contacts
 * module reads this through its care-follow-up.ts registration (src/app.ts).
 * `follow_up_open` ends by trigger once all of them were cared for.
 */
export const complaintFollowUp: CareFollowUpSource = {
  dueSince: (ct) =>
    `(CASE WHEN ${ct}.care_level IN ('MANAGEMENT', 'KEY_PERSON') AND ${ct}.left_on IS NULL THEN (SELECT min(cp_fu.resolved_at) FROM complaint cp_fu
       WHERE cp_fu.follow_up_open AND cp_fu.customer_id = ${ct}.customer_id AND cp_fu.resolved_at > coalesce(${ct}.last_cared_at, '-infinity'::timestamptz)) END)`,
  customers: `SELECT cp_fu.customer_id FROM complaint cp_fu WHERE cp_fu.follow_up_open`,
};
