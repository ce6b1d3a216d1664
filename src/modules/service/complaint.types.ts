import { IsEnum, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { NoFields, withExpectedVersion, withId } from '../../platform/graphql/input-mixins';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { Payload } from '../../platform/graphql/user-error';
import { NotBlank } from '../../platform/graphql/validation';
import { ComplaintEventEntity } from './complaint-event.entity';
import { ComplaintEntity } from './complaint.entity';
import { ComplaintAction, ComplaintCategory, ComplaintChannel, ComplaintSeverity, ComplaintState } from './service.enums';

@ObjectType({ implements: Node, description: '投诉 — a complaint of a group customer, handled under 首问负责制 until its callback closes it.' })
export class Complaint extends Node {
  @Field({ description: '投诉编号 — TS<yyyymm>-<6 digits>.' })
  code!: string;

  @Field(() => ComplaintChannel, { description: '投诉渠道 — how it reached us.' })
  channel!: ComplaintChannel;

  @Field(() => ComplaintCategory, { description: '投诉类别 — what it is about.' })
  category!: ComplaintCategory;

  @Field(() => ComplaintSeverity, { description: '投诉等级 — decides the deadline.' })
  severity!: ComplaintSeverity;

  @Field(() => ComplaintState, { description: '投诉状态 — where it stands.' })
  state!: ComplaintState;

  @Field(() => DateTimeResolver, { description: '处理时限 — when it must be resolved: recorded plus the severity’s hours (halved for A1/A2), under `ruleVersion`.' })
  dueAt!: Date;

  @Field(() => Int, { description: 'The business-rule version whose deadlines set `dueAt`.' })
  ruleVersion!: number;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was last resolved.' })
  resolvedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the callback closed it.' })
  closedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: '回访满意度 — the latest callback’s score, 1–5.' })
  callbackSatisfaction!: number | null;

  @Field(() => Int, { description: 'How often a dissatisfied callback reopened it.' })
  reopenedCount!: number;

  @Field(() => Int, { description: 'Version for optimistic concurrency: pass it back as `expectedVersion`.' })
  version!: number;

  @Field(() => DateTimeResolver, { description: '受理时间 — when it was recorded.' })
  recordedAt!: Date;

  uuid!: string;
  customerUuid!: string;
  contactUuid!: string | null;
  firstResponderUuid!: string;
  handlerUuid!: string | null;
  storedDescription!: string;
  storedResolution!: string | null;

  static from(entity: ComplaintEntity): Complaint {
    return Object.assign(new Complaint(), {
      id: toGlobalId('Complaint', entity.id),
      uuid: entity.id,
      code: entity.code,
      channel: entity.channel,
      category: entity.category,
      severity: entity.severity,
      state: entity.state,
      dueAt: entity.dueAt,
      ruleVersion: entity.ruleVersion,
      resolvedAt: entity.resolvedAt,
      closedAt: entity.closedAt,
      callbackSatisfaction: entity.callbackSatisfaction,
      reopenedCount: entity.reopenedCount,
      version: entity.version,
      recordedAt: entity.createdAt,
      customerUuid: entity.customerId,
      contactUuid: entity.contactId,
      firstResponderUuid: entity.firstResponderId,
      handlerUuid: entity.handlerId,
      storedDescription: entity.description,
      storedResolution: entity.resolution,
    });
  }
}

export const ComplaintConnection = Connection(Complaint, 'Complaint', 'A page of complaints.');
export type ComplaintConnection = InstanceType<typeof ComplaintConnection>;

@ObjectType({ description: 'One move of a complaint: who, when, from which state to which.' })
export class ComplaintHistoryEntry {
  @Field(() => DateTimeResolver, { description: 'When.' })
  at!: Date;

  @Field(() => ComplaintAction, { description: 'What was done.' })
  action!: ComplaintAction;

  @Field(() => ComplaintState, { nullable: true, description: 'State before; null for RECORD.' })
  fromState!: ComplaintState | null;

  @Field(() => ComplaintState, { description: 'State after.' })
  toState!: ComplaintState;

  @Field(() => Int, { nullable: true, description: 'The callback’s score (CLOSE, REOPEN).' })
  satisfaction!: number | null;

