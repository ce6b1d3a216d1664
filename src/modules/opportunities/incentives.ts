import { Context, inTransaction } from '../../platform/context';
import { Page, PageArgs, paginate } from '../../platform/graphql/connection';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { byIds } from '../../platform/sql';
import { ManagementLevel } from '../customers/customer.enums';
import { customerFacts } from '../customers/customer.sql';
import { IncentiveDecision, IncentiveState } from './follow-through.enums';
import { IncentiveEntity } from './incentive.entity';
import { incentiveDecider } from './incentive-routing';
import { DecideIncentiveInput, RequestIncentiveInput } from './incentive.types';
import { checkAmount } from './input-checks';
import { OpportunityStage } from './opportunity.enums';
import { OpportunityEntity } from './opportunity.entity';
import { opportunityPolicy } from './opportunity.policy';
import { lockReadable } from './opportunity.transitions';

/*
 * 激励申报 — incentive applications (DOMAIN.md: Follow-through; seed 002:
 * 对审批通过的商机进行激励申报): a leader over the customer files one for an
 * APPROVED, IN_PROGRESS or WON opportunity; the leader one level up
 * (incentive-routing.ts) approves or rejects it, exactly once however many
 * decide at the same moment. Partner commission 酬金 is not part of it: it
 * follows the contract (commission.ts). Filing and deciding change no
 * opportunity column and write no history entry — partners read the
 * history, and never incentive applications; the application row records
 * who filed and decided, and when.
 */

/** DOMAIN.md: incentives are filed for approved opportunities, in follow-up or won. */
export const INCENTIVE_STAGES: readonly OpportunityStage[] = [OpportunityStage.APPROVED, OpportunityStage.IN_PROGRESS, OpportunityStage.WON];

/** An application may not be approved once its opportunity ended without a win (rejecting it stays possible). */
const ENDED_WITHOUT_WIN: readonly OpportunityStage[] = [OpportunityStage.LOST, OpportunityStage.CANCELLED, OpportunityStage.REJECTED];

