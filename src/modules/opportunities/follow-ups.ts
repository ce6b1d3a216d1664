import { EntityManager } from 'typeorm';
import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { PageArgs, Page } from '../../platform/graphql/connection';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { byIds, paginateEach } from '../../platform/sql';
import { customerFacts } from '../customers/customer.sql';
import { followThroughRules } from './follow-through.config';
import { FollowUpEntity } from './follow-up.entity';
import { businessToday, LogFollowUpInput } from './follow-up.types';
import { isoDate } from './input-checks';
import { OpportunityStage } from './opportunity.enums';
import { OpportunityEntity } from './opportunity.entity';
import { opportunityPolicy } from './opportunity.policy';
import { lockReadable } from './opportunity.transitions';

/*
 * 跟进 — follow-ups on an opportunity (DOMAIN.md: Follow-through): logging
 * one, and the reads behind the `followUps` connection and `node`. Who may
 * log and read them is opportunity.policy.ts; the stall rule is stall.ts;
 * next steps across opportunities are next-steps.ts.
 */

/**
 * The stages a follow-up may be logged in: from the support manager's
 * acceptance until the opportunity closes (DOMAIN.md: the support manager
 * "may add follow-ups, until it is closed"). Before acceptance there is
 * nobody to follow it up but its reporter; after it closes, provisioning
 * has its own records.
 */
export const FOLLOW_UP_STAGES: readonly OpportunityStage[] = [OpportunityStage.PENDING_APPROVAL, OpportunityStage.APPROVED, OpportunityStage.IN_PROGRESS];

const DAY = 86_400_000;

/** The date checks class-validator cannot state: when (not in the future), and the next step with a sensible due date. */
function checkDates(input: LogFollowUpInput, errors: UserErrorValue[], now = Date.now(), rules = followThroughRules) {
  if (input.occurredAt.getTime() > now + rules.clockSkewMinutes * 60_000) errors.push(userError(UserErrorCode.VALIDATION, 'A follow-up cannot happen in the future', 'occurredAt'));
  const hasStep = !!input.nextStep?.trim();
  if (hasStep && input.nextStepDueOn == null) errors.push(userError(UserErrorCode.VALIDATION, 'Give the next step a due date', 'nextStepDueOn'));
  if (!hasStep && input.nextStepDueOn != null) errors.push(userError(UserErrorCode.VALIDATION, 'Say what the next step is', 'nextStep'));
  if (!hasStep || input.nextStepDueOn == null) return;
  const due = isoDate(input.nextStepDueOn);
  if (due < businessToday(input.occurredAt, rules.timeZone)) errors.push(userError(UserErrorCode.VALIDATION, 'The next step cannot be due before the follow-up', 'nextStepDueOn'));
  else if (due > businessToday(new Date(now + rules.nextStepMaxDaysAhead * DAY), rules.timeZone)) {
    errors.push(userError(UserErrorCode.VALIDATION, `The next step must be due within ${rules.nextStepMaxDaysAhead} days`, 'nextStepDueOn'));
  }
}

/**
 * Records the follow-up and what it changes, under the opportunity's lock:
 * the newest follow-up completes the open next step before it and moves
 * the opportunity's last_follow_up_at (the stall clock); a back-dated one
 * changes neither, and its own next step is born done by the newer one.
 */
async function insertFollowUp(tx: EntityManager, authorId: string, opportunity: OpportunityEntity, input: LogFollowUpInput): Promise<FollowUpEntity> {
  const newest = opportunity.lastFollowUpAt == null || input.occurredAt.getTime() >= new Date(opportunity.lastFollowUpAt).getTime();
  const nextStep = input.nextStep?.trim() || null;
  let doneBy: string | null = null;
  if (!newest && nextStep) {
    [{ id: doneBy }] = await tx.query(`SELECT id FROM follow_up WHERE opportunity_id = $1 ORDER BY occurred_at DESC, created_at DESC LIMIT 1`, [opportunity.id]);
  }
  const repo = tx.getRepository(FollowUpEntity);
  const followUp = await repo.save(
    repo.create({
      opportunityId: opportunity.id,
      kind: input.kind,
      occurredAt: input.occurredAt,
      note: input.note.trim(),
      nextStep,
      nextStepDueOn: nextStep ? isoDate(input.nextStepDueOn!) : null,
      nextStepDoneById: doneBy,
      authorId,
    }),
  );
  if (newest) {
    await tx.query(`UPDATE follow_up SET next_step_done_by_id = $2 WHERE opportunity_id = $1 AND id <> $2 AND next_step_due_on IS NOT NULL AND next_step_done_by_id IS NULL`, [
      opportunity.id,
      followUp.id,
    ]);
    // Not a change of the opportunity itself: no new version (nobody's expectedVersion goes stale) and no history entry.
    await tx.query(`UPDATE opportunity SET last_follow_up_at = $2 WHERE id = $1`, [opportunity.id, input.occurredAt]);
  }
  return followUp;
}

