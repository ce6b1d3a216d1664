import { IsEnum, IsOptional, MaxLength } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Role } from '../../platform/auth/viewer';
import { Connection } from '../../platform/graphql/connection';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { DecimalScalar } from '../../platform/graphql/scalars';
import { Payload } from '../../platform/graphql/user-error';
import { IncentiveDecision, IncentiveState } from './follow-through.enums';
import { IncentiveEntity } from './incentive.entity';
import { opportunityRules } from './opportunity.config';
import { Opportunity } from './opportunity.types';

/*
 * The GraphQL types, inputs and payloads of incentive applications 激励申报
 * (DOMAIN.md: Follow-through). Partners never see them (opportunity.policy.ts).
 */

@ObjectType({
  implements: Node,
  description: '激励申报 — an incentive application for an approved, in-progress or won opportunity, decided by the leader one level up. Not shown to partners.',
})
export class Incentive extends Node {
  @Field(() => DecimalScalar, { description: '激励金额 — amount applied for, CNY.' })
  amount!: string;

  @Field(() => String, { nullable: true, description: '申报说明 — why, in the filer’s words.' })
  note!: string | null;

  @Field(() => IncentiveState, { description: '状态 — PENDING until decided.' })
  state!: IncentiveState;

  @Field(() => Role, { description: 'The leader role that decides it: the one above the filer’s (the province leader for province-level ones).' })
  deciderRole!: Role;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was decided.' })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: '审批意见 — the decider’s comment.' })
  comment!: string | null;

  @Field(() => DateTimeResolver, { description: 'When it was filed.' })
  createdAt!: Date;

  uuid!: string;
  opportunityUuid!: string;
  requestedByUuid!: string;
  deciderRegionUuid!: string;
  decidedByUuid!: string | null;

  static from(entity: IncentiveEntity): Incentive {
    return Object.assign(new Incentive(), {
      id: toGlobalId('Incentive', entity.id),
      uuid: entity.id,
      amount: entity.amount,
      note: entity.note,
      state: entity.state,
      deciderRole: entity.deciderRole,
      decidedAt: entity.decidedAt,
      comment: entity.comment,
      createdAt: entity.createdAt,
      opportunityUuid: entity.opportunityId,
      requestedByUuid: entity.requestedById,
      deciderRegionUuid: entity.deciderRegionId,
      decidedByUuid: entity.decidedById,
    });
  }
}

export const IncentiveConnection = Connection(Incentive, 'Incentive', 'A page of incentive applications, oldest first.');
export type IncentiveConnection = InstanceType<typeof IncentiveConnection>;

@InputType({ description: '激励申报 — an incentive application for an APPROVED, IN_PROGRESS or WON opportunity (a leader over its customer).' })
export class RequestIncentiveInput {
  @Field(() => ID, { description: 'The opportunity.' })
  opportunityId!: string;

  @Field(() => DecimalScalar, { description: '激励金额 — amount applied for, CNY (> 0).' })
  amount!: string;

  @Field(() => String, { nullable: true, description: 'Note.' })
  @IsOptional()
  @MaxLength(opportunityRules.commentMaxLength)
  note?: string | null;
}

@InputType({ description: 'The decision on an incentive application (the leader one level up from the filer).' })
export class DecideIncentiveInput {
  @Field(() => ID, { description: 'The incentive application.' })
  id!: string;

  @Field(() => IncentiveDecision, { description: 'APPROVE or REJECT.' })
  @IsEnum(IncentiveDecision)
  decision!: IncentiveDecision;

  @Field(() => String, { nullable: true, description: '审批意见 — comment; required to REJECT.' })
  @IsOptional()
  @MaxLength(opportunityRules.commentMaxLength)
  comment?: string | null;
}

export const RequestIncentivePayload = Payload(
  'RequestIncentivePayload',
  'Result of requestIncentive.',
  {
    incentive: [() => Incentive, 'The incentive application (PENDING).'],
    opportunity: [() => Opportunity, 'The opportunity.'],
  },
  'Why nothing was filed, if so.',
);
export type RequestIncentivePayload = InstanceType<typeof RequestIncentivePayload>;

export const DecideIncentivePayload = Payload(
  'DecideIncentivePayload',
  'Result of decideIncentive.',
  {
    incentive: [() => Incentive, 'The application as decided.'],
  },
  'Why nothing was decided, if so (INVALID_TRANSITION when someone decided it first).',
);
export type DecideIncentivePayload = InstanceType<typeof DecideIncentivePayload>;
