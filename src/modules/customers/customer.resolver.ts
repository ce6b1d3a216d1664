import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import { Connection, mapPage } from '../../platform/graphql/connection';
import { badInput } from '../../platform/graphql/errors';
import type { NodeTypes } from '../../platform/graphql/node';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { toPayload } from '../../platform/graphql/user-error';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Region, Staff } from '../organisation/organisation.types';
import { customerLoaders } from './customer.loaders';
import { customerService, MAX_SUBTREE_DEPTH } from './customer.service';
import { customerMerge } from './customer-merge';
import { MergeGroupCustomersInput, MergeGroupCustomersPayload, RemoveCustomerRelationInput, RemoveCustomerRelationPayload } from './customer-merge.types';
import { removeCustomerRelation } from './customer-relations';
import {
  AddCustomerRelationInput,
  AddCustomerRelationPayload,
  CreateGroupCustomerInput,
  CreateGroupCustomerPayload,
  CustomerChange,
  CustomerChangeConnection,
  CustomerRelation,
  CustomerSubtreeEntry,
  GroupCustomer,
  GroupCustomerConnection,
  GroupCustomerFilter,
  GroupCustomerOrder,
  SetCustomerParentInput,
  SetCustomerParentPayload,
  UpdateGroupCustomerInput,
  UpdateGroupCustomerPayload,
} from './customer.types';

export const customerNodeTypes: NodeTypes = { GroupCustomer: customerLoaders.customer };

export const CustomerSubtreeConnection = Connection(CustomerSubtreeEntry, 'CustomerSubtree', 'Member units under a customer, depth-first by code.');
export type CustomerSubtreeConnection = InstanceType<typeof CustomerSubtreeConnection>;

@Resolver(() => GroupCustomer)
export class CustomerResolver {
  @Query(() => GroupCustomer, { nullable: true, description: 'One customer by id, code or credit code; null when unknown or out of your scope.' })
  async groupCustomer(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('code', () => String, { nullable: true }) code: string | null,
    @Arg('creditCode', () => String, { nullable: true }) creditCode: string | null,
    @Ctx() ctx: Context,
  ): Promise<GroupCustomer | null> {
    if (!id && !code && !creditCode) throw badInput('Pass `id`, `code` or `creditCode`');
    // A merged customer's code names the survivor (DOMAIN.md: People and rules).
    const found = (await customerService.findOne(ctx, { id, code, creditCode })) ?? (code && !id && !creditCode ? await customerMerge.byMergedCode(ctx, code) : null);
    return found ? GroupCustomer.from(found) : null;
  }

  @Query(() => GroupCustomerConnection, { description: 'Customers in your scope, filtered and ordered (default: by name).' })
  async groupCustomers(
    @Args() page: PageArgsInput,
    @Arg('filter', () => GroupCustomerFilter, { nullable: true }) filter: GroupCustomerFilter | null,
    @Arg('orderBy', () => GroupCustomerOrder, { nullable: true }) orderBy: GroupCustomerOrder | null,
    @Ctx() ctx: Context,
  ): Promise<GroupCustomerConnection> {
    return GroupCustomerConnection.of(mapPage(await customerService.list(ctx, filter, orderBy, page), GroupCustomer.from));
  }

  @Mutation(() => CreateGroupCustomerPayload, { description: 'Create a group customer (account, grid and industry managers; admin).' })
  async createGroupCustomer(@Arg('input') input: CreateGroupCustomerInput, @Ctx() ctx: Context): Promise<CreateGroupCustomerPayload> {
    return toPayload(await customerService.create(ctx, input), 'groupCustomer', GroupCustomer.from);
  }

  @Mutation(() => UpdateGroupCustomerPayload, { description: 'Change a customer; pass `expectedVersion` to refuse a stale write.' })
  async updateGroupCustomer(@Arg('input') input: UpdateGroupCustomerInput, @Ctx() ctx: Context): Promise<UpdateGroupCustomerPayload> {
    return toPayload(await customerService.update(ctx, input), 'groupCustomer', GroupCustomer.from);
  }

  @Mutation(() => SetCustomerParentPayload, { description: 'Attach a member unit to its group HQ, or detach it (parentId null); cycles are refused.' })
  async setCustomerParent(@Arg('input') input: SetCustomerParentInput, @Ctx() ctx: Context): Promise<SetCustomerParentPayload> {
    return toPayload(await customerService.setParent(ctx, input), 'groupCustomer', GroupCustomer.from);
  }

  @Mutation(() => AddCustomerRelationPayload, { description: 'Record a relation between two customers.' })
  async addCustomerRelation(@Arg('input') input: AddCustomerRelationInput, @Ctx() ctx: Context): Promise<AddCustomerRelationPayload> {
    return toPayload(await customerService.addRelation(ctx, input), 'customerRelation', CustomerRelation.from);
  }

  @Mutation(() => RemoveCustomerRelationPayload, { description: 'Remove a relation recorded by mistake (whoever may change either customer).' })
  async removeCustomerRelation(@Arg('input') input: RemoveCustomerRelationInput, @Ctx() ctx: Context): Promise<RemoveCustomerRelationPayload> {
    return toPayload(await removeCustomerRelation(ctx, input), 'removedId', (removed) => removed);
  }

