import { DateTimeResolver } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import { mapPage } from '../../platform/graphql/connection';
import type { NodeTypes } from '../../platform/graphql/node';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Staff } from '../organisation/organisation.types';
import { followThroughLoaders } from './follow-through.loaders';
import { followThroughService } from './follow-through.service';
import { FollowUp, FollowUpConnection, LogFollowUpInput, LogFollowUpPayload, NextStep, NextStepConnection } from './follow-up.types';
import { opportunityLoaders } from './opportunity.loaders';
import { opportunityPolicy } from './opportunity.policy';
import { Opportunity } from './opportunity.types';
import { isStalled } from './stall';
import { businessRules } from '../rules/business-rules';

export const followUpNodeTypes: NodeTypes = { FollowUp: followThroughLoaders.followUp };

/** 跟进 on an opportunity: its follow-ups, when it was last followed up, whether it has stalled; the viewer's next steps. */
@Resolver(() => Opportunity)
export class OpportunityFollowUpsResolver {
  @FieldResolver(() => FollowUpConnection, { description: '跟进记录 — follow-ups, newest first (empty for partners).' })
  async followUps(@Root() opportunity: Opportunity, @Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<FollowUpConnection> {
    return FollowUpConnection.of(mapPage(await followThroughLoaders.followUps(ctx, page).load(opportunity.uuid), FollowUp.from));
  }

  @FieldResolver(() => DateTimeResolver, {
    nullable: true,
    description: '最近跟进 — when the latest follow-up happened; null before the first, and for partners.',
  })
  lastFollowUpAt(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Date | null {
    return opportunityPolicy.mayReadFollowThrough(ctx.viewer) ? opportunity.storedLastFollowUpAt : null;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      '停滞 — APPROVED or IN_PROGRESS with no follow-up for `businessRules.followThrough.stallDays` (default 14), counted from the latest follow-up or else the approval; null for partners.',
  })
  async stalled(@Root() opportunity: Opportunity, @Ctx() ctx: Context): Promise<boolean | null> {
    return opportunityPolicy.mayReadFollowThrough(ctx.viewer) ? isStalled(opportunity, (await businessRules.forRequest(ctx)).rules.followThrough) : null;
  }

  @Query(() => NextStepConnection, {
    description:
      '我的下一步 — your open next steps by due date, overdue first: on opportunities you own, follow or accepted as support manager, and those you wrote. A step is done when a later follow-up is logged on its opportunity.',
  })
  async myNextSteps(@Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<NextStepConnection> {
    return NextStepConnection.of(await followThroughService.myNextSteps(ctx, page));
  }

  @Mutation(() => LogFollowUpPayload, {
    description: '跟进 — log a follow-up (owner, followers, the support manager who accepted it, leaders over the customer); the newest completes the previous next step.',
  })
  async logFollowUp(@Arg('input') input: LogFollowUpInput, @Ctx() ctx: Context): Promise<LogFollowUpPayload> {
    const result = await followThroughService.logFollowUp(ctx, input);
    return {
      followUp: result.ok ? FollowUp.from(result.value.followUp) : null,
      opportunity: result.ok ? Opportunity.from(result.value.opportunity) : null,
      userErrors: result.ok ? [] : result.errors,
    };
  }
}

@Resolver(() => FollowUp)
export class FollowUpResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who logged it.' })
  author(@Root() followUp: FollowUp, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(followUp.authorUuid);
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The opportunity; null when out of your scope.' })
  opportunity(@Root() followUp: FollowUp, @Ctx() ctx: Context): Promise<Opportunity | null> {
    return opportunityLoaders.opportunity(ctx).load(followUp.opportunityUuid);
  }
}

@Resolver(() => NextStep)
export class NextStepResolver {
  @FieldResolver(() => FollowUp, { nullable: true, description: 'The follow-up that set it.' })
  followUp(@Root() step: NextStep, @Ctx() ctx: Context): Promise<FollowUp | null> {
    return followThroughLoaders.followUp(ctx).load(step.uuid);
  }

  @FieldResolver(() => FollowUp, { nullable: true, description: 'The later follow-up that completed it, once done.' })
  doneBy(@Root() step: NextStep, @Ctx() ctx: Context): Promise<FollowUp | null> | null {
    return step.doneByUuid ? followThroughLoaders.followUp(ctx).load(step.doneByUuid) : null;
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The opportunity; null when out of your scope.' })
  opportunity(@Root() step: NextStep, @Ctx() ctx: Context): Promise<Opportunity | null> {
    return opportunityLoaders.opportunity(ctx).load(step.opportunityUuid);
  }
}
