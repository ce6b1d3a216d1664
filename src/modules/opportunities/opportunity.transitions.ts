import { EntityManager } from 'typeorm';
import { isAdmin, isPartner } from '../../platform/auth/viewer';
import type { Context } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { publish } from '../../platform/live/events';
import { fail, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import type { CustomerFacts } from '../customers/customer.sql';
import { opportunityEvent } from './live-events';
import { Actor, invalidTransitionMessage, LifecycleAction, transitionFor } from './lifecycle';
import { OpportunityStage } from './opportunity.enums';
import { OpportunityEventEntity } from './opportunity-event.entity';
import { OpportunityEntity } from './opportunity.entity';
import { opportunityPolicy } from './opportunity.policy';

/*
 * How every change to an opportunity is made, whatever the concern (lifecycle
 * moves, approvals, incentives): lock it in the viewer's scope, check the
 * version the client read, check the move against the lifecycle table
 * (lifecycle.ts) and who may act, then update it conditionally on the version
 * together with its history entry. Vendure's order state machine helper,
 * in the small.
 */

export async function record(
  tx: EntityManager,
  ctx: Context,
  opportunityId: string,
  entry: { action: string; fromStage: OpportunityStage | null; toStage: OpportunityStage | null; comment?: string | null; onBehalfOfId?: string | null },
) {
  await tx.getRepository(OpportunityEventEntity).insert({
    opportunityId,
    action: entry.action,
    fromStage: entry.fromStage,
    toStage: entry.toStage,
    comment: entry.comment?.trim() || null,
    actorId: ctx.viewer.staffId,
    onBehalfOfId: entry.onBehalfOfId ?? null,
    byPartner: isPartner(ctx.viewer),
  });
  // Every change to an opportunity has a history entry: subscribers to it hear of each one (opportunityChanged).
  await publish(tx, opportunityEvent(opportunityId, entry.action));
}

/**
 * Locks an opportunity the viewer may read (SELECT … FOR UPDATE), so every
 * action on it queues behind the one before; out of scope is NOT_FOUND.
 */
export async function lockReadable(tx: EntityManager, ctx: Context, opportunityId: string | null, field: string): Promise<Result<OpportunityEntity>> {
  if (!opportunityId) return fail(UserErrorCode.NOT_FOUND, 'Opportunity not found', field);
  const query = tx.getRepository(OpportunityEntity).createQueryBuilder('o').where('o.id = :opportunityId', { opportunityId });
  const row = await opportunityPolicy.applyRead(query, 'o', ctx.viewer).setLock('pessimistic_write').getOne();
  return row ? ok(row) : fail(UserErrorCode.NOT_FOUND, 'Opportunity not found', field);
}

export function checkVersion(opportunity: OpportunityEntity, expectedVersion: number | null | undefined): Result<true> {
  if (expectedVersion != null && expectedVersion !== opportunity.version) {
    return fail(UserErrorCode.VERSION_CONFLICT, `Opportunity ${opportunity.code} changed since you read it (version ${expectedVersion}, now ${opportunity.version})`, 'expectedVersion');
  }
  return ok(true);
}

/** The opportunity an action names (`input.id`), locked, at the version the client read: the preamble of every action on one. */
export async function lockAtVersion(tx: EntityManager, ctx: Context, input: { id: string; expectedVersion?: number | null }): Promise<Result<OpportunityEntity>> {
  const locked = await lockReadable(tx, ctx, uuidOf(input.id, 'Opportunity'), 'id');
  if (!locked.ok) return locked;
  const version = checkVersion(locked.value, input.expectedVersion);
  return version.ok ? locked : version;
}

export function actsAs(ctx: Context, actor: Actor, opportunity: OpportunityEntity, customer: CustomerFacts): boolean {
  const viewer = ctx.viewer;
  if (isAdmin(viewer)) return actor !== 'APPROVER';
  switch (actor) {
    case 'REPORTER':
      return opportunity.reporterId === viewer.staffId || (opportunity.partnerId != null && opportunity.partnerId === viewer.partnerId);
    case 'OWNER':
      return opportunity.ownerId === viewer.staffId;
    case 'SUPPORT_MANAGER':
      return opportunityPolicy.isSupportManagerOver(viewer, customer.regionPath);
    case 'LEADER':
      return opportunityPolicy.isLeaderOver(viewer, customer.regionPath);
    case 'APPROVER':
      return false;
  }
}

/**
 * Checks an action against the lifecycle table: INVALID_TRANSITION naming
 * the stage and the allowed actions when the table has no such move,
 * FORBIDDEN when it has one but the viewer is not among who may act.
 */
export function checkTransition(ctx: Context, opportunity: OpportunityEntity, action: LifecycleAction, customer: CustomerFacts | null): Result<OpportunityStage> {
  const transition = transitionFor(opportunity.stage, action);
  if (!transition) return fail(UserErrorCode.INVALID_TRANSITION, invalidTransitionMessage(opportunity.code, opportunity.stage, action));
  if (customer && !transition.who.some((actor) => actsAs(ctx, actor, opportunity, customer))) {
    throw forbidden(`Only the ${transition.who.join(' or ').toLowerCase().replace(/_/g, ' ')} may ${action.toLowerCase().replace(/_/g, ' ')} this opportunity`);
  }
  return ok(transition.to);
}

/**
 * Moves the opportunity to `to` with its history entry, conditional on the
 * version read under the lock: a lost update is impossible, and there is
 * never a stage change without its history entry.
 */
export async function move(
  tx: EntityManager,
  ctx: Context,
  opportunity: OpportunityEntity,
  action: LifecycleAction | string,
  to: OpportunityStage,
  entry: { comment?: string | null; onBehalfOfId?: string | null; set?: Partial<OpportunityEntity> } = {},
): Promise<Result<OpportunityEntity>> {
  const result = await tx
    .createQueryBuilder()
    .update(OpportunityEntity)
    .set({ ...(entry.set ?? {}), stage: to, version: () => 'version + 1' })
    .where('id = :id AND version = :version', { id: opportunity.id, version: opportunity.version })
    .execute();
  if (result.affected !== 1) return fail(UserErrorCode.VERSION_CONFLICT, `Opportunity ${opportunity.code} changed while you were saving`, 'expectedVersion');
  await record(tx, ctx, opportunity.id, { action, fromStage: opportunity.stage, toStage: to, comment: entry.comment, onBehalfOfId: entry.onBehalfOfId });
  return ok(await tx.getRepository(OpportunityEntity).findOneByOrFail({ id: opportunity.id }));
}
