import { EntityManager } from 'typeorm';
import { LEADER_ROLES, Role } from '../../platform/auth/viewer';
import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { publish } from '../../platform/live/events';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { organisationService } from '../organisation/organisation.service';
import { ApprovalDelegationEntity } from './approval-delegation.entity';
import { approvalRoute, RouteStep } from './approval-routing';
import { ApprovalStepEntity } from './approval-step.entity';
import { LifecycleAction } from './lifecycle';
import { approvalEvent, ApprovalQueueChange } from './live-events';
import { ApprovalDecision, ApprovalState } from './opportunity.enums';
import { OpportunityEntity } from './opportunity.entity';
import { opportunityPolicy } from './opportunity.policy';
import { CustomerFacts, customerFacts } from '../customers/customer.sql';
import { checkTransition, lockReadable, checkVersion, move } from './opportunity.transitions';
import { DecideApprovalInput, DelegateApprovalsInput } from './opportunity.inputs';
import { assignment } from './ownership';
import { businessRules, RuleSetVersion } from '../rules/business-rules';

/*
 * 审批 and 代理审批: the approval steps of an opportunity's route. Which
 * leaders a route asks is approval-routing.ts; who may decide a step is
 * opportunityPolicy.decidable; whom the last approval may make owner is
 * ownership.ts.
 */

/** Ends every still-pending step of the opportunity (a recall or cancel before a decision); they leave their approvers' queues. */
export async function skipPendingSteps(tx: EntityManager, opportunityId: string) {
  const [rows] = await tx.query(`UPDATE approval_step SET state = 'SKIPPED' WHERE opportunity_id = $1 AND state = 'PENDING' RETURNING id`, [opportunityId]);
  await publish(tx, ...(rows as { id: string }[]).map((row) => approvalEvent(ApprovalQueueChange.WITHDRAWN, row.id)));
}

/** Opens a step, due after the step due hours of the rules in force now, and records their version; it enters its approver's queue. */
async function openStep(tx: EntityManager, opportunityId: string, round: number, sequence: number, step: { approverRole: Role; regionId: string }, rules: RuleSetVersion) {
  const [{ id }] = await tx.query(
    `INSERT INTO approval_step (opportunity_id, round, sequence, approver_role, region_id, state, due_at, rule_version)
     VALUES ($1, $2, $3, $4, $5, 'PENDING', now() + make_interval(hours => $6), $7) RETURNING id`,
    [opportunityId, round, sequence, step.approverRole, step.regionId, rules.rules.opportunity.stepDueHours, rules.version],
  );
  await publish(tx, approvalEvent(ApprovalQueueChange.OPENED, id));
}

/** Fixes the route at acceptance (approval-routing.ts) by the rules in force, and opens its first step in a new round. */
export async function startRoute(tx: EntityManager, opportunity: OpportunityEntity, customer: CustomerFacts): Promise<{ route: RouteStep[]; ruleVersion: number }> {
  const rules = await businessRules.inForce(tx);
  const route = approvalRoute(customer.managementLevel, customer.regionPath, opportunity.estimatedAmount, rules.rules.opportunity);
  const [{ round }] = await tx.query(`SELECT coalesce(max(round), 0) + 1 AS round FROM approval_step WHERE opportunity_id = $1`, [opportunity.id]);
  await openStep(tx, opportunity.id, round, 1, route[0], rules);
  return { route, ruleVersion: rules.version };
}

