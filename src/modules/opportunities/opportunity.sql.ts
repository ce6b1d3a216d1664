/*
 * What the other modules may know of opportunities and contracts: SQL that
 * names this module's tables. Nobody else names `opportunity` or `contract`
 * (tests/platform/module-boundaries.test.ts). Each function returns a SELECT
 * over the customers of `customerIds` (a SELECT of one uuid column), with
 * named parameters for the caller to bind: `:factsToday` (a China date).
 */

/** Stages in which an opportunity is still open: a renewal in any of them counts. */
const OPEN_STAGES = `('DRAFT', 'SUBMITTED', 'PENDING_APPROVAL', 'APPROVED', 'IN_PROGRESS')`;

/** The day a contract ends: its signing date plus its term. */
const CONTRACT_ENDS_ON = `(k.signed_on + make_interval(months => k.term_months))::date`;

const int = (n: number) => {
  if (!Number.isInteger(n)) throw new Error(`not an integer: ${n}`);
  return String(n);
};

export const opportunitySql = {
  /**
   * Signed contracts ending within `days` of today whose customer has no open
   * opportunity for the same product line (no renewal under way): rows of
   * customer_id, number, product_line, ends_on.
   */
  contractsEnding(customerIds: string, days: number): string {
    return `SELECT o.customer_id, k.number, k.product_line::text AS product_line, ${CONTRACT_ENDS_ON} AS ends_on
      FROM contract k JOIN opportunity o ON o.id = k.opportunity_id
      WHERE o.customer_id IN (${customerIds}) AND k.provisioning_state <> 'PROVISIONING_FAILED'
        AND ${CONTRACT_ENDS_ON} BETWEEN CAST(:factsToday AS date) AND CAST(:factsToday AS date) + ${int(days)}
        AND NOT EXISTS (SELECT 1 FROM opportunity r WHERE r.customer_id = o.customer_id AND r.stage IN ${OPEN_STAGES} AND k.product_line = ANY(r.products))`;
  },

  /** COMPETITOR opportunities lost within `days` before today: rows of customer_id, code, carrier, closed_on (China date). */
  competitorLost(customerIds: string, days: number): string {
    return `SELECT o.customer_id, o.code, o.competitor_carrier::text AS carrier, (o.closed_at AT TIME ZONE 'Asia/Shanghai')::date AS closed_on
      FROM opportunity o
      WHERE o.customer_id IN (${customerIds}) AND o.category = 'COMPETITOR' AND o.stage = 'LOST'
        AND o.closed_at >= (CAST(:factsToday AS date) - ${int(days)})::timestamp AT TIME ZONE 'Asia/Shanghai'`;
  },

  /**
   * Rival contracts at the customer coming up for renewal within `days`, on
   * COMPETITOR opportunities we have not won, lost or cancelled: rows of
   * customer_id, code, carrier, product, expires_on.
   */
  rivalRenewals(customerIds: string, days: number): string {
    return `SELECT o.customer_id, o.code, o.competitor_carrier::text AS carrier, o.competitor_product AS product, o.competitor_contract_expires_on AS expires_on
      FROM opportunity o
      WHERE o.customer_id IN (${customerIds}) AND o.category = 'COMPETITOR' AND o.stage NOT IN ('WON', 'LOST', 'CANCELLED')
        AND o.competitor_contract_expires_on BETWEEN CAST(:factsToday AS date) AND CAST(:factsToday AS date) + ${int(days)}`;
  },

  /** How many product lines each customer has in service: contracts IN_SERVICE and not yet ended. Rows of customer_id, lines. */
  productLinesInService(customerIds: string): string {
    return `SELECT o.customer_id, count(DISTINCT k.product_line)::int AS lines
      FROM contract k JOIN opportunity o ON o.id = k.opportunity_id
      WHERE o.customer_id IN (${customerIds}) AND k.provisioning_state = 'IN_SERVICE' AND ${CONTRACT_ENDS_ON} >= CAST(:factsToday AS date)
      GROUP BY o.customer_id`;
  },
};
