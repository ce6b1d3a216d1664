import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import type { Context } from '../../platform/context';
import { mapPage } from '../../platform/graphql/connection';
import { badInput, forbidden } from '../../platform/graphql/errors';
import type { NodeTypes } from '../../platform/graphql/node';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { selectsField } from '../../platform/graphql/selection';
import { toPayload } from '../../platform/graphql/user-error';
import { HeavyReport } from '../../platform/report-slots';
import { customerLoaders } from '../customers/customer.loaders';
import { GroupCustomer } from '../customers/customer.types';
import { PeriodInput } from '../opportunities/money.inputs';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Region, Staff } from '../organisation/organisation.types';
import { recordMonthlyRevenue } from './billing-feed';
import { retentionService } from './retention.service';
import { RetentionCaseOrigin, RetentionReportBy } from './retention.enums';
import {
  AcceptRetentionProposalInput,
  AtRiskCustomerFilter,
  CloseRetentionCaseInput,
  LogRetentionActionInput,
  OpenRetentionCaseInput,
  RecordMonthlyRevenueInput,
  RefreshRetentionInput,
  RetentionCaseFilter,
  UpdateSegmentRulesInput,
} from './retention.inputs';
import { retentionLoaders } from './retention.loaders';
import { retentionPolicy } from './retention.policy';
import {
  ChurnRisk,
  ChurnRiskConnection,
  CustomerSegment,
  MonthlyRevenue,
  RecordMonthlyRevenuePayload,
  RefreshRetentionPayload,
  RetentionAction,
  RetentionCase,
  RetentionCaseConnection,
  RetentionCasePayload,
  RetentionReport,
  RetentionReportRow,
  SegmentRuleSet,
  UpdateSegmentRulesPayload,
} from './retention.types';

export const retentionNodeTypes: NodeTypes = { RetentionCase: retentionLoaders.retentionCase };

/** Roles that never read retention get FORBIDDEN at the root, not an empty answer. */
function mustRead(ctx: Context) {
  if (!retentionPolicy.mayRead(ctx.viewer)) throw forbidden('Retention is for the staff who keep customers and their leaders');
}

