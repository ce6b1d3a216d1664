/**
 * The tunable numbers of the follow-through rules (DOMAIN.md: Follow-through;
 * "default … must be configurable"), in one place, beside
 * opportunity.config.ts. Code reads these; none is repeated as a literal.
 * The rule admins maintain (`stallDays`) is versioned data:
 * rules/sections/follow-through.rules.ts.
 */
export interface FollowThroughRules {
  timeZone: string;
  clockSkewMinutes: number;
  nextStepMaxDaysAhead: number;
  noteMaxLength: number;
  nextStepMaxLength: number;
}

export const followThroughRules: Readonly<FollowThroughRules> = {
  /** Calendar days (next-step due dates, "overdue", report periods) are days in this zone, like birthdays (docs/api.md: Times). */
  timeZone: 'Asia/Shanghai',
  /** A follow-up's time may be this far ahead of the server clock (a phone a little fast) before it counts as "in the future". */
  clockSkewMinutes: 5,
  /** A next step may be due at most this many days from today. */
  nextStepMaxDaysAhead: 365,
  /** Longest follow-up note. */
  noteMaxLength: 2000,
  /** Longest next-step text. */
  nextStepMaxLength: 500,
};
