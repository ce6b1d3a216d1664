import { followThroughRuleDefaults, FollowThroughRuleValues } from './sections/follow-through.rules';
import { opportunityRuleDefaults, OpportunityRuleValues } from './sections/opportunity.rules';
import { serviceRuleDefaults, ServiceRuleValues } from './sections/service.rules';
import { retentionRuleDefaults, RetentionRuleValues } from './sections/retention.rules';

/**
 * The business rules admins maintain (DOMAIN.md: People and rules), one
 * section per area; each section's fields, defaults and limits are in
 * `sections/<area>.rules.ts`. A new area adds its section here and in
 * business-rules.types.ts. Commission rates are versioned per product line
 * in their own table (opportunities/commission-rate.entity.ts).
 */
export interface BusinessRules {
  opportunity: OpportunityRuleValues;
  followThrough: FollowThroughRuleValues;
  service: ServiceRuleValues;
  retention: RetentionRuleValues;
}

export type RuleSectionKey = keyof BusinessRules;

/** The defaults of DOMAIN.md: what version 1 holds, and what a section absent from a stored version means. */
export const businessRuleDefaults: Readonly<BusinessRules> = {
  opportunity: opportunityRuleDefaults,
  followThrough: followThroughRuleDefaults,
  service: serviceRuleDefaults,
  retention: retentionRuleDefaults,
};

export const ruleSectionKeys = Object.keys(businessRuleDefaults) as RuleSectionKey[];

type Stored = Record<string, Record<string, unknown> | undefined>;

/** A stored document read back: every section and field present, defaults where the version predates them. */
export function completeRules(stored: Stored): BusinessRules {
  const rules = {} as Record<RuleSectionKey, unknown>;
  for (const key of ruleSectionKeys) rules[key] = { ...businessRuleDefaults[key], ...(stored[key] ?? {}) };
  return rules as BusinessRules;
}

/** `rules` with the given fields of each section replaced; undefined and null fields keep their value. */
export function changedRules(rules: BusinessRules, changes: Partial<Record<RuleSectionKey, object | null | undefined>>): BusinessRules {
  const next = { ...rules } as unknown as Stored;
  for (const key of ruleSectionKeys) {
    const change = changes[key];
    if (change) next[key] = { ...rules[key], ...Object.fromEntries(Object.entries(change).filter(([, value]) => value != null)) };
  }
  return next as unknown as BusinessRules;
}
