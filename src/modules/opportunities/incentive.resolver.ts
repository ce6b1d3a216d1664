import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import { mapPage } from '../../platform/graphql/connection';
import type { NodeTypes } from '../../platform/graphql/node';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { toPayload } from '../../platform/graphql/user-error';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Region, Staff } from '../organisation/organisation.types';
import { IncentiveState } from './follow-through.enums';
import { followThroughLoaders } from './follow-through.loaders';
import { followThroughService } from './follow-through.service';
import { DecideIncentiveInput, DecideIncentivePayload, Incentive, IncentiveConnection, RequestIncentiveInput, RequestIncentivePayload } from './incentive.types';
import { opportunityLoaders } from './opportunity.loaders';
import { Opportunity } from './opportunity.types';

export const incentiveNodeTypes: NodeTypes = { Incentive: followThroughLoaders.incentive };

/** 激励申报 on an opportunity, the deciders' queue, filing and deciding. */
@Resolver(() => Opportunity)
export class OpportunityIncentiveResolver {
  @FieldResolver(() => Incentive, { nullable: true, description: '激励申报 — the latest incentive application, once filed (null for partners).' })
  async incentive(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<Incentive | null> {
    const found = await followThroughLoaders.latestIncentive(ctx).load(opportunity.uuid);
    return found ? Incentive.from(found) : null;
  }

  @Query(() => IncentiveConnection, {
    description: '激励待审 — incentive applications you may decide (you are the leader one level up from the filer), oldest first; other states list what you decided.',
  })
  async incentiveQueue(
    @Args() page: PageArgsInput,
    @Arg('state', () => IncentiveState, { defaultValue: IncentiveState.PENDING, description: 'Which applications (default PENDING).' }) state: IncentiveState,
    @Ctx() ctx: Context,
  ): Promise<IncentiveConnection> {
    return IncentiveConnection.of(mapPage(await followThroughService.incentiveQueue(ctx, state, page), Incentive.from));
  }

  @Mutation(() => RequestIncentivePayload, {
    description: '激励申报 — file an incentive application for an APPROVED, IN_PROGRESS or WON opportunity (a leader over the customer); the leader one level up decides it.',
  })
  async requestIncentive(@Arg('input') input: RequestIncentiveInput, @Ctx() ctx: Context): Promise<RequestIncentivePayload> {
    const result = await followThroughService.requestIncentive(ctx, input);
    return {
      incentive: result.ok ? Incentive.from(result.value.incentive) : null,
      opportunity: result.ok ? Opportunity.from(result.value.opportunity) : null,
      userErrors: result.ok ? [] : result.errors,
    };
  }

  @Mutation(() => DecideIncentivePayload, {
    description: '激励审批 — approve or reject an incentive application (the leader one level up from the filer); of racing decisions exactly one wins.',
  })
  async decideIncentive(@Arg('input') input: DecideIncentiveInput, @Ctx() ctx: Context): Promise<DecideIncentivePayload> {
    return toPayload(await followThroughService.decideIncentive(ctx, input), 'incentive', Incentive.from);
  }
}

@Resolver(() => Incentive)
export class IncentiveResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who filed it.' })
  requestedBy(@Root() incentive: Incentive, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(incentive.requestedByUuid);
  }

  @FieldResolver(() => Region, { description: 'The city or province whose leader decides it.' })
  async deciderRegion(@Root() incentive: Incentive, @Ctx() ctx: Context): Promise<Region> {
    return (await organisationLoaders.region(ctx).load(incentive.deciderRegionUuid))!;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who decided it.' })
  decidedBy(@Root() incentive: Incentive, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return incentive.decidedByUuid ? organisationLoaders.staff(ctx).load(incentive.decidedByUuid) : null;
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The opportunity; null when out of your scope.' })
  opportunity(@Root() incentive: Incentive, @Ctx() ctx: Context): Promise<Opportunity | null> {
    return opportunityLoaders.opportunity(ctx).load(incentive.opportunityUuid);
  }
}
