import { approvals } from './approvals.service';
import { opportunityQueries } from './opportunity.queries';
import { lifecycleMoves } from './opportunity.lifecycle-moves';
import { partnerRegistration } from './partner-registration';

/**
 * The opportunities service the resolver and loaders call: one object
 * composed from a file per concern (Vendure's service helpers, in the small).
 *
 * - opportunity.queries.ts — reads, the pipeline report and the loaders' batch functions
 * - opportunity.lifecycle-moves.ts — create, edit, submit, recall, evaluate, start, close, cancel
 * - approvals.service.ts — decide a step, delegate approvals (routing: approval-routing.ts; owner: ownership.ts)
 * - partner-registration.ts — 商机报备 by partners, 撞单 refusals, idempotency
 *
 * Shared by the writes: opportunity.transitions.ts (lock, version, lifecycle
 * table, conditional move with history), new-opportunity.ts, input-checks.ts.
 * Who may see and do what is opportunity.policy.ts alone. The follow-through
 * side (follow-ups, next steps, incentives, approval SLA) is
 * follow-through.service.ts.
 */
export const opportunityService = {
  ...opportunityQueries,
  ...lifecycleMoves,
  ...approvals,
  ...partnerRegistration,
};
