import { contactSql } from '../contacts/contact.sql';
import { opportunitySql } from '../opportunities/opportunity.sql';
import { serviceSql } from '../service/service.sql';
import type { RetentionRuleValues } from '../rules/sections/retention.rules';
import { RiskSignalKind } from './retention.enums';

/*
 * The churn-risk signals of DOMAIN.md: Retention, one definition each. A
 * definition is a SELECT of (customer_id, since, evidence) — at most one row
 * per customer — over `assessed` (id, grade, status, created_at: the ACTIVE
 * and DORMANT customers being assessed), with these parameters bound:
 * :today (China date), :now (timestamptz), :anchor (first day of the latest
 * billed month, null before any billing), and the rules' numbers inlined.
 * Adding a signal is adding a definition here (and its RiskSignalKind value).
 */

export interface SignalDefinition {
  kind: RiskSignalKind;
  sql: (rules: RetentionRuleValues) => string;
}

const int = (n: number) => {
  if (!Number.isInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};
/** 41200 → '41,200.00' */
export const money = (expression: string) => `to_char(${expression}, 'FM999,999,999,999,990.00')`;
const day = (expression: string) => `to_char(${expression}, 'YYYY-MM-DD')`;
const chinaDay = (timestamp: string) => `(${timestamp} AT TIME ZONE 'Asia/Shanghai')::date`;
const ANCHOR = `CAST(:anchor AS date)`;
/** The first day of the month `months` before the anchor month. */
const monthsBefore = (months: number | string) => `(${ANCHOR} - make_interval(months => ${months}))::date`;
const ASSESSED = `SELECT id FROM assessed`;

/** Up to three items of an aggregated text array, then how many more. */
const firstThree = (array: string) => `array_to_string((${array})[1:3], ', ') || CASE WHEN cardinality(${array}) > 3 THEN format(' and %s more', cardinality(${array}) - 3) ELSE '' END`;

export const SIGNALS: readonly SignalDefinition[] = [
  {
    // 收入下滑: the last N billed months average at least X% below the N before (a month not billed counts as 0).
    kind: RiskSignalKind.REVENUE_DROP,
    sql: (rules) => {
      const n = int(rules.revenueWindowMonths);
      return `SELECT m.customer_id, ${monthsBefore(`${n} - 1`)} AS since,
          format('avg %s months %s vs %s before: −%s%%', ${n}, ${money('m.recent')}, ${money('m.before')}, round((m.before - m.recent) * 100 / m.before)) AS evidence
        FROM (SELECT r.customer_id,
                coalesce(sum(r.revenue) FILTER (WHERE r.month > ${monthsBefore(n)}), 0) / ${n} AS recent,
                coalesce(sum(r.revenue) FILTER (WHERE r.month <= ${monthsBefore(n)}), 0) / ${n} AS before
              FROM customer_monthly_revenue r
              WHERE r.customer_id IN (${ASSESSED}) AND r.month > ${monthsBefore(`2 * ${n}`)} AND r.month <= ${ANCHOR}
              GROUP BY r.customer_id) m
        WHERE m.before > 0 AND m.recent * 100 <= m.before * (100 - ${int(rules.revenueDropPercent)})`;
    },
  },
  {
    // 合同到期: a signed contract ends soon and no renewal opportunity is open for its product line.
    kind: RiskSignalKind.CONTRACT_EXPIRING,
    sql: (rules) => `SELECT k.customer_id, min(k.ends_on) - ${int(rules.contractExpiringDays)} AS since,
        string_agg(format('contract %s (%s) ends %s, in %s days', k.number, k.product_line, ${day('k.ends_on')}, k.ends_on - CAST(:today AS date)), '; ' ORDER BY k.ends_on, k.number)
          || '; no renewal opportunity open' AS evidence
      FROM (${opportunitySql.contractsEnding(ASSESSED, rules.contractExpiringDays)}) k GROUP BY k.customer_id`,
  },
  {
    // 竞争对手活跃: a COMPETITOR opportunity lost lately, or a rival contract at the customer renewing soon.
    kind: RiskSignalKind.RIVAL_ACTIVE,
    sql: (rules) => `SELECT x.customer_id, min(x.since) AS since, string_agg(x.evidence, '; ' ORDER BY x.since, x.evidence) AS evidence
      FROM (SELECT l.customer_id, l.closed_on AS since, format('competitor opportunity %s lost to %s on %s', l.code, coalesce(l.carrier, 'a rival'), ${day('l.closed_on')}) AS evidence
              FROM (${opportunitySql.competitorLost(ASSESSED, rules.rivalLostDays)}) l
            UNION ALL
            SELECT v.customer_id, v.expires_on - ${int(rules.rivalRenewalDays)}, format('%s contract%s renews %s, in %s days (%s)', coalesce(v.carrier, 'rival'), coalesce(' (' || v.product || ')', ''), ${day('v.expires_on')}, v.expires_on - CAST(:today AS date), v.code)
              FROM (${opportunitySql.rivalRenewals(ASSESSED, rules.rivalRenewalDays)}) v) x
      GROUP BY x.customer_id`,
  },
  {
    // 关键人关怀逾期: a MANAGEMENT or KEY_PERSON contact overdue for care (DOMAIN.md: four-level care).
    kind: RiskSignalKind.KEY_CARE_OVERDUE,
    sql: () => `SELECT k.customer_id, min(${chinaDay('k.next_care_due_at')}) AS since,
        format('%s key contact%s overdue for care: %s', count(*), CASE WHEN count(*) > 1 THEN 's' ELSE '' END,
          ${firstThree(`array_agg(format('%s (%s, %s)', k.name, k.care_level, CASE WHEN k.last_cared_at IS NULL THEN 'never cared for' ELSE 'last cared ' || ${day(chinaDay('k.last_cared_at'))} END) ORDER BY k.next_care_due_at, k.name)`)}) AS evidence
      FROM (${contactSql.overdueKeyContacts(ASSESSED)}) k GROUP BY k.customer_id`,
  },
  {
    // 关键人离职: a MANAGEMENT or KEY_PERSON contact left lately (DOMAIN.md: People and rules — kept, shown as left).
    kind: RiskSignalKind.KEY_CONTACT_LEFT,
    sql: (rules) => `SELECT k.customer_id, min(k.left_on) AS since,
        format('%s key contact%s left: %s', count(*), CASE WHEN count(*) > 1 THEN 's' ELSE '' END,
          ${firstThree(`array_agg(format('%s (%s, left %s)', k.name, k.care_level, ${day('k.left_on')}) ORDER BY k.left_on DESC, k.name)`)}) AS evidence
      FROM (${contactSql.keyContactsLeft(ASSESSED, rules.keyContactLeftDays)}) k GROUP BY k.customer_id`,
  },
  {
    // 投诉超时未结: an open complaint past its deadline (DOMAIN.md: Service quality).
    kind: RiskSignalKind.OPEN_COMPLAINT,
    sql: () => `SELECT c.customer_id, min(${chinaDay('c.due_at')}) AS since,
        format('%s open complaint%s past deadline: %s', count(*), CASE WHEN count(*) > 1 THEN 's' ELSE '' END,
          ${firstThree(`array_agg(format('%s (%s, due %s)', c.code, c.severity, to_char(c.due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')) ORDER BY c.due_at, c.code)`)}) AS evidence
      FROM (${serviceSql.complaintsPastDeadline(ASSESSED)}) c GROUP BY c.customer_id`,
  },
  {
    // 沉默: the DORMANT status, or an active customer billed nothing for N months after earlier revenue.
    kind: RiskSignalKind.DORMANT,
    sql: (rules) => {
      const n = rules.dormantZeroRevenueMonths;
      const silent =
        n > 0
          ? `SELECT r.customer_id, max(r.revenue) FILTER (WHERE r.month <= ${monthsBefore(int(n))}) AS last_revenue
               FROM customer_monthly_revenue r WHERE r.customer_id IN (SELECT id FROM assessed WHERE status = 'ACTIVE') AND r.month <= ${ANCHOR}
               GROUP BY r.customer_id
               HAVING coalesce(sum(r.revenue) FILTER (WHERE r.month > ${monthsBefore(int(n))}), 0) = 0 AND coalesce(sum(r.revenue) FILTER (WHERE r.month <= ${monthsBefore(int(n))}), 0) > 0`
          : `SELECT NULL::uuid AS customer_id, NULL::numeric AS last_revenue WHERE FALSE`;
      return `SELECT a.id AS customer_id,
          CASE WHEN a.status = 'DORMANT' THEN ${chinaDay('a.dormant_since')} ELSE ${monthsBefore(`${int(n)} - 1`)} END AS since,
          CASE WHEN a.status = 'DORMANT' THEN format('status DORMANT since %s', ${day(chinaDay('a.dormant_since'))})
               ELSE format('nothing billed in the %s months to %s (earlier up to %s a month)', ${int(n)}, to_char(${ANCHOR}, 'YYYY-MM'), ${money('s.last_revenue')}) END AS evidence
        FROM assessed a LEFT JOIN (${silent}) s ON s.customer_id = a.id
        WHERE a.status = 'DORMANT' OR s.customer_id IS NOT NULL`;
    },
  },
];
