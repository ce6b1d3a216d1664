import { IsOptional, MaxLength } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Role } from '../../platform/auth/viewer';
import { Connection } from '../../platform/graphql/connection';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { Payload } from '../../platform/graphql/user-error';
import { NotBlank } from '../../platform/graphql/validation';
import { CustomerReclassificationEntity } from './customer-reclassification.entity';
import { CustomerGrade, ManagementLevel, ReclassificationState } from './customer.enums';

@ObjectType({ implements: Node, description: '变更申请 — a request to change a customer’s management level or grade, decided by the leader above.' })
export class CustomerReclassification extends Node {
  @Field(() => ManagementLevel, { description: 'The level when it was asked.' })
  fromLevel!: ManagementLevel;

  @Field(() => ManagementLevel, { nullable: true, description: 'The level asked for; null: unchanged.' })
  toLevel!: ManagementLevel | null;

  @Field(() => CustomerGrade, { description: 'The grade when it was asked.' })
  fromGrade!: CustomerGrade;

  @Field(() => CustomerGrade, { nullable: true, description: 'The grade asked for; null: unchanged.' })
  toGrade!: CustomerGrade | null;

  @Field({ description: 'Why.' })
  reason!: string;

  @Field(() => Role, { description: 'Who decides: the city leader (COUNTY↔CITY, grades B–D) or the province leader (PROVINCE, A1/A2).' })
  deciderRole!: Role;

  @Field(() => ReclassificationState, { description: 'Where it stands.' })
  state!: ReclassificationState;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was decided.' })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The decider’s comment.' })
  comment!: string | null;

  @Field(() => Int, { description: 'Pass it back as `expectedVersion`.' })
  version!: number;

  @Field(() => DateTimeResolver, { description: 'When it was asked.' })
  createdAt!: Date;

  uuid!: string;
  customerUuid!: string;
  requestedByUuid!: string;
  decidedByUuid!: string | null;
  deciderRegionUuid!: string;

  static from(entity: CustomerReclassificationEntity): CustomerReclassification {
    return Object.assign(new CustomerReclassification(), {
      id: toGlobalId('CustomerReclassification', entity.id),
      uuid: entity.id,
      fromLevel: entity.fromLevel,
      toLevel: entity.toLevel,
      fromGrade: entity.fromGrade,
      toGrade: entity.toGrade,
      reason: entity.reason,
      deciderRole: entity.deciderRole,
      state: entity.state,
      decidedAt: entity.decidedAt,
      comment: entity.comment,
      version: entity.version,
      createdAt: entity.createdAt,
      customerUuid: entity.customerId,
      requestedByUuid: entity.requestedById,
      decidedByUuid: entity.decidedById,
      deciderRegionUuid: entity.deciderRegionId,
    });
  }
}

export const CustomerReclassificationConnection = Connection(CustomerReclassification, 'CustomerReclassification', 'A page of change requests, oldest first.');
export type CustomerReclassificationConnection = InstanceType<typeof CustomerReclassificationConnection>;

@InputType({ description: 'Ask the leader above to change a customer’s management level and/or grade.' })
export class RequestCustomerReclassificationInput {
  @Field(() => ID, { description: 'The customer; one you keep.' })
  customerId!: string;

  @Field(() => ManagementLevel, { nullable: true, description: 'The level asked for.' })
  @IsOptional()
  managementLevel?: ManagementLevel | null;

  @Field(() => CustomerGrade, { nullable: true, description: 'The grade asked for.' })
  @IsOptional()
  grade?: CustomerGrade | null;

  @Field({ description: 'Why; the decider reads it.' })
  @NotBlank()
  @MaxLength(1000)
  reason!: string;
}

@InputType({ description: 'Approve or reject a change request (the leader whose seat decides it).' })
export class DecideReclassificationInput {
  @Field(() => ID, { description: 'The request.' })
  id!: string;

  @Field({ description: 'true approves (the customer changes at once), false rejects.' })
  approve!: boolean;

  @Field(() => String, { nullable: true, description: 'Comment; required to reject.' })
  @IsOptional()
  @MaxLength(1000)
  comment?: string | null;

  @Field(() => Int, { nullable: true, description: 'The `version` you read; a stale one answers VERSION_CONFLICT.' })
  @IsOptional()
  expectedVersion?: number | null;
}

export const RequestCustomerReclassificationPayload = Payload(
  'RequestCustomerReclassificationPayload',
  'Result of requestCustomerReclassification.',
  { reclassification: [() => CustomerReclassification, 'The new request.'] },
  'Why nothing was asked, if so.',
);
export type RequestCustomerReclassificationPayload = InstanceType<typeof RequestCustomerReclassificationPayload>;

export const DecideReclassificationPayload = Payload(
  'DecideReclassificationPayload',
  'Result of decideReclassification.',
  { reclassification: [() => CustomerReclassification, 'The decided request.'] },
  'Why nothing was decided, if so.',
);
export type DecideReclassificationPayload = InstanceType<typeof DecideReclassificationPayload>;
