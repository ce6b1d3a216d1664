import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../platform/context';
import { Page } from '../../platform/graphql/connection';
import { badInput } from '../../platform/graphql/errors';
import type { NodeTypes } from '../../platform/graphql/node';
import { fromGlobalId } from '../../platform/graphql/node-id';
import { PageArgsInput } from '../../platform/graphql/page-args';
import { toPayload } from '../../platform/graphql/user-error';
import { contactLoaders } from '../contacts/contact.loaders';
import { Contact } from '../contacts/contact.types';
import { customerLoaders } from '../customers/customer.loaders';
import { GroupCustomer } from '../customers/customer.types';
import { organisationLoaders } from '../organisation/organisation.loaders';
import { Staff } from '../organisation/organisation.types';
import { relationshipLoaders } from './relationship.loaders';
import { relationshipPolicy } from './relationship.policy';
import { relationshipService } from './relationship.service';
import {
  AddRelationshipInput,
  AddRelationshipPayload,
  EdgeRow,
  IntroductionPath,
  Person,
  Relationship,
  RelationshipConnection,
  RelationshipMap,
  RemoveRelationshipInput,
  RemoveRelationshipPayload,
} from './relationship.types';

export const relationshipNodeTypes: NodeTypes = { Relationship: relationshipLoaders.relationship };

function uuidArg(id: string, type: string, name: string): string {
  const decoded = fromGlobalId(id, type);
  if (!decoded) throw badInput(`${name}: not a ${type} id`);
  return decoded.uuid;
}

const present = <T>(items: (T | null)[]): T[] => items.filter((item): item is T => item !== null);

async function relationshipsOf(ctx: Context, personUuid: string, page: PageArgsInput): Promise<RelationshipConnection> {
  relationshipPolicy.assertMayUse(ctx.viewer);
  const result: Page<EdgeRow> = await relationshipLoaders.ofPerson(ctx, page).load(personUuid);
  return RelationshipConnection.of({ ...result, edges: result.edges.map((edge) => ({ cursor: edge.cursor, node: Relationship.from(edge.node) })) });
}

@Resolver(() => Relationship)
export class RelationshipResolver {
  @Query(() => RelationshipMap, {
    description: '人脉地图 — the people around a customer: its contacts, the staff who know them, their ties (depth 1 or 2), and related customers.',
  })
  async relationshipMap(@Arg('customerId', () => ID) customerId: string, @Arg('depth', () => Int, { defaultValue: 1 }) depth: number, @Ctx() ctx: Context): Promise<RelationshipMap> {
    const map = await relationshipService.map(ctx, uuidArg(customerId, 'GroupCustomer', 'customerId'), depth);
    const [people, customers] = await Promise.all([Promise.all(map.people.map((uuid) => relationshipLoaders.person(ctx, uuid))), customerLoaders.customer(ctx).loadMany(map.customers)]);
    return Object.assign(new RelationshipMap(), {
      people: present(people),
      relationships: map.edges.map(Relationship.from),
      customers: customers.filter((c): c is GroupCustomer => c instanceof GroupCustomer),
      truncated: map.truncated,
    });
  }

  @Query(() => [IntroductionPath], {
    description: '引荐路径 — ways a staff member can reach a contact through people, shortest first, strongest among equals.',
  })
  async introductionPaths(
    @Arg('fromStaffId', () => ID) fromStaffId: string,
    @Arg('toContactId', () => ID) toContactId: string,
    @Arg('maxHops', () => Int, { defaultValue: 3 }) maxHops: number,
    @Arg('first', () => Int, { defaultValue: 3 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<IntroductionPath[]> {
    const paths = await relationshipService.paths(ctx, uuidArg(fromStaffId, 'Staff', 'fromStaffId'), uuidArg(toContactId, 'Contact', 'toContactId'), maxHops, first);
    const edges = await relationshipService.onPaths(ctx, [...new Set(paths.flatMap((p) => p.edges))]);
    return Promise.all(
      paths.map(async (path) =>
        Object.assign(new IntroductionPath(), {
          hops: path.hops,
          strength: path.strength,
          people: present(await Promise.all(path.people.map((uuid) => relationshipLoaders.person(ctx, uuid)))),
          relationships: path.edges.map((id) => Relationship.from(edges.get(id)!)),
        }),
      ),
    );
  }

  @Query(() => [Contact], { description: 'Gaps — MANAGEMENT and KEY_PERSON contacts of a customer that no staff member has any relationship with.' })
  async relationshipGaps(@Arg('customerId', () => ID) customerId: string, @Ctx() ctx: Context): Promise<Contact[]> {
    const ids = await relationshipService.gaps(ctx, uuidArg(customerId, 'GroupCustomer', 'customerId'));
    return present(
      await contactLoaders
        .contact(ctx)
        .loadMany(ids)
        .then((items) => items.map((item) => (item instanceof Error ? null : item))),
    );
  }

  @Mutation(() => AddRelationshipPayload, { description: 'Record how two people know each other; the same pair and type again updates it.' })
  async addRelationship(@Arg('input') input: AddRelationshipInput, @Ctx() ctx: Context): Promise<AddRelationshipPayload> {
    return toPayload(await relationshipService.add(ctx, input), 'relationship', Relationship.from);
  }

  @Mutation(() => RemoveRelationshipPayload, { description: 'Remove a relationship.' })
  async removeRelationship(@Arg('input') input: RemoveRelationshipInput, @Ctx() ctx: Context): Promise<RemoveRelationshipPayload> {
    return toPayload(await relationshipService.remove(ctx, input), 'removedId', (id) => id);
  }

  @FieldResolver(() => Person, { description: 'One end (for REPORTS_TO the subordinate).' })
  async from(@Root() relationship: Relationship, @Ctx() ctx: Context): Promise<typeof Person> {
    return (await relationshipLoaders.person(ctx, relationship.from))!;
  }

  @FieldResolver(() => Person, { description: 'The other end (for REPORTS_TO the manager).' })
  async to(@Root() relationship: Relationship, @Ctx() ctx: Context): Promise<typeof Person> {
    return (await relationshipLoaders.person(ctx, relationship.to))!;
  }

  @FieldResolver(() => Staff, { nullable: true, description: 'Who recorded it; null for REPORTS_TO taken from the org chart.' })
  recordedBy(@Root() relationship: Relationship, @Ctx() ctx: Context): Promise<Staff | null> | null {
    return relationship.recordedByUuid ? organisationLoaders.staff(ctx).load(relationship.recordedByUuid) : null;
  }
}

@Resolver(() => Staff)
export class StaffRelationshipsResolver {
  @FieldResolver(() => RelationshipConnection, { description: "人脉 — this staff member's relationships, newest first." })
  relationships(@Root() staff: Staff, @Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<RelationshipConnection> {
    return relationshipsOf(ctx, staff.uuid, page);
  }
}

@Resolver(() => Contact)
export class ContactRelationshipsResolver {
  @FieldResolver(() => RelationshipConnection, { description: "人脉 — this contact's relationships, newest first." })
  relationships(@Root() contact: Contact, @Args() page: PageArgsInput, @Ctx() ctx: Context): Promise<RelationshipConnection> {
    return relationshipsOf(ctx, contact.uuid, page);
  }
}
