/**
 * The configurable numbers of the opportunity rules (DOMAIN.md: "default …
 * must be configurable"), in one place. Code reads these; none of them is
 * repeated as a literal elsewhere.
 */
export interface OpportunityRules {
  protectionWindowDays: number;
  provinceStepThreshold: string;
  stepDueHours: number;
  maxEstimatedAmount: string;
  commentMaxLength: number;
  reasonMaxLength: number;
  idempotencyKeyMaxLength: number;
}

export const opportunityRules: Readonly<OpportunityRules> = {
  /** DOMAIN.md: Partner registration — protection window from registration, in days (default 90). */
  protectionWindowDays: 90,
  /** DOMAIN.md: Approval routing — an estimated amount of at least this adds a province-leader step (default 5,000,000 CNY). */
  provinceStepThreshold: '5000000.00',
  /** DOMAIN.md: Approval routing — each step is due this many hours after it opens (default 72). */
  stepDueHours: 72,
  /** Largest believable estimated amount; above it the input is refused as absurd. */
  maxEstimatedAmount: '10000000000.00',
  /** Longest comment on a transition or decision. */
  commentMaxLength: 1000,
  /** Longest reason for closing or cancelling. */
  reasonMaxLength: 500,
  /** Longest idempotency key a partner may send. */
  idempotencyKeyMaxLength: 255,
};
