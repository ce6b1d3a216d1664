import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import type { NodeTypes } from '../../platform/graphql/node';
import { fromGlobalId } from '../../platform/graphql/node-id';
import { unauthenticated } from '../../platform/graphql/errors';
import { toPayload } from '../../platform/graphql/user-error';
import { organisationLoaders } from './organisation.loaders';
import { organisationService } from './organisation.service';
import {
  CreatePartnerInput,
  CreatePartnerPayload,
  CreateRegionInput,
  CreateRegionPayload,
  CreateStaffInput,
  CreateStaffPayload,
  Partner,
  Region,
  Staff,
  StaffConnection,
  StaffFilter,
} from './organisation.types';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { staffLifecycle } from './staff-lifecycle';
import { DeactivateStaffInput, DeactivateStaffPayload, ReactivateStaffInput, ReactivateStaffPayload, StaffHandover, UpdateStaffInput, UpdateStaffPayload } from './staff-lifecycle.types';

export const organisationNodeTypes: NodeTypes = { Region: organisationLoaders.region, Staff: organisationLoaders.staff, Partner: organisationLoaders.partner };

@Resolver()
export class OrganisationResolver {
  @Query(() => Staff, { description: 'The signed-in user.' })
  async viewer(@Ctx() ctx: Context): Promise<Staff> {
    const me = await organisationLoaders.staff(ctx).load(ctx.viewer.staffId);
    if (!me) throw unauthenticated();
    return me;
  }

  @Query(() => [Region], { description: 'Children of a region, or the provinces when `parentId` is omitted; by code.' })
  async regions(@Arg('parentId', () => ID, { nullable: true }) parentId: string | null, @Ctx() ctx: Context): Promise<Region[]> {
    if (parentId == null) return (await organisationService.listRegions(ctx, null)).map(Region.from);
    const ref = fromGlobalId(parentId, 'Region');
    if (!ref) return [];
    return (await organisationService.listRegions(ctx, ref.uuid)).map(Region.from);
  }

  @Query(() => StaffConnection, { description: 'Staff members in your scope, by employee number (e.g. to pick an owner or follower).' })
  async staffMembers(@Args() page: PageArgsInput, @Arg('filter', () => StaffFilter, { nullable: true }) filter: StaffFilter | null, @Ctx() ctx: Context): Promise<StaffConnection> {
    const result = await organisationService.listStaff(ctx, filter, page);
    return StaffConnection.of({ ...result, edges: result.edges.map((edge) => ({ cursor: edge.cursor, node: Staff.from(edge.node) })) });
  }

  @Mutation(() => CreateRegionPayload, { description: 'Add a region node (admin).' })
  async createRegion(@Arg('input') input: CreateRegionInput, @Ctx() ctx: Context): Promise<CreateRegionPayload> {
    return toPayload(await organisationService.createRegion(ctx, input), 'region', Region.from);
  }

  @Mutation(() => CreateStaffPayload, { description: 'Add a user (admin).' })
  async createStaff(@Arg('input') input: CreateStaffInput, @Ctx() ctx: Context): Promise<CreateStaffPayload> {
    return toPayload(await organisationService.createStaff(ctx, input), 'staff', Staff.from);
  }

  @Mutation(() => UpdateStaffPayload, { description: 'Change a user’s name, roles, region or industry (admin); takes effect from their next request.' })
  async updateStaff(@Arg('input') input: UpdateStaffInput, @Ctx() ctx: Context): Promise<UpdateStaffPayload> {
    return toPayload(await staffLifecycle.update(ctx, input), 'staff', Staff.from);
  }

  @Mutation(() => DeactivateStaffPayload, {
    description:
      '离职 — deactivate a user and, in the same transaction, hand their customers, open opportunities, pending approval steps and delegations to the named successors (admin). Their tokens are refused from the next request.',
  })
  async deactivateStaff(@Arg('input') input: DeactivateStaffInput, @Ctx() ctx: Context): Promise<DeactivateStaffPayload> {
    const result = await staffLifecycle.deactivate(ctx, input);
    return { staff: result.ok ? Staff.from(result.value.staff) : null, handover: result.ok ? StaffHandover.from(result.value.handover) : null, userErrors: result.ok ? [] : result.errors };
  }

  @Mutation(() => ReactivateStaffPayload, { description: 'Let a deactivated user sign in again (admin); what was handed over stays with the successors.' })
  async reactivateStaff(@Arg('input') input: ReactivateStaffInput, @Ctx() ctx: Context): Promise<ReactivateStaffPayload> {
    return toPayload(await staffLifecycle.reactivate(ctx, input), 'staff', Staff.from);
  }

  @Mutation(() => CreatePartnerPayload, { description: 'Add a partner company (admin).' })
  async createPartner(@Arg('input') input: CreatePartnerInput, @Ctx() ctx: Context): Promise<CreatePartnerPayload> {
    return toPayload(await organisationService.createPartner(ctx, input), 'partner', Partner.from);
  }
}

@Resolver(() => Region)
export class RegionFieldsResolver {
  @FieldResolver(() => Region, { nullable: true, description: 'The region above; null for a province.' })
  parent(@Root() region: Region, @Ctx() ctx: Context): Promise<Region | null> | null {
    return region.parentUuid ? organisationLoaders.region(ctx).load(region.parentUuid) : null;
  }
}

@Resolver(() => Staff)
export class StaffFieldsResolver {
  @FieldResolver(() => Region, { description: 'The region the user works in.' })
  async region(@Root() staff: Staff, @Ctx() ctx: Context): Promise<Region> {
    return (await organisationLoaders.region(ctx).load(staff.regionUuid))!;
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The partner employing the user (PARTNER users).' })
  partner(@Root() staff: Staff, @Ctx() ctx: Context): Promise<Partner | null> | null {
    return staff.partnerUuid ? organisationLoaders.partner(ctx).load(staff.partnerUuid) : null;
  }
}

@Resolver(() => Partner)
export class PartnerFieldsResolver {
  @FieldResolver(() => Region, { description: 'Home region.' })
  async region(@Root() partner: Partner, @Ctx() ctx: Context): Promise<Region> {
    return (await organisationLoaders.region(ctx).load(partner.regionUuid))!;
  }
}