  @Mutation(() => MergeGroupCustomersPayload, {
    description: '合并重复客户 — merge a duplicate customer into the survivor in one transaction (admin); the merged code keeps finding the survivor through `groupCustomer(code:)`.',
  })
  async mergeGroupCustomers(@Arg('input') input: MergeGroupCustomersInput, @Ctx() ctx: Context): Promise<MergeGroupCustomersPayload> {
    return toPayload(await customerMerge.merge(ctx, input), 'groupCustomer', GroupCustomer.from);
  }

  @FieldResolver(() => Region, { description: 'Region the customer belongs to.' })
  async region(@Root() customer: GroupCustomer, @Ctx() ctx: Context): Promise<Region> {
    return (await organisationLoaders.region(ctx).load(customer.regionUuid))!;
  }

  @FieldResolver(() => Staff, { nullable: true, description: '客户经理 — account manager.' })
  accountManager(@Root() customer: GroupCustomer, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return customer.accountManagerUuid ? organisationLoaders.staff(ctx).load(customer.accountManagerUuid) : null;
  }

  @FieldResolver(() => GroupCustomer, { nullable: true, description: '集团总部 — the group HQ above; null at the top or when out of your scope.' })
  parent(@Root() customer: GroupCustomer, @Ctx() ctx: Context): Promise<GroupCustomer | null> | null {
    return customer.parentUuid ? customerLoaders.customer(ctx).load(customer.parentUuid) : null;
  }

  @FieldResolver(() => GroupCustomerConnection, { description: '成员单位 — direct member units in your scope, by name.' })
  async children(@Root() customer: GroupCustomer, @Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<GroupCustomerConnection> {
    return GroupCustomerConnection.of(mapPage(await customerLoaders.children(ctx, page).load(customer.uuid), GroupCustomer.from));
  }

  @FieldResolver(() => [GroupCustomer], { nullable: 'items', description: 'Chain of group HQs above, root first; an ancestor out of your scope is null.' })
  ancestors(@Root() customer: GroupCustomer, @Ctx() ctx: Context): Promise<(GroupCustomer | null)[]> {
    return customerLoaders.ancestors(ctx).load(customer.uuid);
  }

  @FieldResolver(() => CustomerSubtreeConnection, {
    description: `All member units below, down to \`maxDepth\` levels (at most ${MAX_SUBTREE_DEPTH}), depth-first by code.`,
  })
  async subtree(
    @Root() customer: GroupCustomer,
    @Arg('maxDepth', () => Int, { defaultValue: 5 }) maxDepth: number,
    @Args() page: PageArgsInput,
    @Ctx() ctx: Context,
  ): Promise<CustomerSubtreeConnection> {
    if (maxDepth < 1 || maxDepth > MAX_SUBTREE_DEPTH) throw badInput(`maxDepth must be between 1 and ${MAX_SUBTREE_DEPTH}`);
    const result = await customerLoaders.subtree(ctx, maxDepth, page).load(customer.uuid);
    return CustomerSubtreeConnection.of(mapPage(result, (entry) => Object.assign(new CustomerSubtreeEntry(), { depth: entry.depth, customer: GroupCustomer.from(entry.customer) })));
  }

  @FieldResolver(() => [CustomerRelation], { description: '客户与客户关系 — relations on either side, oldest first.' })
  async relations(@Root() customer: GroupCustomer, @Ctx() ctx: Context): Promise<CustomerRelation[]> {
    return (await customerLoaders.relations(ctx).load(customer.uuid)).map(CustomerRelation.from);
  }

  @FieldResolver(() => CustomerChangeConnection, { description: 'Every change to this customer, newest first.' })
  async history(@Root() customer: GroupCustomer, @Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<CustomerChangeConnection> {
    return CustomerChangeConnection.of(mapPage(await customerLoaders.history(ctx, page).load(customer.uuid), CustomerChange.from));
  }
}

@Resolver(() => CustomerRelation)
export class CustomerRelationResolver {
  @FieldResolver(() => GroupCustomer, { nullable: true, description: 'One side; null when out of your scope.' })
  from(@Root() relation: CustomerRelation, @Ctx() ctx: Context): Promise<GroupCustomer | null> {
    return customerLoaders.customer(ctx).load(relation.fromUuid);
  }

  @FieldResolver(() => GroupCustomer, { nullable: true, description: 'The other side; null when out of your scope.' })
  to(@Root() relation: CustomerRelation, @Ctx() ctx: Context): Promise<GroupCustomer | null> {
    return customerLoaders.customer(ctx).load(relation.toUuid);
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who recorded it.' })
  recordedBy(@Root() relation: CustomerRelation, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(relation.recordedByUuid);
  }
}

@Resolver(() => CustomerChange)
export class CustomerChangeResolver {
  @FieldResolver(() => Staff, { nullable: true, description: 'Who made the change.' })
  actor(@Root() change: CustomerChange, @Ctx() ctx: Context): Promise<Staff | null> {
    return organisationLoaders.staff(ctx).load(change.actorUuid);
  }
}
