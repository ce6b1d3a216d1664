import { Context, inTransaction } from '../../platform/context';
import { businessRules } from '../rules/business-rules';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { skipPendingSteps, startRoute } from './approvals.service';
import { contracts } from './contracts';
import { checkAmount, checkNewOpportunity, isoDate, today } from './input-checks';
import { LifecycleAction } from './lifecycle';
import { activeRegistrations, lockCustomerRegistrations, newOpportunity, nextCode } from './new-opportunity';
import { CloseOutcome, EvaluationDecision, OpportunitySource, OpportunityStage } from './opportunity.enums';
import { OpportunityEntity } from './opportunity.entity';
import { opportunityPolicy } from './opportunity.policy';
import { customerFacts } from '../customers/customer.sql';
import { actsAs, checkTransition, lockAtVersion, move, record } from './opportunity.transitions';
import { CancelOpportunityInput, CloseOpportunityInput, CreateOpportunityInput, EvaluateOpportunityInput, OpportunityActionInput, UpdateOpportunityInput } from './opportunity.inputs';

/*
 * The staff's moves through the lifecycle (DOMAIN.md: Lifecycle): create, edit
 * a DRAFT, submit, recall, evaluate, start, close and cancel. The table of who
 * may move from which stage is lifecycle.ts; applying it is
 * opportunity.transitions.ts; the approval steps are approvals.service.ts.
 */
