import { IsBoolean, IsInt, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { Payload } from '../../platform/graphql/user-error';
import { CustomerGrade } from '../customers/customer.enums';
import { SatisfactionSurveyEntity } from './satisfaction-survey.entity';
import { SatisfactionGrouping } from './service.enums';
import { ServicePeriodInput } from './service-period';

@ObjectType({ implements: Node, description: '满意度调查 — one customer’s satisfaction score for one period.' })
export class SatisfactionSurvey extends Node {
  @Field({ description: 'The period: `2025` or `2025-Q3`.' })
  period!: string;

  @Field(() => Int, { description: '满意度 1–10.' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'What the customer said.' })
  note!: string | null;

  @Field(() => DateTimeResolver, { description: 'When it was recorded (or last replaced).' })
  recordedAt!: Date;

  uuid!: string;
  customerUuid!: string;
  recordedByUuid!: string;

  static from(entity: SatisfactionSurveyEntity): SatisfactionSurvey {
    return Object.assign(new SatisfactionSurvey(), {
      id: toGlobalId('SatisfactionSurvey', entity.id),
      uuid: entity.id,
      period: entity.period,
      score: entity.score,
      note: entity.note,
      recordedAt: entity.recordedAt,
      customerUuid: entity.customerId,
      recordedByUuid: entity.recordedById,
    });
  }
}

@ObjectType({ description: 'One group of the satisfaction report.' })
export class SatisfactionRow {
  @Field(() => Int, { description: 'Customers surveyed in the period.' })
  surveyed!: number;

  @Field(() => Float, { description: 'Their average score (1–10).' })
  averageScore!: number;

  @Field({ description: 'Whether the average reaches the target.' })
  meetsTarget!: boolean;

  @Field(() => CustomerGrade, { nullable: true, description: 'by GRADE: the grade.' })
  grade!: CustomerGrade | null;

  key!: string;
  by!: SatisfactionGrouping;
}

@ObjectType({ description: '满意度报表 — the satisfaction of your customers in a period against the target.' })
export class SatisfactionReport {
  @Field({ description: 'The period.' })
  period!: string;

  @Field(() => Float, { description: '满意度目标 — the target average (businessRules.service.satisfactionTarget).' })
  target!: number;

  @Field(() => Int, { description: 'Customers surveyed.' })
  surveyed!: number;

  @Field(() => Float, { nullable: true, description: 'The average over every survey; null when none.' })
  averageScore!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the overall average reaches the target; null when none.' })
  meetsTarget!: boolean | null;

  @Field(() => [SatisfactionRow], { description: 'One row per group.' })
  rows!: SatisfactionRow[];
}

@InputType({ description: '满意度调查 — a customer’s score for a period; once per customer and period unless `replace`.' })
export class RecordSatisfactionInput {
  @Field(() => ID, { description: 'The customer.' })
  customerId!: string;

  @Field(() => ServicePeriodInput, { description: 'The period surveyed (begun already).' })
  @ValidateNested()
  period!: ServicePeriodInput;

  @Field(() => Int, { description: '满意度 1–10.' })
  @IsInt()
  @Min(1, { message: 'score must be 1–10' })
  @Max(10, { message: 'score must be 1–10' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'What the customer said (at most 1,000 characters).' })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Replace a score already recorded for the period (otherwise ALREADY_EXISTS).' })
  @IsBoolean()
  replace!: boolean;
}

export const RecordSatisfactionPayload = Payload(
  'RecordSatisfactionPayload',
  'Result of recordSatisfaction.',
  { satisfactionSurvey: [() => SatisfactionSurvey, 'The survey as recorded.'] },
  'Why nothing was recorded, if so.',
);
export type RecordSatisfactionPayload = InstanceType<typeof RecordSatisfactionPayload>;