export const incentives = {
  /** 激励申报: a PENDING application, its decider fixed now; one live (PENDING or APPROVED) application per opportunity. */
  async requestIncentive(ctx: Context, input: RequestIncentiveInput): Promise<Result<{ incentive: IncentiveEntity; opportunity: OpportunityEntity }>> {
    if (!opportunityPolicy.mayReadFollowThrough(ctx.viewer)) throw forbidden('Partners do not file incentives');
    const errors = await validateInput(input);
    checkAmount(input.amount, 'amount', errors);
    if (/^0*(\.0*)?$/.test(input.amount)) errors.push(userError(UserErrorCode.VALIDATION, 'An incentive must be more than 0', 'amount'));
    if (errors.length) return failMany(errors);
    return inTransaction(
      ctx,
      async (tx) => {
        // Locked like any action on it: a concurrent cancel or close waits, so the stage read here holds at commit.
        const locked = await lockReadable(tx, ctx, uuidOf(input.opportunityId, 'Opportunity'), 'opportunityId');
        if (!locked.ok) return locked;
        const opportunity = locked.value;
        if (!INCENTIVE_STAGES.includes(opportunity.stage)) {
          return fail(UserErrorCode.INVALID_TRANSITION, `Opportunity ${opportunity.code} is ${opportunity.stage}: incentives are filed while it is ${INCENTIVE_STAGES.join(', ')}`, 'opportunityId');
        }
        const customer = await customerFacts.of(tx, opportunity.customerId);
        if (!opportunityPolicy.mayFileIncentive(ctx.viewer, customer.regionPath)) throw forbidden('Only a leader over the customer files incentives');
        const decider = incentiveDecider(ctx.viewer.roles, customer.managementLevel as ManagementLevel, customer.regionPath);
        const repo = tx.getRepository(IncentiveEntity);
        const incentive = await repo.save(
          repo.create({
            opportunityId: opportunity.id,
            requestedById: ctx.viewer.staffId,
            amount: input.amount,
            note: input.note?.trim() || null,
            state: IncentiveState.PENDING,
            deciderRole: decider.role,
            deciderRegionId: decider.regionId,
            decidedById: null,
            decidedAt: null,
            comment: null,
          }),
        );
        return ok({ incentive, opportunity });
      },
      {
        uq_incentive_live: userError(UserErrorCode.ALREADY_EXISTS, 'This opportunity already has an incentive application pending or approved', 'opportunityId'),
      },
    );
  },

  /**
   * The decider approves or rejects a PENDING application. The decision is a
   * conditional update (… AND state = 'PENDING'): of deciders racing, exactly
   * one changes the row; the others find it decided (INVALID_TRANSITION).
   */
  async decideIncentive(ctx: Context, input: DecideIncentiveInput): Promise<Result<IncentiveEntity>> {
    const errors = await validateInput(input);
    if (input.decision === IncentiveDecision.REJECT && !input.comment?.trim()) errors.push(userError(UserErrorCode.VALIDATION, 'Say why you reject it', 'comment'));
    if (errors.length) return failMany(errors);
    const id = uuidOf(input.id, 'Incentive');
    if (!id) return fail(UserErrorCode.NOT_FOUND, 'Incentive application not found', 'id');
    return inTransaction(ctx, async (tx) => {
      const read = opportunityPolicy.readFollowThrough('o', ctx.viewer);
      const decidable = opportunityPolicy.incentiveDecidable('i', ctx.viewer);
      // FOR SHARE of the opportunity only: a concurrent cancel waits for this decision; racing deciders do not block each other here.
      const found = await tx
        .getRepository(IncentiveEntity)
        .createQueryBuilder('i')
        .innerJoin(OpportunityEntity, 'o', 'o.id = i.opportunity_id')
        .addSelect('o.stage', 'opportunity_stage')
        .addSelect(`(${decidable.sql})`, 'may_decide')
        .where('i.id = :incentiveId', { incentiveId: id })
        .andWhere(read.sql, read.params)
        .setParameters(decidable.params)
        .setLock('pessimistic_read', undefined, ['o'])
        .getRawAndEntities<{ opportunity_stage: OpportunityStage; may_decide: boolean }>();
      const incentive = found.entities[0];
      if (!incentive) return fail(UserErrorCode.NOT_FOUND, 'Incentive application not found', 'id');
      const { opportunity_stage: stage, may_decide: mayDecide } = found.raw[0];
      if (incentive.state !== IncentiveState.PENDING) return fail(UserErrorCode.INVALID_TRANSITION, `This incentive application is already ${incentive.state}`, 'id');
      if (!mayDecide) throw forbidden('Only the leader one level up from the filer decides this application');
      if (input.decision === IncentiveDecision.APPROVE && ENDED_WITHOUT_WIN.includes(stage)) {
        return fail(UserErrorCode.INVALID_TRANSITION, `The opportunity is ${stage}: its incentive can only be rejected`, 'decision');
      }
      const state = input.decision === IncentiveDecision.APPROVE ? IncentiveState.APPROVED : IncentiveState.REJECTED;
      const [, affected] = await tx.query(`UPDATE incentive SET state = $2, decided_by_id = $3, decided_at = now(), comment = $4 WHERE id = $1 AND state = 'PENDING'`, [
        id,
        state,
        ctx.viewer.staffId,
        input.comment?.trim() || null,
      ]);
      if (affected !== 1) return fail(UserErrorCode.INVALID_TRANSITION, 'Someone decided this incentive application a moment ago', 'id');
      return ok(await tx.getRepository(IncentiveEntity).findOneByOrFail({ id }));
    });
  },

  /** 激励待审 — applications the viewer may decide, oldest first; other states list those they decided. */
  async incentiveQueue(ctx: Context, state: IncentiveState, args: PageArgs): Promise<Page<IncentiveEntity>> {
    const read = opportunityPolicy.readFollowThrough('o', ctx.viewer);
    const query = ctx.db
      .getRepository(IncentiveEntity)
      .createQueryBuilder('i')
      .innerJoin(OpportunityEntity, 'o', 'o.id = i.opportunity_id')
      .where('i.state = :queueState', { queueState: state })
      .andWhere(read.sql, read.params);
    if (state === IncentiveState.PENDING) {
      const decidable = opportunityPolicy.incentiveDecidable('i', ctx.viewer);
      query.andWhere(decidable.sql, decidable.params);
    } else {
      query.andWhere('i.decided_by_id = :queueDecider', { queueDecider: ctx.viewer.staffId });
    }
    return paginate(query, { args, sort: { expression: 'i.created_at', type: 'timestamptz' }, direction: 'ASC', idExpression: 'i.id', map: (row) => row });
  },

  /** Applications by uuid (node), visible when their opportunity is, never to partners. */
  async incentivesByIds(ctx: Context, ids: readonly string[]): Promise<(IncentiveEntity | null)[]> {
    const read = opportunityPolicy.readFollowThrough('o', ctx.viewer);
    const rows = await ctx.db
      .getRepository(IncentiveEntity)
      .createQueryBuilder('i')
      .innerJoin(OpportunityEntity, 'o', 'o.id = i.opportunity_id')
      .where('i.id IN (:...ids)', { ids: [...ids] })
      .andWhere(read.sql, read.params)
      .getMany();
    return byIds(rows, ids);
  },

  /** The latest application of each opportunity (callers reached the opportunity in scope); none for partners. */
  async latestIncentives(ctx: Context, opportunityIds: readonly string[]): Promise<(IncentiveEntity | null)[]> {
    if (!opportunityPolicy.mayReadFollowThrough(ctx.viewer)) return opportunityIds.map(() => null);
    const rows = await ctx.db
      .getRepository(IncentiveEntity)
      .createQueryBuilder('i')
      .distinctOn(['i.opportunity_id'])
      .where('i.opportunity_id IN (:...ids)', { ids: [...opportunityIds] })
      .orderBy('i.opportunity_id')
      .addOrderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .getMany();
    const map = new Map(rows.map((row) => [row.opportunityId, row]));
    return opportunityIds.map((id) => map.get(id) ?? null);
  },
};
