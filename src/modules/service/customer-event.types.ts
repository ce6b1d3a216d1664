import { IsEnum, IsOptional, MaxLength } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { DecimalScalar } from '../../platform/graphql/scalars';
import { Payload } from '../../platform/graphql/user-error';
import { CustomerEventEntity } from './customer-event.entity';
import { CustomerEventKind } from './service.enums';

@ObjectType({ implements: Node, description: '客户活动 — 开讲堂 / 走出去 / 请进来: one event with its customers, attending contacts and the opportunities it produced.' })
export class CustomerEvent extends Node {
  @Field(() => CustomerEventKind, { description: 'Kind of event.' })
  kind!: CustomerEventKind;

  @Field(() => DateTimeResolver, { description: 'When it took place.' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'What it was about.' })
  note!: string | null;

  @Field(() => DecimalScalar, { description: '费用 — its whole cost, CNY; each attendee’s care activity carries an equal share.' })
  cost!: string;

  @Field(() => DateTimeResolver, { description: 'When it was recorded.' })
  recordedAt!: Date;

  uuid!: string;
  recordedByUuid!: string;

  static from(entity: CustomerEventEntity): CustomerEvent {
    return Object.assign(new CustomerEvent(), {
      id: toGlobalId('CustomerEvent', entity.id),
      uuid: entity.id,
      kind: entity.kind,
      at: entity.at,
      note: entity.note,
      cost: entity.cost,
      recordedAt: entity.createdAt,
      recordedByUuid: entity.recordedById,
    });
  }
}

export const CustomerEventConnection = Connection(CustomerEvent, 'CustomerEvent', 'A page of customer events, newest first.');
export type CustomerEventConnection = InstanceType<typeof CustomerEventConnection>;

@InputType({ description: 'Which customer events to list; every condition must hold.' })
export class CustomerEventFilter {
  @Field(() => ID, { nullable: true, description: 'Events this customer took part in.' })
  @IsOptional()
  customerId?: string | null;

  @Field(() => [CustomerEventKind], { nullable: true, description: 'Any of these kinds.' })
  @IsOptional()
  kinds?: CustomerEventKind[] | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'At or after this moment.' })
  @IsOptional()
  from?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Before this moment.' })
  @IsOptional()
  to?: Date | null;
}

@InputType({ description: '客户活动 — an event that took place: a care activity of its kind is recorded for every attendee, in one transaction.' })
export class RecordCustomerEventInput {
  @Field(() => CustomerEventKind, { description: '开讲堂 TRAINING / 走出去 ONSITE / 请进来 EXPERIENCE.' })
  @IsEnum(CustomerEventKind)
  kind!: CustomerEventKind;

  @Field(() => [ID], { description: 'The customers taking part (1–20), each one whose contacts you keep.' })
  customerIds!: string[];

  @Field(() => [ID], { description: 'The contacts who attended (1–200), each a contact of one of those customers.' })
  attendeeIds!: string[];

  @Field(() => DateTimeResolver, { description: 'When it took place (not in the future).' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'What it was about (at most 1,000 characters).' })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: '费用 — its whole cost in CNY (≥ 0); default 0.' })
  @IsOptional()
  cost?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Opportunities it produced, of its customers.' })
  @IsOptional()
  opportunityIds?: string[] | null;
}

@InputType({ description: 'Link an event to opportunities it produced.' })
export class LinkEventOpportunitiesInput {
  @Field(() => ID, { description: 'The event.' })
  eventId!: string;

  @Field(() => [ID], { description: 'Opportunities of the event’s customers (1–100); already linked ones are left as they are.' })
  opportunityIds!: string[];
}

export const CustomerEventPayload = Payload(
  'CustomerEventPayload',
  'Result of recordCustomerEvent or linkEventOpportunities.',
  { customerEvent: [() => CustomerEvent, 'The event as it is now.'] },
  'Why nothing was written, if so.',
);
export type CustomerEventPayload = InstanceType<typeof CustomerEventPayload>;