export const followUps = {
  /** 跟进: one follow-up, in one transaction with what it changes (insertFollowUp). */
  async logFollowUp(ctx: Context, input: LogFollowUpInput): Promise<Result<{ followUp: FollowUpEntity; opportunity: OpportunityEntity }>> {
    if (!opportunityPolicy.mayReadFollowThrough(ctx.viewer)) throw forbidden('Partners do not log follow-ups');
    const errors = await validateInput(input);
    checkDates(input, errors);
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const locked = await lockReadable(tx, ctx, uuidOf(input.opportunityId, 'Opportunity'), 'opportunityId');
      if (!locked.ok) return locked;
      const opportunity = locked.value;
      if (!FOLLOW_UP_STAGES.includes(opportunity.stage)) {
        return fail(UserErrorCode.INVALID_TRANSITION, `Opportunity ${opportunity.code} is ${opportunity.stage}: follow-ups are logged while it is ${FOLLOW_UP_STAGES.join(', ')}`, 'opportunityId');
      }
      const customer = await customerFacts.of(tx, opportunity.customerId);
      if (!opportunityPolicy.mayLogFollowUp(ctx.viewer, opportunity, customer.regionPath)) {
        throw forbidden('Only the owner, the followers, the support manager who accepted it and leaders over the customer log follow-ups');
      }
      if (input.occurredAt.getTime() < new Date(opportunity.registeredAt).getTime()) {
        return fail(UserErrorCode.VALIDATION, `A follow-up cannot precede the opportunity’s registration (${new Date(opportunity.registeredAt).toISOString()})`, 'occurredAt');
      }
      const followUp = await insertFollowUp(tx, ctx.viewer.staffId, opportunity, input);
      return ok({ followUp, opportunity: await tx.getRepository(OpportunityEntity).findOneByOrFail({ id: opportunity.id }) });
    });
  },

  /** Each opportunity's follow-ups, newest first, a page per opportunity in one statement; nothing for partners. */
  async followUpPages(ctx: Context, opportunityIds: readonly string[], args: PageArgs, count: (id: string) => Promise<number>): Promise<Map<string, Page<FollowUpEntity>>> {
    if (!opportunityPolicy.mayReadFollowThrough(ctx.viewer)) {
      return new Map(opportunityIds.map((id) => [id, { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, count: async () => 0 }]));
    }
    const pages = await paginateEach(ctx.db, {
      entity: FollowUpEntity,
      query: ctx.db.createQueryBuilder().from(FollowUpEntity, 'f'),
      alias: 'f',
      partitionExpression: 'f.opportunity_id',
      parentIds: opportunityIds,
      sort: { expression: 'f.occurred_at', type: 'timestamptz' },
      direction: 'DESC',
      args,
      count,
    });
    for (const page of pages.values()) for (const edge of page.edges) edge.node.nextStepDueOn = dateColumn(edge.node.nextStepDueOn);
    return pages;
  },

  async followUpCounts(ctx: Context, opportunityIds: readonly string[]): Promise<number[]> {
    if (!opportunityPolicy.mayReadFollowThrough(ctx.viewer)) return opportunityIds.map(() => 0);
    const rows: { id: string; n: number }[] = await ctx.db
      .createQueryBuilder()
      .from(FollowUpEntity, 'f')
      .select('f.opportunity_id', 'id')
      .addSelect('count(*)::int', 'n')
      .where('f.opportunity_id IN (:...ids)', { ids: [...opportunityIds] })
      .groupBy('f.opportunity_id')
      .getRawMany();
    const counts = new Map(rows.map((row) => [row.id, row.n]));
    return opportunityIds.map((id) => counts.get(id) ?? 0);
  },

  /** Follow-ups by uuid (node), visible when their opportunity is, never to partners. */
  async followUpsByIds(ctx: Context, ids: readonly string[]): Promise<(FollowUpEntity | null)[]> {
    const scope = opportunityPolicy.readFollowThrough('o', ctx.viewer);
    const rows = await ctx.db
      .getRepository(FollowUpEntity)
      .createQueryBuilder('f')
      .innerJoin(OpportunityEntity, 'o', 'o.id = f.opportunity_id')
      .where('f.id IN (:...ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .getMany();
    return byIds(rows, ids);
  },
};

/** `YYYY-MM-DD` of a date column read as raw SQL (paginateEach), which the driver may give as a Date at local midnight. */
function dateColumn(value: unknown): string | null {
  if (value == null) return null;
  if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
}
