import { IsEnum, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { createUnionType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { UserError, Payload } from '../../platform/graphql/user-error';
import { Contact } from '../contacts/contact.types';
import { CareLevel } from '../contacts/contact.enums';
import type { ContactProfile } from '../contacts/contact.sql';
import { GroupCustomer } from '../customers/customer.types';
import { Staff } from '../organisation/organisation.types';
import { RELATIONSHIP_LIMITS } from './relationship.config';
import { RelationshipType } from './relationship.enums';

/** One relationship as the `relationship_edge` view gives it (migration: relationship map). */
export interface EdgeRow {
  id: string;
  type: RelationshipType;
  strength: number;
  since: string | null;
  note: string | null;
  recorded_by_id: string | null;
  recorded_at: Date;
  from_id: string;
  from_staff: boolean;
  to_id: string;
  to_staff: boolean;
}

export interface PersonRef {
  uuid: string;
  staff: boolean;
}

@ObjectType({ description: '全员共享 — what anyone in the province may see of a contact outside their row scope: never personal data.' })
export class SharedContactProfile {
  @Field({ description: '姓名 — name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: '职务 — title.' })
  title!: string | null;

  @Field(() => CareLevel, { description: '关怀级别 — care level.' })
  careLevel!: CareLevel;

  @Field(() => DateResolver, { nullable: true, description: '离职 — the day they left their company, if they did.' })
  leftOn!: string | null;

  @Field({ description: "The contact's customer: its code." })
  customerCode!: string;

  @Field({ description: "The contact's customer: its name." })
  customerName!: string;
}

@ObjectType({ description: 'A contact outside your row scope on a path or in a map: it exists, it cannot be read; `profile` says who it is.' })
export class RestrictedPerson {
  @Field(() => ID, { description: 'Global id of the contact; `node` answers null for it.' })
  id!: string;

  @Field(() => SharedContactProfile, { nullable: true, description: 'Name, title, care level and customer (全员共享); null for a contact outside your province.' })
  profile!: SharedContactProfile | null;

  static of(contactUuid: string, profile: ContactProfile | null = null): RestrictedPerson {
    const shared = profile
      ? Object.assign(new SharedContactProfile(), {
          name: profile.name,
          title: profile.title,
          careLevel: profile.careLevel,
          leftOn: profile.leftOn,
          customerCode: profile.customerCode,
          customerName: profile.customerName,
        })
      : null;
    return Object.assign(new RestrictedPerson(), { id: toGlobalId('Contact', contactUuid), profile: shared });
  }
}

export const Person = createUnionType({
  name: 'Person',
  description: '人 — a staff member or a contact (or a contact you may not read).',
  types: () => [Staff, Contact, RestrictedPerson] as const,
});

@ObjectType({ implements: Node, description: '人脉关系 — how two people know each other.' })
export class Relationship extends Node {
  @Field(() => RelationshipType, { description: 'Kind; REPORTS_TO runs from `from` (subordinate) to `to` (manager).' })
  type!: RelationshipType;

  @Field(() => Int, { description: '关系强度 — strength, 1 (weak) to 5 (strong).' })
  strength!: number;

  @Field(() => DateResolver, { nullable: true, description: 'Since when.' })
  since!: string | null;

  @Field(() => String, { nullable: true, description: 'Note.' })
  note!: string | null;

  @Field(() => DateTimeResolver, { description: 'When it was recorded (for REPORTS_TO from the org chart: when the contact was added).' })
  recordedAt!: Date;

  uuid!: string;
  from!: PersonRef;
  to!: PersonRef;
  recordedByUuid!: string | null;

  static from(row: EdgeRow): Relationship {
    return Object.assign(new Relationship(), {
      id: toGlobalId('Relationship', row.id),
      uuid: row.id,
      type: row.type,
      strength: Number(row.strength),
      since: row.since,
      note: row.note,
      recordedAt: row.recorded_at,
      from: { uuid: row.from_id, staff: row.from_staff },
      to: { uuid: row.to_id, staff: row.to_staff },
      recordedByUuid: row.recorded_by_id,
    });
  }
}

export const RelationshipConnection = Connection(Relationship, 'Relationship', 'A page of relationships.');
export type RelationshipConnection = InstanceType<typeof RelationshipConnection>;

@ObjectType({ description: '人脉地图 — the people around a customer and how they are tied, ready to draw.' })
export class RelationshipMap {
  @Field(() => [Person], {
    description: "The customer's contacts, the staff who know them, and (depth 2) the people those know.",
    complexity: ({ childComplexity }) => 1 + RELATIONSHIP_LIMITS.mapPeople * childComplexity,
  })
  people!: (typeof Person)[];

  @Field(() => [Relationship], {
    description: 'Every relationship among the people (and REPORTS_TO of the org chart).',
    complexity: ({ childComplexity }) => 1 + RELATIONSHIP_LIMITS.mapRelationships * childComplexity,
  })
  relationships!: Relationship[];

  @Field(() => [GroupCustomer], { description: 'This customer, its group HQ and member units, and related customers — those in your scope (the others show through their contacts’ `customerCode`).' })
  customers!: GroupCustomer[];

  @Field({ description: 'True when the map hit its size limit and was cut.' })
  truncated!: boolean;
}

@ObjectType({ description: '引荐路径 — a way to reach a contact through people one knows.' })
export class IntroductionPath {
  @Field(() => Int, { description: 'Number of relationships on the path.' })
  hops!: number;

  @Field(() => Int, { description: 'Strength of the weakest relationship on the path.' })
  strength!: number;

  @Field(() => [Person], { description: 'The people in order, from the staff member to the contact.' })
  people!: (typeof Person)[];

  @Field(() => [Relationship], { description: 'The relationships in order.' })
  relationships!: Relationship[];
}

@InputType({ description: 'Record how two people know each other; the same pair and type again updates it.' })
export class AddRelationshipInput {
  @Field(() => ID, { description: 'A staff member or contact (for REPORTS_TO: the subordinate).' })
  fromId!: string;

  @Field(() => ID, { description: 'Another staff member or contact (for REPORTS_TO: the manager).' })
  toId!: string;

  @Field(() => RelationshipType, { description: 'Kind of relationship.' })
  @IsEnum(RelationshipType)
  type!: RelationshipType;

  @Field(() => Int, { description: 'Strength 1–5.' })
  @IsInt()
  @Min(1, { message: 'strength must be between 1 and 5' })
  @Max(5, { message: 'strength must be between 1 and 5' })
  strength!: number;

  @Field(() => String, { nullable: true, description: 'Since when (YYYY-MM-DD, not in the future).' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'since must be a date YYYY-MM-DD' })
  since?: string | null;

  @Field(() => String, { nullable: true, description: 'Note.' })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;
}

@InputType({ description: "Remove a relationship (for REPORTS_TO also clears the contact's reports-to)." })
export class RemoveRelationshipInput {
  @Field(() => ID, { description: 'The relationship.' })
  id!: string;
}

export const AddRelationshipPayload = Payload(
  'AddRelationshipPayload',
  'Result of addRelationship.',
  {
    relationship: [() => Relationship, 'The relationship as recorded.'],
  },
  'Why nothing was recorded, if so.',
);
export type AddRelationshipPayload = InstanceType<typeof AddRelationshipPayload>;

@ObjectType({ description: 'Result of removeRelationship.' })
export class RemoveRelationshipPayload {
  @Field(() => ID, { nullable: true, description: 'Id of the removed relationship.' })
  removedId!: string | null;

  @Field(() => [UserError], { description: 'Why nothing was removed, if so.' })
  userErrors!: UserError[];
}
