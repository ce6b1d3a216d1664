import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import type { Context } from '../../platform/context';
import { mapPage } from '../../platform/graphql/connection';
import { badInput } from '../../platform/graphql/errors';
import type { NodeTypes } from '../../platform/graphql/node';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { toPayload } from '../../platform/graphql/user-error';
import { HeavyReport } from '../../platform/report-slots';
import { customerLoaders } from '../customers/customer.loaders';
import { GroupCustomer } from '../customers/customer.types';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Partner, Region, Staff } from '../organisation/organisation.types';
import { ApprovalState } from './opportunity.enums';
import { opportunityLoaders } from './opportunity.loaders';
import { opportunityPolicy } from './opportunity.policy';
import { opportunityService } from './opportunity.service';
import { OpportunityFilter, OpportunityOrder, PipelineFilter } from './opportunity.filters';
import {
  CancelOpportunityInput,
  CloseOpportunityInput,
  CreateOpportunityInput,
  DecideApprovalInput,
  DelegateApprovalsInput,
  EvaluateOpportunityInput,
  OpportunityActionInput,
  ReportOpportunityInput,
  UpdateOpportunityInput,
} from './opportunity.inputs';
import {
  ApprovalDelegation,
  ApprovalStep,
  ApprovalStepConnection,
  CreateOpportunityPayload,
  CustomerSummary,
  DecideApprovalPayload,
  DelegateApprovalsPayload,
  Opportunity,
  OpportunityConnection,
  OpportunityEvent,
  OpportunityEventConnection,
  OpportunityPayload,
  PipelineReport,
  ReportOpportunityPayload,
  UpdateOpportunityPayload,
} from './opportunity.types';

export const opportunityNodeTypes: NodeTypes = {
  Opportunity: opportunityLoaders.opportunity,
  ApprovalStep: opportunityLoaders.step,
  OpportunityEvent: opportunityLoaders.event,
  ApprovalDelegation: opportunityLoaders.delegation,
};

/** Longest renewal-radar window, in days. */
const MAX_EXPIRY_WINDOW_DAYS = 730;

