import { EntityManager } from 'typeorm';
import { LEADER_ROLES, Role } from '../../platform/auth/viewer';
import type { Context } from '../../platform/context';
import { fail, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import { CustomerFacts, customerFacts } from '../customers/customer.sql';
import { organisationFacts, StaffFacts } from '../organisation/organisation.sql';
import { HandoverCounts, HandoverParticipant, HandoverSuccessors, nameSome } from '../organisation/staff-handover';
import { ApprovalDelegationEntity } from './approval-delegation.entity';
import { ApprovalStepEntity } from './approval-step.entity';
import { ApprovalState, OpportunityStage } from './opportunity.enums';
import { OpportunityEventEntity } from './opportunity-event.entity';
import { OpportunityEntity } from './opportunity.entity';
import { ownershipProblem } from './ownership';

/** Stages after which nobody owns the work any more: closed opportunities keep their owner as history. */
const FINAL: readonly OpportunityStage[] = [OpportunityStage.WON, OpportunityStage.LOST, OpportunityStage.REJECTED, OpportunityStage.CANCELLED];

/*
 * 离职交接 of opportunities and approvals (DOMAIN.md: People and rules):
 * the leaver's open opportunities (those they own, and internal ones they
 * reported that nobody owns yet) go to `opportunitiesTo`, who must be
 * allowed to own each (ownership.ts); the pending approval steps of the
 * leader's seats, and steps handed to them before, go to `approvalsTo`, a
 * leader over each step's region; delegations in force from or to them move
 * to `approvalsTo` too. Every opportunity touched gets a HANDOVER entry.
 */

async function handOverOpportunities(tx: EntityManager, ctx: Context, leaver: StaffFacts, to: StaffFacts | null): Promise<Result<number>> {
  const owned = await tx
    .getRepository(OpportunityEntity)
    .createQueryBuilder('o')
    .where('o.stage NOT IN (:...final)', { final: FINAL })
    .andWhere('(o.owner_id = :leaver OR (o.owner_id IS NULL AND o.partner_id IS NULL AND o.reporter_id = :leaver))', { leaver: leaver.id })
    .orderBy('o.code')
    .setLock('pessimistic_write')
    .getMany();
  if (owned.length === 0) return ok(0);
  if (!to)
    return fail(UserErrorCode.HANDOVER_REFUSED, `${leaver.name} has ${owned.length} open opportunities (${nameSome(owned.map((o) => o.code))}): name who takes them (opportunitiesTo)`, [
      'handover',
      'opportunitiesTo',
    ]);
  const customers = new Map<string, CustomerFacts>();
  const refused: string[] = [];
  for (const opportunity of owned) {
    if (!customers.has(opportunity.customerId)) customers.set(opportunity.customerId, await customerFacts.of(tx, opportunity.customerId));
    if (ownershipProblem(to, customers.get(opportunity.customerId)!)) refused.push(opportunity.code);
  }
  if (refused.length) {
    return fail(UserErrorCode.HANDOVER_REFUSED, `${to.name} may not own ${refused.length} of ${leaver.name}'s opportunities (${nameSome(refused)}): wrong role or city`, [
      'handover',
      'opportunitiesTo',
    ]);
  }
  const ids = owned.map((o) => o.id);
  await tx
    .createQueryBuilder()
    .update(OpportunityEntity)
    .set({ ownerId: to.id, version: () => 'version + 1' })
    .where('id IN (:...ids)', { ids })
    .execute();
  await tx.getRepository(OpportunityEventEntity).insert(
    owned.map((o) => ({
      opportunityId: o.id,
      action: 'HANDOVER',
      fromStage: o.stage,
      toStage: o.stage,
      actorId: ctx.viewer.staffId,
      byPartner: false,
      comment: `离职交接: ${leaver.name} → ${to.name}`,
    })),
  );
  return ok(owned.length);
}

async function handOverApprovals(tx: EntityManager, ctx: Context, leaver: StaffFacts, to: StaffFacts | null): Promise<Result<{ approvalSteps: number; delegations: number }>> {
  const seats = leaver.roles.filter((role) => LEADER_ROLES.includes(role as Role));
  const steps = await tx
    .getRepository(ApprovalStepEntity)
    .createQueryBuilder('s')
    .where('s.state = :pending', { pending: ApprovalState.PENDING })
    .andWhere(seats.length ? '(s.handed_to_id = :leaver OR (s.region_id = :seatRegion AND s.approver_role::text IN (:...seats)))' : 's.handed_to_id = :leaver', {
      leaver: leaver.id,
      seatRegion: leaver.regionId,
      seats,
    })
    .orderBy('s.created_at')
    .setLock('pessimistic_write')
    .getMany();
  const delegations = await tx
    .getRepository(ApprovalDelegationEntity)
    .createQueryBuilder('d')
    .where('(d.from_id = :leaver OR d.to_id = :leaver) AND d.valid_until > now()', { leaver: leaver.id })
    .setLock('pessimistic_write')
    .getMany();
  if (steps.length === 0 && delegations.length === 0) return ok({ approvalSteps: 0, delegations: 0 });
  if (!to) {
    const what = [steps.length ? `${steps.length} pending approval steps` : null, delegations.length ? `${delegations.length} delegations in force` : null].filter(Boolean).join(' and ');
    return fail(UserErrorCode.HANDOVER_REFUSED, `${leaver.name} has ${what}: name who takes them (approvalsTo)`, ['handover', 'approvalsTo']);
  }
  const stepOpportunities = steps.length ? await tx.getRepository(OpportunityEntity).findBy(steps.map((s) => ({ id: s.opportunityId }))) : [];
  const opportunities = new Map(stepOpportunities.map((o) => [o.id, o]));
  const refused: string[] = [];
  for (const step of steps) {
    const region = await organisationFacts.region(tx, step.regionId);
    if (!region || !region.path.startsWith(to.regionPath)) refused.push(opportunities.get(step.opportunityId)!.code);
  }
  if (refused.length) {
    return fail(UserErrorCode.HANDOVER_REFUSED, `${to.name} is no leader over the approval steps of ${nameSome(refused)}`, ['handover', 'approvalsTo']);
  }
  if (steps.length) {
    await tx.getRepository(ApprovalStepEntity).update(
      steps.map((s) => s.id),
      { handedToId: to.id },
    );
    await tx.getRepository(OpportunityEventEntity).insert(
      steps.map((s) => {
        const o = opportunities.get(s.opportunityId)!;
        return {
          opportunityId: o.id,
          action: 'HANDOVER',
          fromStage: o.stage,
          toStage: o.stage,
          actorId: ctx.viewer.staffId,
          byPartner: false,
          comment: `离职交接: 审批环节 ${s.sequence} ${leaver.name} → ${to.name}`,
        };
      }),
    );
  }
  const repo = tx.getRepository(ApprovalDelegationEntity);
  for (const d of delegations) {
    const [fromId, toId] = [d.fromId === leaver.id ? to.id : d.fromId, d.toId === leaver.id ? to.id : d.toId];
    // A delegation that would join the successor to themselves has nothing left to do.
    if (fromId === toId) await repo.delete({ id: d.id });
    else await repo.update({ id: d.id }, { fromId, toId });
  }
  return ok({ approvalSteps: steps.length, delegations: delegations.length });
}

export const opportunityHandover: HandoverParticipant = {
  async handOver(tx, ctx, leaver, successors: HandoverSuccessors): Promise<Result<Partial<HandoverCounts>>> {
    const opportunities = await handOverOpportunities(tx, ctx, leaver, successors.opportunitiesTo);
    if (!opportunities.ok) return opportunities;
    const approvals = await handOverApprovals(tx, ctx, leaver, successors.approvalsTo);
    if (!approvals.ok) return approvals;
    return ok({ opportunities: opportunities.value, ...approvals.value });
  },
};