  actorUuid!: string;
  handlerUuid!: string | null;
  storedNote!: string | null;

  static from(entity: ComplaintEventEntity): ComplaintHistoryEntry {
    return Object.assign(new ComplaintHistoryEntry(), {
      at: entity.at,
      action: entity.action,
      fromState: entity.fromState,
      toState: entity.toState,
      satisfaction: entity.satisfaction,
      actorUuid: entity.actorId,
      handlerUuid: entity.handlerId,
      storedNote: entity.note,
    });
  }
}

@InputType({ description: 'Which complaints to list; every condition must hold.' })
export class ComplaintFilter {
  @Field(() => [ComplaintState], { nullable: true, description: 'Any of these states.' })
  @IsOptional()
  states?: ComplaintState[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: open and past the deadline as of now; false: not overdue.' })
  @IsOptional()
  overdue?: boolean | null;

  @Field(() => [ComplaintSeverity], { nullable: true, description: 'Any of these severities.' })
  @IsOptional()
  severities?: ComplaintSeverity[] | null;

  @Field(() => ID, { nullable: true, description: 'Complaints of this customer.' })
  @IsOptional()
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Complaints this staff member is responsible for: as first responder or as handler.' })
  @IsOptional()
  responsibleId?: string | null;
}

@InputType({ description: '受理投诉 — record a complaint; you become its first responder 首问负责人.' })
export class RecordComplaintInput {
  @Field(() => ID, { description: 'The customer.' })
  customerId!: string;

  @Field(() => ID, { nullable: true, description: 'The contact who complained, a contact of that customer.' })
  @IsOptional()
  contactId?: string | null;

  @Field(() => ComplaintChannel, { description: '投诉渠道.' })
  @IsEnum(ComplaintChannel)
  channel!: ComplaintChannel;

  @Field(() => ComplaintCategory, { description: '投诉类别.' })
  @IsEnum(ComplaintCategory)
  category!: ComplaintCategory;

  @Field(() => ComplaintSeverity, { description: '投诉等级: sets the deadline.' })
  @IsEnum(ComplaintSeverity)
  severity!: ComplaintSeverity;

  @Field({ description: 'What the customer says (at most 2,000 characters).' })
  @NotBlank({ message: 'description must not be blank' })
  @MaxLength(2000)
  description!: string;
}

@InputType({ description: 'A move of a complaint that needs nothing else.' })
export class ComplaintActionInput extends withExpectedVersion(withId(NoFields, 'The complaint.')) {}

@InputType({ description: '转派 — hand a complaint to a handler; the first responder stays accountable.' })
export class HandOverComplaintInput extends withExpectedVersion(withId(NoFields, 'The complaint.')) {
  @Field(() => ID, { description: 'The handler: active staff of ours who may read the customer.' })
  handlerId!: string;

  @Field({ description: 'What the handler should know (at most 2,000 characters).' })
  @NotBlank({ message: 'note must not be blank' })
  @MaxLength(2000)
  note!: string;
}

@InputType({ description: '解决 — resolve a complaint in progress.' })
export class ResolveComplaintInput extends withExpectedVersion(withId(NoFields, 'The complaint.')) {
  @Field({ description: 'What was done (at most 2,000 characters).' })
  @NotBlank({ message: 'resolution must not be blank' })
  @MaxLength(2000)
  resolution!: string;
}

@InputType({ description: '回访 — the callback after a resolution: 3–5 closes the complaint, 1–2 reopens it.' })
export class CallBackComplaintInput extends withExpectedVersion(withId(NoFields, 'The complaint.')) {
  @Field(() => Int, { description: '满意度 1–5.' })
  @IsInt()
  @Min(1, { message: 'satisfaction must be 1–5' })
  @Max(5, { message: 'satisfaction must be 1–5' })
  satisfaction!: number;

  @Field(() => String, { nullable: true, description: 'What the customer said.' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;
}

export const ComplaintPayload = Payload('ComplaintPayload', 'Result of a complaint mutation.', { complaint: [() => Complaint, 'The complaint as it is now.'] }, 'Why nothing changed, if so.');
export type ComplaintPayload = InstanceType<typeof ComplaintPayload>;