@Resolver(() => Opportunity)
export class OpportunityResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Why it was won, lost or cancelled; not shown to partners (an internal comment).' })
  closeReason(@Root() opportunity: Opportunity, @Ctx() ctx: Context): string | null {
    return opportunityPolicy.redact(ctx.viewer).internalNote(opportunity.storedCloseReason);
  }

  @Query(() => Opportunity, { nullable: true, description: '商机 — one opportunity by id or code; null when unknown or out of your scope.' })
  async opportunity(@Arg('id', () => ID, { nullable: true }) id: string | null, @Arg('code', () => String, { nullable: true }) code: string | null, @Ctx() ctx: Context): Promise<Opportunity | null> {
    if (!id && !code) throw badInput('Pass `id` or `code`');
    const found = await opportunityService.findOne(ctx, { id, code });
    return found ? Opportunity.from(found) : null;
  }

  @Query(() => OpportunityConnection, { description: '商机列表 — opportunities in your scope, filtered and ordered (default: newest first).' })
  async opportunities(
    @Args() page: PageArgsInput,
    @Arg('filter', () => OpportunityFilter, { nullable: true }) filter: OpportunityFilter | null,
    @Arg('orderBy', () => OpportunityOrder, { nullable: true }) orderBy: OpportunityOrder | null,
    @Ctx() ctx: Context,
  ): Promise<OpportunityConnection> {
    return OpportunityConnection.of(mapPage(await opportunityService.list(ctx, filter, orderBy, page), Opportunity.from));
  }

  @UseMiddleware(HeavyReport)
  @Query(() => PipelineReport, { description: '商机漏斗 — the pipeline in your scope: per stage count and amount, win rate, average cycle.' })
  pipeline(@Arg('filter', () => PipelineFilter, { nullable: true }) filter: PipelineFilter | null, @Ctx() ctx: Context): Promise<PipelineReport> {
    return opportunityService.pipeline(ctx, filter);
  }

  @Query(() => OpportunityConnection, {
    description: '续约雷达 — open COMPETITOR opportunities whose rival contract expires within `withinDays`, soonest first.',
  })
  async competitorExpiries(
    @Arg('withinDays', () => Int, { defaultValue: 90, description: 'Window from today, in days (0–730).' }) withinDays: number,
    @Args() page: PageArgsInput,
    @Ctx() ctx: Context,
  ): Promise<OpportunityConnection> {
    if (withinDays < 0 || withinDays > MAX_EXPIRY_WINDOW_DAYS) throw badInput(`withinDays must be between 0 and ${MAX_EXPIRY_WINDOW_DAYS}`);
    return OpportunityConnection.of(mapPage(await opportunityService.competitorExpiries(ctx, withinDays, page), Opportunity.from));
  }

  @Query(() => ApprovalStepConnection, {
    description: '待我审批 — approval steps you may decide (yourself or as a delegate), oldest first; other states list what you decided.',
  })
  async myApprovals(
    @Args() page: PageArgsInput,
    @Arg('state', () => ApprovalState, { defaultValue: ApprovalState.PENDING, description: 'Which steps (default PENDING).' }) state: ApprovalState,
    @Ctx() ctx: Context,
  ): Promise<ApprovalStepConnection> {
    return ApprovalStepConnection.of(mapPage(await opportunityService.myApprovals(ctx, state, page), (s) => ApprovalStep.from(s)));
  }

  @Mutation(() => CreateOpportunityPayload, {
    description: '新建商机 — create an opportunity (DRAFT); account, industry and grid managers, or leaders (LEADER_ASSIGNED).',
  })
  async createOpportunity(@Arg('input') input: CreateOpportunityInput, @Ctx() ctx: Context): Promise<CreateOpportunityPayload> {
    return toPayload(await opportunityService.create(ctx, input), 'opportunity', Opportunity.from);
  }

  @Mutation(() => ReportOpportunityPayload, {
    description: '商机报备 — a partner reports an opportunity (SUBMITTED at once); idempotent per `idempotencyKey`.',
  })
  async reportOpportunity(@Arg('input') input: ReportOpportunityInput, @Ctx() ctx: Context): Promise<ReportOpportunityPayload> {
    return toPayload(await opportunityService.report(ctx, input), 'opportunity', Opportunity.from);
  }

  @Mutation(() => UpdateOpportunityPayload, { description: 'Edit a DRAFT opportunity (reporter or owner).' })
  async updateOpportunity(@Arg('input') input: UpdateOpportunityInput, @Ctx() ctx: Context): Promise<UpdateOpportunityPayload> {
    return toPayload(await opportunityService.update(ctx, input), 'opportunity', Opportunity.from);
  }

  @Mutation(() => OpportunityPayload, { description: '上报 — submit a DRAFT for evaluation (reporter or owner).' })
  async submitOpportunity(@Arg('input') input: OpportunityActionInput, @Ctx() ctx: Context): Promise<OpportunityPayload> {
    return toPayload(await opportunityService.submit(ctx, input), 'opportunity', Opportunity.from);
  }

  @Mutation(() => OpportunityPayload, { description: '撤回 — the reporter takes it back to DRAFT before any decision.' })
  async recallOpportunity(@Arg('input') input: OpportunityActionInput, @Ctx() ctx: Context): Promise<OpportunityPayload> {
    return toPayload(await opportunityService.recall(ctx, input), 'opportunity', Opportunity.from);
  }

  @Mutation(() => OpportunityPayload, { description: '初步评估 — the support manager accepts (approval starts) or returns it.' })
  async evaluateOpportunity(@Arg('input') input: EvaluateOpportunityInput, @Ctx() ctx: Context): Promise<OpportunityPayload> {
    return toPayload(await opportunityService.evaluate(ctx, input), 'opportunity', Opportunity.from);
  }

  @Mutation(() => DecideApprovalPayload, { description: '审批 — approve, return or reject an approval step (its approver or their delegate).' })
  async decideApproval(@Arg('input') input: DecideApprovalInput, @Ctx() ctx: Context): Promise<DecideApprovalPayload> {
    const result = await opportunityService.decide(ctx, input);
    return {
      step: result.ok ? ApprovalStep.from(result.value.step) : null,
      opportunity: result.ok ? Opportunity.from(result.value.opportunity) : null,
      userErrors: result.ok ? [] : result.errors,
    };
  }

  @Mutation(() => DelegateApprovalsPayload, { description: '代理审批 — hand your approvals to another leader for a period.' })
  async delegateApprovals(@Arg('input') input: DelegateApprovalsInput, @Ctx() ctx: Context): Promise<DelegateApprovalsPayload> {
    return toPayload(await opportunityService.delegate(ctx, input), 'delegation', ApprovalDelegation.from);
  }

  @Mutation(() => OpportunityPayload, { description: '开始跟进 — the owner starts follow-up of an APPROVED opportunity.' })
  async startOpportunity(@Arg('input') input: OpportunityActionInput, @Ctx() ctx: Context): Promise<OpportunityPayload> {
    return toPayload(await opportunityService.start(ctx, input), 'opportunity', Opportunity.from);
  }

  @Mutation(() => OpportunityPayload, { description: '关闭 — close as WON 签约 or LOST, with a reason (owner or leader).' })
  async closeOpportunity(@Arg('input') input: CloseOpportunityInput, @Ctx() ctx: Context): Promise<OpportunityPayload> {
    return toPayload(await opportunityService.close(ctx, input), 'opportunity', Opportunity.from);
  }

  @Mutation(() => OpportunityPayload, { description: '取消 — cancel with a reason (reporter before approval; a leader in scope at any time).' })
  async cancelOpportunity(@Arg('input') input: CancelOpportunityInput, @Ctx() ctx: Context): Promise<OpportunityPayload> {
    return toPayload(await opportunityService.cancel(ctx, input), 'opportunity', Opportunity.from);
  }

  @FieldResolver(() => GroupCustomer, {
    nullable: true,
    description: '集团客户 — the customer; null when you may not read customers (partners: see `customerSummary`).',
  })
  customer(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<GroupCustomer | null> {
    return customerLoaders.customer(ctx).load(opportunity.customerUuid);
  }

  @FieldResolver(() => CustomerSummary, { description: 'Code, name and region of the customer: what everyone who may read the opportunity may know.' })
  async customerSummary(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<CustomerSummary> {
    const row = (await opportunityLoaders.customerSummary(ctx).load(opportunity.customerUuid))!;
    return Object.assign(new CustomerSummary(), { code: row.code, name: row.name, regionUuid: row.regionId });
  }

  @FieldResolver(() => Staff, { nullable: true, description: '上报人 — who reported it; null when not visible to you.' })
  reporter(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(opportunity.reporterUuid);
  }

  @FieldResolver(() => Partner, { nullable: true, description: '合作伙伴 — the partner that reported it (PARTNER source).' })
  partner(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<Partner | null> | null {
    return opportunity.partnerUuid ? organisationLoaders.partner(ctx).load(opportunity.partnerUuid) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: '负责人 — owner, assigned by the last approval.' })
  owner(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return opportunity.ownerUuid ? organisationLoaders.staff(ctx).load(opportunity.ownerUuid) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: '支撑经理 — the support manager who evaluated it.' })
  supportManager(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return opportunity.supportManagerUuid ? organisationLoaders.staff(ctx).load(opportunity.supportManagerUuid) : null;
  }

  @FieldResolver(() => [Staff], { description: '跟进人员 — followers assigned by the last approval (those visible to you).' })
  async followers(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<Staff[]> {
    const found = await organisationLoaders.staff(ctx).loadMany(opportunity.followerUuids);
    return found.filter((s): s is Staff => s != null && !(s instanceof Error));
  }

  @FieldResolver(() => [ApprovalStep], { description: '审批环节 — every approval step, by round and sequence.' })
  async approvalSteps(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<ApprovalStep[]> {
    const redact = opportunityPolicy.redact(ctx.viewer);
    return (await opportunityLoaders.steps(ctx).load(opportunity.uuid)).map((s) => redact.step(ApprovalStep.from(s)));
  }

  @FieldResolver(() => ApprovalStep, { nullable: true, description: '当前环节 — the step awaiting a decision, if any.' })
  async currentStep(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<ApprovalStep | null> {
    const step = await opportunityLoaders.currentStep(ctx).load(opportunity.uuid);
    return step ? opportunityPolicy.redact(ctx.viewer).step(ApprovalStep.from(step)) : null;
  }

  @FieldResolver(() => OpportunityEventConnection, {
    description: '商机轨迹 — every transition and edit, oldest first (partners: without our comments and names).',
  })
  async history(@Root() opportunity: Opportunity, @Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<OpportunityEventConnection> {
    const redact = opportunityPolicy.redact(ctx.viewer);
    return OpportunityEventConnection.of(mapPage(await opportunityLoaders.history(ctx, page).load(opportunity.uuid), (e) => redact.event(OpportunityEvent.from(e))));
  }

  @FieldResolver(() => OpportunityEvent, { nullable: true, description: 'The latest history entry.' })
  lastEvent(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<OpportunityEvent | null> {
    return opportunityLoaders.lastEvent(ctx).load(opportunity.uuid);
  }

  @FieldResolver(() => [Opportunity], {
    description: '疑似撞单 — other active registrations in your scope for the same customer and an overlapping product line.',
  })
  possibleDuplicates(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<Opportunity[]> {
    return opportunityLoaders.possibleDuplicates(ctx).load(opportunity.uuid);
  }
}

@Resolver(() => CustomerSummary)
export class CustomerSummaryResolver {
  @FieldResolver(() => Region, { description: 'Region of the customer.' })
  async region(@Root() summary: CustomerSummary, @Ctx() ctx: Context): Promise<Region> {
    return (await organisationLoaders.region(ctx).load(summary.regionUuid))!;
  }
}

@Resolver(() => ApprovalStep)
export class ApprovalStepResolver {
  @FieldResolver(() => Region, { description: 'The county, city or province whose leader decides.' })
  async region(@Root() step: ApprovalStep, @Ctx() ctx: Context): Promise<Region> {
    return (await organisationLoaders.region(ctx).load(step.regionUuid))!;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who decided (the delegate, when one decided).' })
  decidedBy(@Root() step: ApprovalStep, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return step.decidedByUuid ? organisationLoaders.staff(ctx).load(step.decidedByUuid) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: '被代理人 — the leader a delegate decided for.' })
  onBehalfOf(@Root() step: ApprovalStep, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return step.onBehalfOfUuid ? organisationLoaders.staff(ctx).load(step.onBehalfOfUuid) : null;
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The opportunity; null when out of your scope.' })
  opportunity(@Root() step: ApprovalStep, @Ctx() ctx: Context): Promise<Opportunity | null> {
    return opportunityLoaders.opportunity(ctx).load(step.opportunityUuid);
  }
}

@Resolver(() => OpportunityEvent)
export class OpportunityEventResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who acted (the delegate, when one acted); hidden from partners for our staff.' })
  actor(@Root() event: OpportunityEvent, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return event.actorUuid ? organisationLoaders.staff(ctx).load(event.actorUuid) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: '被代理人 — on whose behalf a delegate acted.' })
  onBehalfOf(@Root() event: OpportunityEvent, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return event.onBehalfOfUuid ? organisationLoaders.staff(ctx).load(event.onBehalfOfUuid) : null;
  }
}

@Resolver(() => ApprovalDelegation)
export class ApprovalDelegationResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'The leader who delegated.' })
  from(@Root() delegation: ApprovalDelegation, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(delegation.fromUuid);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'The delegate.' })
  to(@Root() delegation: ApprovalDelegation, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(delegation.toUuid);
  }
}

@Resolver(() => GroupCustomer)
export class CustomerOpportunitiesResolver {
  @FieldResolver(() => OpportunityConnection, { description: '商机 — the customer’s opportunities in your scope, newest first.' })
  async opportunities(@Root() customer: GroupCustomer, @Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<OpportunityConnection> {
    return OpportunityConnection.of(mapPage(await opportunityLoaders.byCustomer(ctx, page).load(customer.uuid), Opportunity.from));
  }
}