export const approvals = {
  /**
   * 审批: the step's leader or their delegate decides. APPROVE opens the next
   * step of the route, or on the last one approves the opportunity and
   * assigns owner, followers and support resources; RETURN and REJECT end
   * the route. The step and the opportunity change together or not at all.
   */
  async decide(ctx: Context, input: DecideApprovalInput): Promise<Result<{ step: ApprovalStepEntity; opportunity: OpportunityEntity }>> {
    const errors = await validateInput(input);
    if (input.decision !== ApprovalDecision.APPROVE && !input.comment?.trim()) errors.push(userError(UserErrorCode.VALIDATION, 'Say why you return or reject it', 'comment'));
    if (errors.length) return failMany(errors);
    const stepId = uuidOf(input.stepId, 'ApprovalStep');
    return inTransaction(ctx, async (tx) => {
      const stepRepo = tx.getRepository(ApprovalStepEntity);
      const found = stepId ? await stepRepo.findOneBy({ id: stepId }) : null;
      const locked = await lockReadable(tx, ctx, found?.opportunityId ?? null, 'stepId');
      if (!locked.ok) return fail(UserErrorCode.NOT_FOUND, 'Approval step not found', 'stepId');
      const opportunity = locked.value;
      const version = checkVersion(opportunity, input.expectedVersion);
      if (!version.ok) return version;
      // Re-read under the opportunity's lock: a concurrent decision has committed by now.
      const step = await stepRepo.findOneByOrFail({ id: stepId! });
      // The route fixed at acceptance: a customer moved to another management level meanwhile does not reroute it.
      const route = (opportunity.approvalRoute ?? []) as RouteStep[];
      const action =
        input.decision === ApprovalDecision.RETURN
          ? LifecycleAction.RETURN_STEP
          : input.decision === ApprovalDecision.REJECT
            ? LifecycleAction.REJECT_STEP
            : step.sequence >= route.length
              ? LifecycleAction.APPROVE_LAST_STEP
              : LifecycleAction.APPROVE_STEP;
      const to = checkTransition(ctx, opportunity, action, null);
      if (!to.ok) return to;
      if (step.state !== ApprovalState.PENDING) {
        return fail(UserErrorCode.INVALID_TRANSITION, `Step ${step.sequence} of ${opportunity.code} is already ${step.state}; the opportunity is ${opportunity.stage}`, 'stepId');
      }
      const decidable = opportunityPolicy.decidable('s', ctx.viewer);
      const mayDecide = await stepRepo.createQueryBuilder('s').where('s.id = :stepId', { stepId }).andWhere(decidable.sql, decidable.params).getExists();
      if (!mayDecide) throw forbidden('Only the step’s approver or their delegate may decide it');
      let onBehalfOfId: string | null = null;
      if (!opportunityPolicy.decidesOwnStep(ctx.viewer, step)) {
        const [delegation] = await tx.query(...opportunityPolicy.delegatorQuery(ctx.viewer, step));
        onBehalfOfId = delegation.from_id;
      }
      const set: Partial<OpportunityEntity> = {};
      if (action === LifecycleAction.APPROVE_LAST_STEP) {
        const assigned = await assignment(tx, input, await customerFacts.of(tx, opportunity.customerId), opportunity);
        if (!assigned.ok) return assigned;
        // DOMAIN.md: Follow-through — the stall clock starts when it is approved.
        Object.assign(set, assigned.value, { approvedAt: new Date() });
      }
      if (action === LifecycleAction.REJECT_STEP) set.closedAt = new Date();
      const decision: Record<ApprovalDecision, ApprovalState> = {
        APPROVE: ApprovalState.APPROVED,
        RETURN: ApprovalState.RETURNED,
        REJECT: ApprovalState.REJECTED,
      };
      await stepRepo.update({ id: step.id }, { state: decision[input.decision], decidedById: ctx.viewer.staffId, onBehalfOfId, decidedAt: new Date(), comment: input.comment?.trim() || null });
      await publish(tx, approvalEvent(ApprovalQueueChange.DECIDED, step.id));
      if (action === LifecycleAction.APPROVE_STEP) await openStep(tx, opportunity.id, step.round, step.sequence + 1, route[step.sequence], await businessRules.inForce(tx));
      const moved = await move(tx, ctx, opportunity, action, to.value, { comment: input.comment, onBehalfOfId, set });
      if (!moved.ok) return moved;
      return ok({ step: await stepRepo.findOneByOrFail({ id: step.id }), opportunity: moved.value });
    });
  },

  /** 代理审批: a leader hands their approvals to another leader for a period. */
  async delegate(ctx: Context, input: DelegateApprovalsInput): Promise<Result<ApprovalDelegationEntity>> {
    if (!LEADER_ROLES.some((role) => ctx.viewer.roles.has(role))) throw forbidden('Only leaders delegate approvals');
    const errors: UserErrorValue[] = [];
    const delegateId = uuidOf(input.delegateId, 'Staff');
    const [delegate] = delegateId ? await organisationService.staffByIds(ctx, [delegateId]) : [null];
    if (!delegate || !delegate.active || !delegate.roles.some((role) => LEADER_ROLES.includes(role)))
      errors.push(userError(UserErrorCode.VALIDATION, 'The delegate must be an active leader', 'delegateId'));
    else if (delegate.id === ctx.viewer.staffId) errors.push(userError(UserErrorCode.VALIDATION, 'You cannot delegate to yourself', 'delegateId'));
    if (input.until.getTime() <= input.from.getTime()) errors.push(userError(UserErrorCode.VALIDATION, '`until` must be after `from`', 'until'));
    else if (input.until.getTime() <= Date.now()) errors.push(userError(UserErrorCode.VALIDATION, '`until` must be in the future', 'until'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const repo = tx.getRepository(ApprovalDelegationEntity);
      const saved = await repo.save(repo.create({ fromId: ctx.viewer.staffId, toId: delegate!.id, validFrom: input.from, validUntil: input.until }));
      await publish(tx, approvalEvent(ApprovalQueueChange.DELEGATED, saved.id));
      return ok(saved);
    });
  },
};
