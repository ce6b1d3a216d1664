import { DateTimeResolver } from 'graphql-scalars';
import { Arg, Field, ID, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../platform/context';
import { badInput } from '../../platform/graphql/errors';
import type { LiveEvent } from '../../platform/live/events';
import { liveStream } from '../../platform/live/stream';
import { APPROVAL_TOPIC, ApprovalQueueChange, inApprovalQueue, OPPORTUNITY_TOPIC } from './live-events';
import { opportunityLoaders } from './opportunity.loaders';
import { opportunityService } from './opportunity.service';
import { ApprovalDelegation, ApprovalStep, Opportunity } from './opportunity.types';

@ObjectType({ description: 'A change in your approval queue 待我审批 (approvalQueueChanged).' })
export class ApprovalQueueEvent {
  @Field(() => ApprovalQueueChange, { description: 'What happened.' })
  kind!: ApprovalQueueChange;

  @Field(() => ApprovalStep, { nullable: true, description: 'The step, as you may read it now; null for DELEGATED.' })
  step!: ApprovalStep | null;

  @Field(() => ApprovalDelegation, { nullable: true, description: 'The delegation, for DELEGATED.' })
  delegation!: ApprovalDelegation | null;

  @Field(() => DateTimeResolver, { description: 'When this server delivered it.' })
  at!: Date;
}

/**
 * What a subscriber hears of an approval event: read as the subscriber through
 * the same loaders as `node(id:)` and `myApprovals` (opportunityPolicy.read,
 * .redact, .decidable, .readDelegation) — null, and nothing is sent, when the
 * step is not theirs to see in their queue.
 */
async function approvalQueueEvent(ctx: Context, event: LiveEvent): Promise<ApprovalQueueEvent | null> {
  const kind = event.kind as ApprovalQueueChange;
  if (!Object.values(ApprovalQueueChange).includes(kind)) return null;
  const base = { kind, at: new Date(), step: null, delegation: null };
  if (kind === ApprovalQueueChange.DELEGATED) {
    const delegation = await opportunityLoaders.delegation(ctx).load(event.id);
    return delegation ? Object.assign(new ApprovalQueueEvent(), base, { delegation }) : null;
  }
  const step = await opportunityLoaders.step(ctx).load(event.id);
  if (!step || !(await inApprovalQueue(ctx, event.id))) return null;
  return Object.assign(new ApprovalQueueEvent(), base, { step });
}

@Resolver()
export class OpportunityLiveResolver {
  @Subscription(() => ApprovalQueueEvent, {
    description: '待我审批 live — a step in your queue opened, was decided, withdrawn or became overdue, or a delegation to or from you was made.',
    subscribe: ({ context }) =>
      liveStream(
        context as Context,
        (event) => event.topic === APPROVAL_TOPIC,
        (event) => approvalQueueEvent(context as Context, event),
      ),
  })
  approvalQueueChanged(@Root() event: ApprovalQueueEvent): ApprovalQueueEvent {
    return event;
  }

  @Subscription(() => Opportunity, {
    description: 'The opportunity each time it changes (a move, an edit, a decision), as you may read it then; refused when unknown or out of your scope.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const found = await opportunityService.findOne(ctx, { id: String(args.id) });
      if (!found) throw badInput('Opportunity not found');
      return liveStream(
        ctx,
        (event) => event.topic === OPPORTUNITY_TOPIC && event.id === found.id,
        () => opportunityLoaders.opportunity(ctx).load(found.id),
      );
    },
  })
  opportunityChanged(@Arg('id', () => ID, { description: 'The opportunity.' }) _id: string, @Root() opportunity: Opportunity): Opportunity {
    return opportunity;
  }
}
