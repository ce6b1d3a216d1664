/**
 * The fixed limits of opportunity input, in one place. The rules admins
 * maintain (protection window, province-step threshold, step due hours) are
 * versioned data: rules/sections/opportunity.rules.ts.
 */
export interface OpportunityRules {
  maxEstimatedAmount: string;
  commentMaxLength: number;
  reasonMaxLength: number;
  idempotencyKeyMaxLength: number;
}

export const opportunityRules: Readonly<OpportunityRules> = {
  /** Largest believable estimated amount; above it the input is refused as absurd. */
  maxEstimatedAmount: '10000000000.00',
  /** Longest comment on a transition or decision. */
  commentMaxLength: 1000,
  /** Longest reason for closing or cancelling. */
  reasonMaxLength: 500,
  /** Longest idempotency key a partner may send. */
  idempotencyKeyMaxLength: 255,
};
