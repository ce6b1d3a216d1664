import { Arg, Args, Ctx, ID, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { isPartner } from '../../platform/auth/viewer';
import type { Context } from '../../platform/context';
import { mapPage } from '../../platform/graphql/connection';
import { forbidden } from '../../platform/graphql/errors';
import type { NodeTypes } from '../../platform/graphql/node';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { toPayload } from '../../platform/graphql/user-error';
import { HeavyReport } from '../../platform/report-slots';
import { Staff } from '../organisation/organisation.types';
import { CommissionState, RankingDimension } from './money.enums';
import {
  CommissionFilter,
  CreatePartnerUserInput,
  DeactivatePartnerUserInput,
  PeriodInput,
  RecordCommissionPaymentInput,
  RecordProvisioningInput,
  RegistrationFilter,
  ReviewCommissionInput,
  SetCommissionRateInput,
} from './money.inputs';
import { moneyLoaders } from './money.loaders';
import { moneyService } from './money.service';
import {
  Commission,
  CommissionConnection,
  CommissionPayload,
  CommissionRate,
  Contract,
  OpportunityRanking,
  PartnerStatistics,
  PartnerUserPayload,
  RecordProvisioningPayload,
  RegistrationAttempt,
  RegistrationAttemptConnection,
  SetCommissionRatePayload,
} from './money.types';
import { OpportunityFilter } from './opportunity.filters';
import { Opportunity } from './opportunity.types';

export const moneyNodeTypes: NodeTypes = {
  Contract: moneyLoaders.contractById,
  Commission: moneyLoaders.commissionById,
  RegistrationAttempt: moneyLoaders.registrationById,
};

/** The root queries and mutations of contracts, provisioning, commission, the partner portal and 商机通报 (issue 11). */
@Resolver()
export class MoneyResolver {
  @Query(() => RegistrationAttemptConnection, {
    description: '我的报备 — every registration attempt of your partner, accepted or refused as a duplicate, newest first (partner portal).',
  })
  async myRegistrations(@Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<RegistrationAttemptConnection> {
    if (!isPartner(ctx.viewer)) throw forbidden('myRegistrations is the partner portal’s; staff use registrationAttempts');
    return RegistrationAttemptConnection.of(mapPage(await moneyService.registrations(ctx, null, page), RegistrationAttempt.from));
  }

  @Query(() => RegistrationAttemptConnection, {
    description: '报备记录 — registration attempts in your scope (商机管理员: the partners of your city), newest first.',
  })
  async registrationAttempts(
    @Args() page: PageArgsInput,
    @Arg('filter', () => RegistrationFilter, { nullable: true }) filter: RegistrationFilter | null,
    @Ctx() ctx: Context,
  ): Promise<RegistrationAttemptConnection> {
    return RegistrationAttemptConnection.of(mapPage(await moneyService.registrations(ctx, filter, page), RegistrationAttempt.from));
  }

  @Query(() => CommissionConnection, {
    description: '酬金审核 — commissions of your city’s partners in one state, oldest first: PENDING await review, APPROVED await payment.',
  })
  async commissionQueue(
    @Args() page: PageArgsInput,
    @Arg('state', () => CommissionState, { defaultValue: CommissionState.PENDING, description: 'Which commissions (default PENDING).' }) state: CommissionState,
    @Ctx() ctx: Context,
  ): Promise<CommissionConnection> {
    return CommissionConnection.of(mapPage(await moneyService.commissionQueue(ctx, state, page), Commission.from));
  }

  @Query(() => CommissionConnection, { description: '酬金 — commissions in your scope (partners: their own), oldest first.' })
  async commissions(@Args() page: PageArgsInput, @Arg('filter', () => CommissionFilter, { nullable: true }) filter: CommissionFilter | null, @Ctx() ctx: Context): Promise<CommissionConnection> {
    return CommissionConnection.of(mapPage(await moneyService.commissionList(ctx, filter, page), Commission.from));
  }

  @Query(() => [CommissionRate], { description: '酬金比例 — the commission rate in force for each product line.' })
  async commissionRates(@Ctx() ctx: Context): Promise<CommissionRate[]> {
    return (await moneyService.commissionRates(ctx)).map(CommissionRate.from);
  }

  @UseMiddleware(HeavyReport)
  @Query(() => PartnerStatistics, {
    nullable: true,
    description:
      '合作伙伴统计 — reported, accepted, refused as duplicates, won, win rate and commission for a period: partners their own; 商机管理员 one partner of their city (`partnerId`) or all of them; null for a partner outside your scope.',
  })
  partnerStatistics(
    @Arg('period', () => PeriodInput) period: PeriodInput,
    @Arg('partnerId', () => ID, { nullable: true }) partnerId: string | null,
    @Ctx() ctx: Context,
  ): Promise<PartnerStatistics | null> {
    return moneyService.partnerStatistics(ctx, period, partnerId);
  }

  @UseMiddleware(HeavyReport)
  @Query(() => OpportunityRanking, {
    description: '商机通报 — ranking of regions (one level below yours) or owners over a period of registration, in your scope; totals equal the `opportunities` list’s for the same filter.',
  })
  opportunityRanking(
    @Arg('period', () => PeriodInput) period: PeriodInput,
    @Arg('by', () => RankingDimension) by: RankingDimension,
    @Arg('filter', () => OpportunityFilter, { nullable: true }) filter: OpportunityFilter | null,
    @Ctx() ctx: Context,
  ): Promise<OpportunityRanking> {
    return moneyService.opportunityRanking(ctx, period, by, filter);
  }

  @Mutation(() => RecordProvisioningPayload, {
    description: '开通 — record provisioning of a won opportunity: IN_SERVICE or FAILED (with a reason), or RETRY after a failure (owner or leader).',
  })
  async recordProvisioning(@Arg('input') input: RecordProvisioningInput, @Ctx() ctx: Context): Promise<RecordProvisioningPayload> {
    const result = await moneyService.recordProvisioning(ctx, input);
    return {
      contract: result.ok ? Contract.from(result.value.contract) : null,
      opportunity: result.ok ? Opportunity.from(result.value.opportunity) : null,
      userErrors: result.ok ? [] : result.errors,
    };
  }

  @Mutation(() => CommissionPayload, { description: '酬金审核 — approve or refuse a PENDING commission (商机管理员 of the partner’s city).' })
  async reviewCommission(@Arg('input') input: ReviewCommissionInput, @Ctx() ctx: Context): Promise<CommissionPayload> {
    return toPayload(await moneyService.reviewCommission(ctx, input), 'commission', Commission.from);
  }

  @Mutation(() => CommissionPayload, { description: '酬金发放 — record the payment of an APPROVED commission, once (商机管理员 of the partner’s city).' })
  async recordCommissionPayment(@Arg('input') input: RecordCommissionPaymentInput, @Ctx() ctx: Context): Promise<CommissionPayload> {
    return toPayload(await moneyService.recordCommissionPayment(ctx, input), 'commission', Commission.from);
  }

  @Mutation(() => SetCommissionRatePayload, { description: '酬金比例 — set a product line’s commission rate (admin); commissions already opened keep theirs.' })
  async setCommissionRate(@Arg('input') input: SetCommissionRateInput, @Ctx() ctx: Context): Promise<SetCommissionRatePayload> {
    return toPayload(await moneyService.setCommissionRate(ctx, input), 'rate', CommissionRate.from);
  }

  @Mutation(() => PartnerUserPayload, { description: '分配账号 — create a user for a partner of your city (商机管理员) or any partner (admin).' })
  async createPartnerUser(@Arg('input') input: CreatePartnerUserInput, @Ctx() ctx: Context): Promise<PartnerUserPayload> {
    return toPayload(await moneyService.createPartnerUser(ctx, input), 'staff', Staff.from);
  }

  @Mutation(() => PartnerUserPayload, { description: '停用账号 — deactivate a partner’s user; their tokens fail from the next request on.' })
  async deactivatePartnerUser(@Arg('input') input: DeactivatePartnerUserInput, @Ctx() ctx: Context): Promise<PartnerUserPayload> {
    return toPayload(await moneyService.deactivatePartnerUser(ctx, input), 'staff', Staff.from);
  }
}
