import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../../platform/auth/viewer';
import type { FollowThroughRuleValues } from '../rules/sections/follow-through.rules';
import { OpportunityStage } from './opportunity.enums';
import { opportunityPolicy } from './opportunity.policy';

/*
 * 停滞 — DOMAIN.md: "An APPROVED or IN_PROGRESS opportunity with no
 * follow-up for `stallDays` (default 14; rules/sections/follow-through.rules.ts) is stalled." The one statement of
 * the rule, in SQL (lists) and in code (the `stalled` field), side by side.
 *
 * The clock is the latest follow-up, or when it was approved if none was
 * logged since, or (for rows approved before approved_at existed and demo
 * data) when it was registered; it is null outside APPROVED and
 * IN_PROGRESS. Both times live on the opportunity row, so the list filter
 * is a range read of ix_opportunity_stall_clock (migration FollowUps), not
 * a max() over follow-ups per row. The index is over the whole expression
 * rather than partial on the stages: the planner uses the statistics of an
 * expression index only when it is not partial, and without them it
 * guesses that a third of the province is stalled and walks the list's
 * order instead.
 */

/** The stages in which an opportunity can stall. */
export const STALL_STAGES: readonly OpportunityStage[] = [OpportunityStage.APPROVED, OpportunityStage.IN_PROGRESS];

/** The stall clock of opportunity `alias`: written exactly as ix_opportunity_stall_clock is built, so the planner uses it. */
export function stallClockSql(alias: string): string {
  const stages = STALL_STAGES.map((stage) => `'${stage}'`).join(', ');
  return `(CASE WHEN ${alias}.stage IN (${stages}) THEN coalesce(${alias}.last_follow_up_at, ${alias}.approved_at, ${alias}.registered_at) END)`;
}

/** Opportunity `alias` is stalled (true) or not (false). */
export function stalledSql(alias: string, stalled: boolean, rules: FollowThroughRuleValues): { sql: string; params: Record<string, unknown> } {
  const sql = `${stallClockSql(alias)} < now() - make_interval(days => :stallDays)`;
  // A clock of null (not in follow-up) is never stalled: `IS NOT TRUE`, not NOT, keeps those in the `false` list.
  return { sql: stalled ? sql : `(${sql}) IS NOT TRUE`, params: { stallDays: rules.stallDays } };
}

/** The same rule on a row already read. */
export function isStalled(
  opportunity: { stage: OpportunityStage; storedLastFollowUpAt: Date | null; approvedAt: Date | null; registeredAt: Date },
  rules: FollowThroughRuleValues,
  now = Date.now(),
): boolean {
  if (!STALL_STAGES.includes(opportunity.stage)) return false;
  const clock = opportunity.storedLastFollowUpAt ?? opportunity.approvedAt ?? opportunity.registeredAt;
  return new Date(clock).getTime() < now - rules.stallDays * 86_400_000;
}

/**
 * `opportunities(filter: { stalled })` on alias `o`. Partners have no stall
 * state (it is read from follow-ups, which they never see): for them the
 * condition holds for nothing, either way, as `stalled` reads null.
 */
export async function applyStalledFilter<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  alias: string,
  stalled: boolean | null | undefined,
  viewer: Viewer,
  rules: () => Promise<FollowThroughRuleValues>,
): Promise<SelectQueryBuilder<E>> {
  if (stalled == null) return query;
  if (!opportunityPolicy.mayReadFollowThrough(viewer)) return query.andWhere('FALSE');
  const condition = stalledSql(alias, stalled, await rules());
  return query.andWhere(condition.sql, condition.params);
}