@Resolver()
export class RetentionResolver {
  @Query(() => ChurnRiskConnection, { description: '流失预警 — customers at risk in your scope, highest risk then highest revenue first (default: MEDIUM and HIGH).' })
  async atRiskCustomers(
    @Args() page: PageArgsInput,
    @Arg('filter', () => AtRiskCustomerFilter, { nullable: true }) filter: AtRiskCustomerFilter | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ChurnRiskConnection> {
    mustRead(ctx);
    return ChurnRiskConnection.of(mapPage(await retentionService.atRisk(ctx, filter, page, selectsField(info, 'totalCount')), ChurnRisk.from));
  }

  @Query(() => ChurnRiskConnection, { description: 'The queue of proposed cases: HIGH risks in your scope with no open retention case, highest revenue first.' })
  async retentionProposals(@Args() page: PageArgsInput, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<ChurnRiskConnection> {
    mustRead(ctx);
    return ChurnRiskConnection.of(mapPage(await retentionService.proposals(ctx, page, selectsField(info, 'totalCount')), ChurnRisk.from));
  }

  @Query(() => RetentionCaseConnection, { description: 'The retention cases you lead or co-lead, newest first.' })
  async myRetentionCases(
    @Args() page: PageArgsInput,
    @Arg('filter', () => RetentionCaseFilter, { nullable: true }) filter: RetentionCaseFilter | null,
    @Ctx() ctx: Context,
  ): Promise<RetentionCaseConnection> {
    mustRead(ctx);
    return RetentionCaseConnection.of(mapPage(await retentionService.cases(ctx, filter, page, true), RetentionCase.from));
  }

  @Query(() => RetentionCaseConnection, { description: 'Retention cases of the customers in your scope, newest first.' })
  async retentionCases(
    @Args() page: PageArgsInput,
    @Arg('filter', () => RetentionCaseFilter, { nullable: true }) filter: RetentionCaseFilter | null,
    @Ctx() ctx: Context,
  ): Promise<RetentionCaseConnection> {
    mustRead(ctx);
    return RetentionCaseConnection.of(mapPage(await retentionService.cases(ctx, filter, page, false), RetentionCase.from));
  }

  @UseMiddleware(HeavyReport)
  @Query(() => RetentionReport, { description: '流失分析 — at risk, cases, outcomes, retention rate and 中高端客户保有率 over a period in your scope (or under `regionId`).' })
  retentionReport(
    @Arg('period', () => PeriodInput) period: PeriodInput,
    @Arg('by', () => RetentionReportBy) by: RetentionReportBy,
    @Arg('regionId', () => ID, { nullable: true }) regionId: string | null,
    @Ctx() ctx: Context,
  ): Promise<RetentionReport> {
    return retentionService.report(ctx, period, by, regionId);
  }

  @Query(() => SegmentRuleSet, { description: '客户细分规则 — the segment rules in force (internal users).' })
  async segmentRules(@Ctx() ctx: Context): Promise<SegmentRuleSet> {
    mustRead(ctx);
    return retentionService.segmentRuleSet(await retentionService.segmentRules(ctx));
  }

  @Mutation(() => RecordMonthlyRevenuePayload, { description: '计费月收入 — record billed months (billing integration, admin): up to 5,000 rows, all or nothing; a month re-sent replaces it.' })
  async recordMonthlyRevenue(@Arg('input') input: RecordMonthlyRevenueInput, @Ctx() ctx: Context): Promise<RecordMonthlyRevenuePayload> {
    return toPayload(await recordMonthlyRevenue(ctx, input), 'batch', (batch) => batch);
  }

  @Mutation(() => RetentionCasePayload, { description: '开启挽回 — open a retention case by hand (the customer’s managers, leaders over it).' })
  async openRetentionCase(@Arg('input') input: OpenRetentionCaseInput, @Ctx() ctx: Context): Promise<RetentionCasePayload> {
    return toPayload(await retentionService.openCase(ctx, input, RetentionCaseOrigin.MANUAL), 'retentionCase', RetentionCase.from);
  }

  @Mutation(() => RetentionCasePayload, { description: 'Accept the case a HIGH risk proposes (from `retentionProposals`).' })
  async acceptRetentionProposal(@Arg('input') input: AcceptRetentionProposalInput, @Ctx() ctx: Context): Promise<RetentionCasePayload> {
    return toPayload(await retentionService.openCase(ctx, input, RetentionCaseOrigin.PROPOSED), 'retentionCase', RetentionCase.from);
  }

  @Mutation(() => RetentionCasePayload, { description: 'Log a visit, offer, escalation or note on an open case.' })
  async logRetentionAction(@Arg('input') input: LogRetentionActionInput, @Ctx() ctx: Context): Promise<RetentionCasePayload> {
    return toPayload(await retentionService.logAction(ctx, input), 'retentionCase', RetentionCase.from);
  }

  @Mutation(() => RetentionCasePayload, { description: 'Close a case: RETAINED, LOST (the customer becomes CHURNED) or ABANDONED.' })
  async closeRetentionCase(@Arg('input') input: CloseRetentionCaseInput, @Ctx() ctx: Context): Promise<RetentionCasePayload> {
    return toPayload(await retentionService.closeCase(ctx, input), 'retentionCase', RetentionCase.from);
  }

  @Mutation(() => UpdateSegmentRulesPayload, { description: 'Put a new version of the segment rules in force (admin); every customer is re-segmented at once.' })
  async updateSegmentRules(@Arg('input') input: UpdateSegmentRulesInput, @Ctx() ctx: Context): Promise<UpdateSegmentRulesPayload> {
    return toPayload(await retentionService.updateSegmentRules(ctx, input), 'segmentRules', (set) => retentionService.segmentRuleSet(set));
  }

  @Mutation(() => RefreshRetentionPayload, { description: 'Recompute churn risk and segments now (admin): the refresh job’s work, on demand.' })
  async refreshRetention(@Arg('input') input: RefreshRetentionInput, @Ctx() ctx: Context): Promise<RefreshRetentionPayload> {
    return toPayload(await retentionService.refresh(ctx, input), 'refresh', (refresh) => refresh);
  }
}

@Resolver(() => ChurnRisk)
export class ChurnRiskResolver {
  @FieldResolver(() => GroupCustomer, { description: 'The customer.' })
  async customer(@Root() risk: ChurnRisk, @Ctx() ctx: Context): Promise<GroupCustomer> {
    return (await customerLoaders.customer(ctx).load(risk.customerUuid))!;
  }

  @FieldResolver(() => RetentionCase, { nullable: true, description: 'The open retention case, if any.' })
  openCase(@Root() risk: ChurnRisk, @Ctx() ctx: Context): Promise<RetentionCase | null> {
    return retentionLoaders.openCase(ctx).load(risk.customerUuid);
  }
}

@Resolver(() => GroupCustomer)
export class CustomerRetentionResolver {
  @FieldResolver(() => ChurnRisk, { nullable: true, description: '流失风险 — churn risk with its signals; null for those who do not see retention (partners, support managers).' })
  async churnRisk(@Root() customer: GroupCustomer, @Ctx() ctx: Context): Promise<ChurnRisk | null> {
    const row = await retentionLoaders.risk(ctx).load(customer.uuid);
    return row ? ChurnRisk.from(row) : null;
  }

  @FieldResolver(() => CustomerSegment, { nullable: true, description: '客户细分 — the segment and the rule that placed the customer; null when no rule matches or you do not see retention.' })
  async segment(@Root() customer: GroupCustomer, @Ctx() ctx: Context): Promise<CustomerSegment | null> {
    return retentionService.segmentOf(ctx, await retentionLoaders.risk(ctx).load(customer.uuid));
  }

  @FieldResolver(() => [MonthlyRevenue], {
    nullable: true,
    description: '月收入 — billed months, oldest first, the last `months` (1–36) up to the latest month billed; null for those who do not see retention.',
  })
  revenueHistory(@Root() customer: GroupCustomer, @Arg('months', () => Int, { defaultValue: 12 }) months: number, @Ctx() ctx: Context): Promise<MonthlyRevenue[] | null> {
    if (!Number.isInteger(months) || months < 1 || months > 36) throw badInput('months must be between 1 and 36');
    return retentionLoaders.revenueHistory(ctx, months).load(customer.uuid);
  }

  @FieldResolver(() => RetentionCase, { nullable: true, description: 'The open retention case 挽回, if any.' })
  openRetentionCase(@Root() customer: GroupCustomer, @Ctx() ctx: Context): Promise<RetentionCase | null> {
    return retentionLoaders.openCase(ctx).load(customer.uuid);
  }
}

@Resolver(() => RetentionCase)
export class RetentionCaseResolver {
  @FieldResolver(() => GroupCustomer, { description: 'The customer.' })
  async customer(@Root() c: RetentionCase, @Ctx() ctx: Context): Promise<GroupCustomer> {
    return (await customerLoaders.customer(ctx).load(c.customerUuid))!;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who leads (分级挽回: the city leader for A1/A2, else the account manager).' })
  lead(@Root() c: RetentionCase, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(c.leadUuid);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who leads with them: the account manager on an A-grade case.' })
  coLead(@Root() c: RetentionCase, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return c.coLeadUuid ? organisationLoaders.staff(ctx).load(c.coLeadUuid) : null;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who opened it.' })
  openedBy(@Root() c: RetentionCase, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(c.openedByUuid);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who closed it.' })
  closedBy(@Root() c: RetentionCase, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return c.closedByUuid ? organisationLoaders.staff(ctx).load(c.closedByUuid) : null;
  }

  @FieldResolver(() => [RetentionAction], { description: 'What was done, oldest first.' })
  async actions(@Root() c: RetentionCase, @Ctx() ctx: Context): Promise<RetentionAction[]> {
    return (await retentionLoaders.actions(ctx).load(c.uuid)).map(RetentionAction.from);
  }
}

@Resolver(() => RetentionAction)
export class RetentionActionResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who recorded it.' })
  recordedBy(@Root() action: RetentionAction, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(action.recordedByUuid);
  }
}

@Resolver(() => RetentionReportRow)
export class RetentionReportRowResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'The region (by REGION).' })
  region(@Root() row: RetentionReportRow, @Ctx() ctx: Context): Promise<Region | null> | null {
    return row.regionUuid ? organisationLoaders.region(ctx).load(row.regionUuid) : null;
  }
}

@Resolver(() => SegmentRuleSet)
export class SegmentRuleSetResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who put this version in force; null for the defaults.' })
  changedBy(@Root() set: SegmentRuleSet, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return set.changedByUuid ? organisationLoaders.staff(ctx).load(set.changedByUuid) : null;
  }
}
