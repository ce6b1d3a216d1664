import DataLoader from 'dataloader';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import { mapPage } from '../../platform/graphql/connection';
import type { NodeTypes } from '../../platform/graphql/node';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { toPayload } from '../../platform/graphql/user-error';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Region, Staff } from '../organisation/organisation.types';
import { customerLoaders } from './customer.loaders';
import { GroupCustomer } from './customer.types';
import { reclassifications } from './reclassification';
import {
  CustomerReclassification,
  CustomerReclassificationConnection,
  DecideReclassificationInput,
  DecideReclassificationPayload,
  RequestCustomerReclassificationInput,
  RequestCustomerReclassificationPayload,
} from './reclassification.types';

const reclassificationLoader = (ctx: Context) =>
  ctx.loaders.get(
    'customers.reclassification',
    () => new DataLoader<string, CustomerReclassification | null>(async (ids) => (await reclassifications.byIds(ctx, ids)).map((r) => (r ? CustomerReclassification.from(r) : null))),
  );

export const reclassificationNodeTypes: NodeTypes = { CustomerReclassification: reclassificationLoader };

@Resolver(() => CustomerReclassification)
export class ReclassificationResolver {
  @Query(() => CustomerReclassificationConnection, { description: '变更审批 — pending level and grade change requests your leader seat decides, oldest first.' })
  async reclassificationQueue(@Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<CustomerReclassificationConnection> {
    return CustomerReclassificationConnection.of(mapPage(await reclassifications.queue(ctx, page), CustomerReclassification.from));
  }

  @Mutation(() => RequestCustomerReclassificationPayload, {
    description: '集团大客户经审批 — ask the leader above to change a customer’s management level and/or grade (those who keep the customer).',
  })
  async requestCustomerReclassification(@Arg('input') input: RequestCustomerReclassificationInput, @Ctx() ctx: Context): Promise<RequestCustomerReclassificationPayload> {
    return toPayload(await reclassifications.request(ctx, input), 'reclassification', CustomerReclassification.from);
  }

  @Mutation(() => DecideReclassificationPayload, { description: 'Approve (the customer changes at once, recorded in its history) or reject a change request.' })
  async decideReclassification(@Arg('input') input: DecideReclassificationInput, @Ctx() ctx: Context): Promise<DecideReclassificationPayload> {
    return toPayload(await reclassifications.decide(ctx, input), 'reclassification', CustomerReclassification.from);
  }

  @FieldResolver(() => GroupCustomer, { nullable: true, description: 'The customer; null when out of your scope.' })
  customer(@Root() request: CustomerReclassification, @Ctx() ctx: Context): Promise<GroupCustomer | null> {
    return customerLoaders.customer(ctx).load(request.customerUuid);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who asked.' })
  requestedBy(@Root() request: CustomerReclassification, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(request.requestedByUuid);
  }

  @FieldResolver(() => Region, { nullable: true, description: 'The region whose leader decides.' })
  deciderRegion(@Root() request: CustomerReclassification, @Ctx() ctx: Context): Promise<Region | null> {
    return organisationLoaders.region(ctx).load(request.deciderRegionUuid);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who decided.' })
  decidedBy(@Root() request: CustomerReclassification, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return request.decidedByUuid ? organisationLoaders.staff(ctx).load(request.decidedByUuid) : null;
  }
}
