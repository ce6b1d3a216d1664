import { approvalSla } from './approval-sla';
import { followUps } from './follow-ups';
import { incentives } from './incentives';
import { nextSteps } from './next-steps';

/**
 * The follow-through side of opportunities (DOMAIN.md: Follow-through), as
 * one service for its resolvers and loaders, composed from a file per
 * concern like opportunity.service.ts:
 *
 * - follow-ups.ts — 跟进: log one, the `followUps` pages; the stall rule is stall.ts
 * - next-steps.ts — myNextSteps
 * - incentives.ts — 激励申报: file, decide, the deciders' queue (who decides: incentive-routing.ts)
 * - approval-sla.ts — the approval SLA report
 *
 * Who may see and do what is opportunity.policy.ts alone.
 */
export const followThroughService = {
  ...followUps,
  ...nextSteps,
  ...incentives,
  ...approvalSla,
};