export const lifecycleMoves = {
  async create(ctx: Context, input: CreateOpportunityInput): Promise<Result<OpportunityEntity>> {
    if (!opportunityPolicy.mayCreate(ctx.viewer)) throw forbidden('Only account, industry and grid managers and leaders create opportunities');
    const errors = await validateInput(input);
    checkNewOpportunity(input, errors);
    const customerId = uuidOf(input.customerId, 'GroupCustomer');
    return inTransaction(ctx, async (tx) => {
      const known = customerId ? await customerFacts.check(tx, customerId, { mayOpen: (alias) => opportunityPolicy.customerForCreate(alias, ctx.viewer) }) : null;
      if (!known?.mayOpen) errors.push(userError(UserErrorCode.VALIDATION, 'Unknown customer', 'customerId'));
      if (errors.length) return failMany(errors);
      await lockCustomerRegistrations(tx, customerId!);
      const repo = tx.getRepository(OpportunityEntity);
      const saved = await repo.save(
        repo.create({
          code: await nextCode(tx),
          ...newOpportunity(ctx, input, OpportunityStage.DRAFT, await businessRules.inForce(tx)),
          customerId: customerId!,
          source: opportunityPolicy.isLeaderAssigning(ctx.viewer) ? OpportunitySource.LEADER_ASSIGNED : OpportunitySource.ACCOUNT_MANAGER,
          partnerId: null,
        }),
      );
      await record(tx, ctx, saved.id, { action: 'CREATE', fromStage: null, toStage: OpportunityStage.DRAFT });
      return ok(saved);
    });
  },

  /** Edits while in DRAFT, by the reporter or owner; every edit is in the history. */
  async update(ctx: Context, input: UpdateOpportunityInput): Promise<Result<OpportunityEntity>> {
    const errors = await validateInput(input);
    checkAmount(input.estimatedAmount, 'estimatedAmount', errors);
    if (input.expectedCloseDate && isoDate(input.expectedCloseDate) < today()) errors.push(userError(UserErrorCode.VALIDATION, 'The expected close date cannot be in the past', 'expectedCloseDate'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const locked = await lockAtVersion(tx, ctx, input);
      if (!locked.ok) return locked;
      const opportunity = locked.value;
      if (opportunity.stage !== OpportunityStage.DRAFT) {
        return fail(UserErrorCode.INVALID_TRANSITION, `Opportunity ${opportunity.code} is ${opportunity.stage}: only a DRAFT can be edited; recall it first`);
      }
      const customer = await customerFacts.of(tx, opportunity.customerId);
      if (!actsAs(ctx, 'REPORTER', opportunity, customer) && !actsAs(ctx, 'OWNER', opportunity, customer)) throw forbidden('Only the reporter or owner may edit this opportunity');
      const added = (input.products ?? []).filter((line) => !opportunity.products.includes(line));
      if (opportunity.source === OpportunitySource.PARTNER && added.length) {
        // DOMAIN.md 撞单: a line a partner adds is registered now, so it is refused while any other registration protects it.
        await lockCustomerRegistrations(tx, opportunity.customerId);
        const [protecting] = await activeRegistrations(tx, opportunity.customerId, added, opportunity.id);
        if (protecting) return fail(UserErrorCode.DUPLICATE_OPPORTUNITY, `撞单: ${protecting.code} already registers this customer and product line inside its protection window`, 'products');
      }
      const set: Partial<OpportunityEntity> = {};
      if (input.title != null) set.title = input.title.trim();
      if (input.products != null) set.products = input.products;
      if (input.estimatedAmount != null) set.estimatedAmount = input.estimatedAmount;
      if (input.expectedCloseDate != null) set.expectedCloseDate = isoDate(input.expectedCloseDate);
      if (input.description != null) set.description = input.description.trim() || null;
      const changed = Object.keys(set);
      if (changed.length === 0) return ok(opportunity);
      return move(tx, ctx, opportunity, 'UPDATE', opportunity.stage, { set, comment: `Changed ${changed.join(', ')}` });
    });
  },

  /** submit, recall, start, close, cancel: the moves that only need the table, the actor and the version. */
  async act(ctx: Context, input: OpportunityActionInput, action: LifecycleAction, extra: { set?: Partial<OpportunityEntity>; comment?: string | null } = {}): Promise<Result<OpportunityEntity>> {
    const errors = await validateInput(input);
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const locked = await lockAtVersion(tx, ctx, input);
      if (!locked.ok) return locked;
      const opportunity = locked.value;
      const customer = await customerFacts.of(tx, opportunity.customerId);
      const to = checkTransition(ctx, opportunity, action, customer);
      if (!to.ok) return to;
      if (action === LifecycleAction.RECALL && opportunity.stage === OpportunityStage.PENDING_APPROVAL) {
        // DOMAIN.md: recall only while no decision has been taken in the current route.
        const [{ decided }] = await tx.query(
          `SELECT EXISTS (SELECT 1 FROM approval_step s WHERE s.opportunity_id = $1 AND s.round = (SELECT max(round) FROM approval_step WHERE opportunity_id = $1) AND s.state <> 'PENDING') AS decided`,
          [opportunity.id],
        );
        if (decided) return fail(UserErrorCode.INVALID_TRANSITION, `Opportunity ${opportunity.code} is PENDING_APPROVAL and a step has been decided: it can no longer be recalled`);
      }
      if (action === LifecycleAction.SUBMIT && opportunity.source === OpportunitySource.PARTNER) {
        // 撞单 holds on resubmission too: a returned partner report edited onto a line someone registered earlier is refused.
        const earlier = (await activeRegistrations(tx, opportunity.customerId, opportunity.products, opportunity.id)).find((o) => o.registeredAt < opportunity.registeredAt);
        if (earlier) {
          return fail(UserErrorCode.DUPLICATE_OPPORTUNITY, `Opportunity ${earlier.code} already registered this customer and product line on ${earlier.registeredAt.toISOString().slice(0, 10)}`, 'id');
        }
      }
      if (action === LifecycleAction.RECALL || action === LifecycleAction.CANCEL) await skipPendingSteps(tx, opportunity.id);
      return move(tx, ctx, opportunity, action, to.value, { set: extra.set, comment: extra.comment ?? input.comment });
    });
  },

  submit: (ctx: Context, input: OpportunityActionInput) => lifecycleMoves.act(ctx, input, LifecycleAction.SUBMIT),
  recall: (ctx: Context, input: OpportunityActionInput) => lifecycleMoves.act(ctx, input, LifecycleAction.RECALL),
  start: (ctx: Context, input: OpportunityActionInput) => lifecycleMoves.act(ctx, input, LifecycleAction.START),

  close(ctx: Context, input: CloseOpportunityInput) {
    // DOMAIN.md: winning means a signed contract — contracts.ts wins with it (and opens the partner commissions).
    if (input.outcome === CloseOutcome.WON) return contracts.win(ctx, input);
    if (input.contract) return Promise.resolve(fail<OpportunityEntity>(UserErrorCode.VALIDATION, 'A lost opportunity has no contract', 'contract'));
    return lifecycleMoves.act(ctx, input, LifecycleAction.CLOSE_LOST, {
      set: { closedAt: new Date(), closeReason: input.reason?.trim() },
      comment: input.reason,
    });
  },

  cancel(ctx: Context, input: CancelOpportunityInput) {
    return lifecycleMoves.act(ctx, input, LifecycleAction.CANCEL, { set: { closedAt: new Date(), closeReason: input.reason?.trim() }, comment: input.reason });
  },

  /** 初步评估: ACCEPT builds the approval route and opens its first step; RETURN sends it back to DRAFT. */
  async evaluate(ctx: Context, input: EvaluateOpportunityInput): Promise<Result<OpportunityEntity>> {
    const errors = await validateInput(input);
    if (input.decision === EvaluationDecision.RETURN && !input.comment?.trim()) errors.push(userError(UserErrorCode.VALIDATION, 'Say why you return it', 'comment'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const locked = await lockAtVersion(tx, ctx, input);
      if (!locked.ok) return locked;
      const opportunity = locked.value;
      const action = input.decision === EvaluationDecision.ACCEPT ? LifecycleAction.ACCEPT_EVALUATION : LifecycleAction.RETURN_EVALUATION;
      const customer = await customerFacts.of(tx, opportunity.customerId);
      const to = checkTransition(ctx, opportunity, action, customer);
      if (!to.ok) return to;
      if (action === LifecycleAction.ACCEPT_EVALUATION) {
        const { route, ruleVersion } = await startRoute(tx, opportunity, customer);
        return move(tx, ctx, opportunity, action, to.value, { comment: input.comment, set: { supportManagerId: ctx.viewer.staffId, approvalRoute: route, routeRuleVersion: ruleVersion } });
      }
      return move(tx, ctx, opportunity, action, to.value, { comment: input.comment, set: { supportManagerId: ctx.viewer.staffId } });
    });
  },
};
