import { IsEnum, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { NotBlank } from '../../platform/graphql/validation';
import { Connection } from '../../platform/graphql/connection';
import { partial, withExpectedVersion, withId } from '../../platform/graphql/input-mixins';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { DecimalScalar } from '../../platform/graphql/scalars';
import { Payload } from '../../platform/graphql/user-error';
import { CareActivityEntity } from './care-activity.entity';
import { CarePolicyEntity } from './care-policy.entity';
import { CareActivityKind, CareLevel, CareStatus, ContactAttitude, DecisionRole } from './contact.enums';
import { ContactEntity } from './contact.entity';

/** Raw queries (batched pages, the due list) hand `date` columns back as local-midnight Dates; the API shows YYYY-MM-DD. */
function dateOnly(value: string | Date | null): string | null {
  if (!(value instanceof Date)) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

@ObjectType({ implements: Node, description: '关键人物 — a key person of a group customer, in one of the four care levels 四级关怀.' })
export class Contact extends Node {
  @Field({ description: '姓名 — name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: '职务 — title.' })
  title!: string | null;

  @Field(() => String, { nullable: true, description: '部门 — department.' })
  department!: string | null;

  @Field(() => CareLevel, { description: '关怀级别 — care level.' })
  careLevel!: CareLevel;

  @Field(() => DecisionRole, { nullable: true, description: "决策角色 — role in the customer's decisions." })
  decisionRole!: DecisionRole | null;

  @Field(() => ContactAttitude, { nullable: true, description: '态度 — attitude towards us.' })
  attitude!: ContactAttitude | null;

  @Field(() => String, { nullable: true, description: '备注 — note.' })
  note!: string | null;

  @Field(() => DateResolver, {
    nullable: true,
    description: '离职 — the day the contact left their company; null while they are there. A contact who left stays in the org chart and the map, and is never due for care.',
  })
  leftOn!: string | null;

  @Field(() => Int, { description: 'Version for optimistic concurrency: pass it back as `expectedVersion`.' })
  version!: number;

  @Field(() => DateTimeResolver, { description: 'When the contact was added.' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When the contact last changed.' })
  updatedAt!: Date;

  // Stored on the contact and kept by triggers in the writing transaction (migration: contact care state).
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the newest care activity happened; null when never cared for.' })
  lastCaredAt!: Date | null;

  @Field(() => DateTimeResolver, {
    description: "When care is next due: the last touch plus the level's interval; when the contact was added, if never cared for.",
  })
  nextCareDueAt!: Date;

  uuid!: string;
  customerUuid!: string;
  reportsToUuid!: string | null;
  /** Personal data as stored; the resolver decides per viewer whether it shows (contact.policy.ts: personalData). */
  storedMobile!: string | null;
  storedEmail!: string | null;
  storedBirthday!: string | null;

  static from(entity: ContactEntity): Contact {
    return Object.assign(new Contact(), {
      id: toGlobalId('Contact', entity.id),
      uuid: entity.id,
      name: entity.name,
      title: entity.title,
      department: entity.department,
      careLevel: entity.careLevel,
      decisionRole: entity.decisionRole,
      attitude: entity.attitude,
      note: entity.note,
      leftOn: dateOnly(entity.leftOn as string | Date | null),
      version: entity.version,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
      lastCaredAt: entity.lastCaredAt,
      nextCareDueAt: entity.nextCareDueAt,
      customerUuid: entity.customerId,
      reportsToUuid: entity.reportsToId,
      storedMobile: entity.mobile,
      storedEmail: entity.email,
      storedBirthday: dateOnly(entity.birthday as string | Date | null),
    });
  }
}

export const ContactConnection = Connection(Contact, 'Contact', 'A page of contacts.');
export type ContactConnection = InstanceType<typeof ContactConnection>;

@ObjectType({ implements: Node, description: '关怀记录 — one care touch of a contact.' })
export class CareActivity extends Node {
  @Field(() => CareActivityKind, { description: '关怀方式 — kind of touch.' })
  kind!: CareActivityKind;

  @Field(() => DateTimeResolver, { description: 'When it happened.' })
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: 'Note.' })
  note!: string | null;

  @Field(() => DecimalScalar, { description: '费用 — cost, CNY.' })
  cost!: string;

  @Field(() => DateTimeResolver, { description: 'When it was recorded.' })
  createdAt!: Date;

  uuid!: string;
  contactUuid!: string;
  recordedByUuid!: string;

  static from(entity: CareActivityEntity): CareActivity {
    return Object.assign(new CareActivity(), {
      id: toGlobalId('CareActivity', entity.id),
      uuid: entity.id,
      kind: entity.kind,
      occurredAt: entity.occurredAt,
      note: entity.note,
      cost: entity.cost,
      createdAt: entity.createdAt,
      contactUuid: entity.contactId,
      recordedByUuid: entity.recordedById,
    });
  }
}

export const CareActivityConnection = Connection(CareActivity, 'CareActivity', 'A page of care activities, newest first.');
export type CareActivityConnection = InstanceType<typeof CareActivityConnection>;

@ObjectType({ implements: Node, description: '关怀策略 — the care policy of one care level.' })
export class CarePolicy extends Node {
  @Field(() => CareLevel, { description: 'The level it applies to.' })
  careLevel!: CareLevel;

  @Field(() => Int, { description: '关怀周期 — days allowed between two care touches.' })
  intervalDays!: number;

  @Field(() => Int, { description: '生日提醒 — days before a birthday that it shows on the due list.' })
  birthdayWindowDays!: number;

  @Field(() => Int, { description: 'Days before the due moment that a contact counts as DUE_SOON.' })
  dueSoonDays!: number;

  @Field(() => DateTimeResolver, { description: 'When it last changed.' })
  updatedAt!: Date;

  uuid!: string;
  updatedByUuid!: string | null;

  static from(entity: CarePolicyEntity): CarePolicy {
    return Object.assign(new CarePolicy(), {
      id: toGlobalId('CarePolicy', entity.id),
      uuid: entity.id,
      careLevel: entity.careLevel,
      intervalDays: entity.intervalDays,
      birthdayWindowDays: entity.birthdayWindowDays,
      dueSoonDays: entity.dueSoonDays,
      updatedAt: entity.updatedAt,
      updatedByUuid: entity.updatedById,
    });
  }
}

@ObjectType({ description: '关怀覆盖 — how well one care level of a customer is cared for.' })
export class CareCoverage {
  @Field(() => CareLevel, { description: 'The care level.' })
  careLevel!: CareLevel;

  @Field(() => Int, { description: 'Contacts at this level you may see.' })
  contacts!: number;

  @Field(() => Int, { description: 'Of those, how many are ON_TRACK.' })
  onTrack!: number;
}

@InputType({ description: 'Which contacts to list; every condition must hold.' })
export class ContactFilter {
  @Field(() => ID, { nullable: true, description: 'Contacts of this customer only.' })
  @IsOptional()
  customerId?: string | null;

  @Field(() => [CareLevel], { nullable: true, description: 'Any of these care levels.' })
  @IsOptional()
  careLevels?: CareLevel[] | null;

  @Field(() => [CareStatus], { nullable: true, description: 'Any of these care statuses (as of now).' })
  @IsOptional()
  careStatuses?: CareStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Name, title or department contains this (case-insensitive).' })
  @IsOptional()
  @MaxLength(64)
  text?: string | null;
}

/** What describes a contact, as a new one states it; an update states any of it (EditedContactFields). */
@InputType()
abstract class ContactFields {
  @Field({ description: '姓名 — name.' })
  @NotBlank({ message: 'name must not be blank' })
  @MaxLength(64)
  name!: string;

  @Field(() => String, { nullable: true, description: '职务 — title.' })
  @IsOptional()
  @MaxLength(64)
  title?: string | null;

  @Field(() => String, { nullable: true, description: '部门 — department.' })
  @IsOptional()
  @MaxLength(64)
  department?: string | null;

  @Field(() => CareLevel, { description: '关怀级别 — care level.' })
  @IsEnum(CareLevel)
  careLevel!: CareLevel;

  @Field(() => DecisionRole, { nullable: true, description: '决策角色 — decision role.' })
  @IsOptional()
  decisionRole?: DecisionRole | null;

  @Field(() => ContactAttitude, { nullable: true, description: '态度 — attitude towards us.' })
  @IsOptional()
  attitude?: ContactAttitude | null;

  @Field(() => ID, { nullable: true, description: 'The contact this one reports to: a contact of the same customer.' })
  @IsOptional()
  reportsToId?: string | null;

  @Field(() => String, { nullable: true, description: '手机 — mainland mobile number, e.g. 13812345678.' })
  @IsOptional()
  mobile?: string | null;

  @Field(() => String, { nullable: true, description: 'Email address.' })
  @IsOptional()
  email?: string | null;

  @Field(() => String, { nullable: true, description: '生日 — birthday, YYYY-MM-DD.' })
  @IsOptional()
  birthday?: string | null;

  @Field(() => String, { nullable: true, description: '备注 — note.' })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}

@InputType({ description: 'A new key contact of a customer.' })
export class CreateContactInput extends ContactFields {
  @Field(() => ID, { description: 'The customer.' })
  customerId!: string;
}

const EditedContactFields = partial(ContactFields, {
  attitude: '态度 — attitude.',
  reportsToId: 'Reports to (same customer); null detaches.',
  mobile: '手机 — mainland mobile number.',
});

@InputType({ description: 'Changes to a contact: omitted fields stay; null (or an empty string) clears an optional one.' })
export class UpdateContactInput extends withExpectedVersion(withId(EditedContactFields, 'The contact.')) {}

@InputType({ description: 'Record a care touch 关怀 of a contact, done by you.' })
export class RecordCareActivityInput {
  @Field(() => ID, { description: 'The contact cared for.' })
  contactId!: string;

  @Field(() => CareActivityKind, { description: '关怀方式 — kind of touch.' })
  @IsEnum(CareActivityKind)
  kind!: CareActivityKind;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it happened (not in the future); default now.' })
  @IsOptional()
  occurredAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Note.' })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: '费用 — cost in CNY (≥ 0); default 0.' })
  @IsOptional()
  cost?: string | null;
}

@InputType({ description: 'Change the care policy of one care level (admin).' })
export class SetCarePolicyInput {
  @Field(() => CareLevel, { description: 'The level.' })
  @IsEnum(CareLevel)
  careLevel!: CareLevel;

  @Field(() => Int, { nullable: true, description: 'Days between care touches (1–3650).' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'intervalDays must be at least 1' })
  @Max(3650, { message: 'intervalDays must be at most 3650' })
  intervalDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Birthday reminder window in days (0–90).' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'birthdayWindowDays must not be negative' })
  @Max(90, { message: 'birthdayWindowDays must be at most 90' })
  birthdayWindowDays?: number | null;

  @Field(() => Int, { nullable: true, description: 'Days before the due moment that count as DUE_SOON (0–365).' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'dueSoonDays must not be negative' })
  @Max(365, { message: 'dueSoonDays must be at most 365' })
  dueSoonDays?: number | null;
}

export const CreateContactPayload = Payload(
  'CreateContactPayload',
  'Result of createContact.',
  {
    contact: [() => Contact, 'The new contact.'],
  },
  'Why nothing was created, if so.',
);
export type CreateContactPayload = InstanceType<typeof CreateContactPayload>;

export const UpdateContactPayload = Payload(
  'UpdateContactPayload',
  'Result of updateContact.',
  {
    contact: [() => Contact, 'The contact as it is now.'],
  },
  'Why nothing changed, if so.',
);
export type UpdateContactPayload = InstanceType<typeof UpdateContactPayload>;

export const RecordCareActivityPayload = Payload(
  'RecordCareActivityPayload',
  'Result of recordCareActivity.',
  {
    careActivity: [() => CareActivity, 'The recorded activity.'],
  },
  'Why nothing was recorded, if so.',
);
export type RecordCareActivityPayload = InstanceType<typeof RecordCareActivityPayload>;

export const SetCarePolicyPayload = Payload(
  'SetCarePolicyPayload',
  'Result of setCarePolicy.',
  {
    carePolicy: [() => CarePolicy, 'The policy as it is now.'],
  },
  'Why nothing changed, if so.',
);
export type SetCarePolicyPayload = InstanceType<typeof SetCarePolicyPayload>;
