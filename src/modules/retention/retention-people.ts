import { fail, ok, UserErrorCode } from '../../platform/graphql/user-error';
import type { CustomerMergeParticipant } from '../customers/customer-merge-participants';
import { HandoverParticipant } from '../organisation/staff-handover';
import { retentionEngine } from './retention-engine';

/*
 * When people and customers change (DOMAIN.md: People and rules): a leaver's
 * open retention cases get a new lead, and a merged customer's billed months
 * and cases become the survivor's.
 */

/**
 * 离职交接: open cases the leaver leads or co-leads go to the successor of
 * their customers (`customersTo`) or, for a leader leading A-grade cases,
 * of their approvals (`approvalsTo`). Closed cases keep them as history.
 */
export const retentionHandover: HandoverParticipant = {
  async handOver(tx, _ctx, leaver, successors) {
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM retention_case WHERE closed_at IS NULL AND (lead_id = $1 OR co_lead_id = $1)`, [leaver.id]);
    if (n === 0) return ok({});
    const to = successors.customersTo ?? successors.approvalsTo;
    if (!to) return fail(UserErrorCode.HANDOVER_REFUSED, `${leaver.name} leads ${n} open retention cases 挽回: name who takes them (customersTo)`, ['handover', 'customersTo']);
    await tx.query(
      `UPDATE retention_case SET lead_id = CASE WHEN lead_id = $1 THEN $2 ELSE lead_id END,
         co_lead_id = CASE WHEN co_lead_id = $1 AND lead_id <> $2 THEN $2 WHEN co_lead_id = $1 THEN NULL ELSE co_lead_id END, version = version + 1
       WHERE closed_at IS NULL AND (lead_id = $1 OR co_lead_id = $1)`,
      [leaver.id, to.id],
    );
    return ok({});
  },
};

/**
 * 合并重复客户: billed months move to the survivor (a month both were billed
 * for adds up: two accounts of one customer), and so do the cases; two open
 * cases are a conflict to settle first. The survivor's risk is recomputed.
 */
export const retentionMerge: CustomerMergeParticipant = {
  async reassignCustomer(tx, _ctx, mergedId, survivorId) {
    const [{ open }] = await tx.query(`SELECT count(DISTINCT customer_id)::int AS open FROM retention_case WHERE closed_at IS NULL AND customer_id = ANY($1::uuid[])`, [[mergedId, survivorId]]);
    if (open > 1) return fail(UserErrorCode.MERGE_CONFLICT, 'Both customers have an open retention case 挽回: close one first', 'mergedId');
    const months: { n: number }[] = await tx.query(
      `WITH moved AS (DELETE FROM customer_monthly_revenue WHERE customer_id = $1 RETURNING month, revenue, recorded_by_id),
            put AS (INSERT INTO customer_monthly_revenue (customer_id, month, revenue, recorded_by_id)
                    SELECT $2, month, revenue, recorded_by_id FROM moved
                    ON CONFLICT (customer_id, month) DO UPDATE SET revenue = customer_monthly_revenue.revenue + EXCLUDED.revenue RETURNING 1)
       SELECT count(*)::int AS n FROM put`,
      [mergedId, survivorId],
    );
    const cases: { n: number }[] = await tx.query(`WITH m AS (UPDATE retention_case SET customer_id = $2, version = version + 1 WHERE customer_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM m`, [
      mergedId,
      survivorId,
    ]);
    const [state]: { n: number }[] = await tx.query(`WITH d AS (DELETE FROM retention_state WHERE id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d`, [mergedId]);
    // The survivor's risk is recomputed where it was stored before (a customer not yet assessed waits for the refresh).
    const [{ stored }] = await tx.query(`SELECT EXISTS (SELECT 1 FROM retention_state WHERE id = $1) AS stored`, [survivorId]);
    if (stored || state.n > 0) await retentionEngine.store(tx, [survivorId]);
    return ok(months[0].n + cases[0].n + state.n);
  },
};
