import DataLoader from 'dataloader';
import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import { mapPage, paginateArray } from '../../platform/graphql/connection';
import type { NodeTypes } from '../../platform/graphql/node';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { toPayload } from '../../platform/graphql/user-error';
import { contactLoaders } from '../contacts/contact.loaders';
import { ContactConnection } from '../contacts/contact.types';
import { customerLoaders } from '../customers/customer.loaders';
import { GroupCustomerConnection } from '../customers/customer.types';
import { opportunityLoaders } from '../opportunities/opportunity.loaders';
import { OpportunityConnection } from '../opportunities/opportunity.types';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Staff } from '../organisation/organisation.types';
import { customerEvents } from './customer-events';
import { CustomerEvent, CustomerEventConnection, CustomerEventFilter, CustomerEventPayload, LinkEventOpportunitiesInput, RecordCustomerEventInput } from './customer-event.types';

type Links = Awaited<ReturnType<typeof customerEvents.links>>[number];

export const customerEventLoaders = {
  event: (ctx: Context) =>
    ctx.loaders.get('service.eventById', () => new DataLoader<string, CustomerEvent | null>(async (ids) => (await customerEvents.byIds(ctx, ids)).map((e) => (e ? CustomerEvent.from(e) : null)))),
  links: (ctx: Context) => ctx.loaders.get('service.eventLinks', () => new DataLoader<string, Links>((ids) => customerEvents.links(ctx, ids))),
};

export const customerEventNodeTypes: NodeTypes = { CustomerEvent: customerEventLoaders.event };

/** Loads each id with the owning module's scoped loader and keeps those the viewer may see. */
async function visible<T>(loader: DataLoader<string, T | null>, ids: string[]): Promise<T[]> {
  return (await loader.loadMany(ids)).filter((item): item is T => item != null && !(item instanceof Error));
}

@Resolver(() => CustomerEvent)
export class CustomerEventResolver {
  @Query(() => CustomerEventConnection, { description: '客户活动 — events of the customers in your scope, filtered, newest first.' })
  async customerEvents(
    @Args() page: PageArgsInput,
    @Arg('filter', () => CustomerEventFilter, { nullable: true }) filter: CustomerEventFilter | null,
    @Ctx() ctx: Context,
  ): Promise<CustomerEventConnection> {
    return CustomerEventConnection.of(mapPage(await customerEvents.list(ctx, filter, page), CustomerEvent.from));
  }

  @Mutation(() => CustomerEventPayload, {
    description: '开讲堂 / 走出去 / 请进来 — record an event: one care activity of its kind for every attendee, all in one transaction; counts toward the service standards.',
  })
  async recordCustomerEvent(@Arg('input') input: RecordCustomerEventInput, @Ctx() ctx: Context): Promise<CustomerEventPayload> {
    return toPayload(await customerEvents.record(ctx, input), 'customerEvent', (value) => CustomerEvent.from(value.event));
  }

  @Mutation(() => CustomerEventPayload, { description: 'Link an event to opportunities of its customers that it produced.' })
  async linkEventOpportunities(@Arg('input') input: LinkEventOpportunitiesInput, @Ctx() ctx: Context): Promise<CustomerEventPayload> {
    return toPayload(await customerEvents.linkOpportunities(ctx, input), 'customerEvent', CustomerEvent.from);
  }

  @FieldResolver(() => GroupCustomerConnection, { description: 'The customers taking part that you may see.' })
  async customers(@Root() event: CustomerEvent, @Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<GroupCustomerConnection> {
    return GroupCustomerConnection.of(paginateArray(await visible(customerLoaders.customer(ctx), (await customerEventLoaders.links(ctx).load(event.uuid)).customerIds), page));
  }

  @FieldResolver(() => ContactConnection, { description: 'The attending contacts you may see.' })
  async attendees(@Root() event: CustomerEvent, @Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<ContactConnection> {
    return ContactConnection.of(paginateArray(await visible(contactLoaders.contact(ctx), (await customerEventLoaders.links(ctx).load(event.uuid)).contactIds), page));
  }

  @FieldResolver(() => Int, { description: 'How many contacts attended.' })
  async attendeeCount(@Root() event: CustomerEvent, @Ctx() ctx: Context): Promise<number> {
    return (await customerEventLoaders.links(ctx).load(event.uuid)).contactIds.length;
  }

  @FieldResolver(() => OpportunityConnection, { description: 'Opportunities it produced that you may see, in the order they were linked.' })
  async opportunities(@Root() event: CustomerEvent, @Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<OpportunityConnection> {
    return OpportunityConnection.of(paginateArray(await visible(opportunityLoaders.opportunity(ctx), (await customerEventLoaders.links(ctx).load(event.uuid)).opportunityIds), page));
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who recorded it.' })
  recordedBy(@Root() event: CustomerEvent, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(event.recordedByUuid);
  }
}
