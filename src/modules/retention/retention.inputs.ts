import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DateResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { NotBlank } from '../../platform/graphql/validation';
import { CustomerGrade } from '../customers/customer.enums';
import { Carrier } from '../opportunities/opportunity.enums';
import { AbandonReason, LossReason, RetentionActionKind, RetentionCaseStage, RetentionOutcome, RiskLevel, RiskSignalKind } from './retention.enums';

/** Rows a billing call may carry (DOMAIN.md: Retention — batches from BOSS). */
export const MAX_REVENUE_ROWS = 5000;

@InputType({ description: 'One billed month of one customer.' })
export class MonthlyRevenueRowInput {
  @Field({ description: '集团编号 — the customer code.' })
  customerCode!: string;

  @Field({ description: 'The month, YYYY-MM.' })
  month!: string;

  @Field({ description: 'Revenue billed, CNY: a non-negative decimal with at most two decimals, e.g. "41200.00".' })
  revenue!: string;
}

@InputType({ description: 'A billing batch: re-sending a customer’s month replaces it.' })
export class RecordMonthlyRevenueInput {
  @Field(() => [MonthlyRevenueRowInput], { description: `1–${MAX_REVENUE_ROWS.toLocaleString('en')} rows, written in one transaction or not at all.` })
  rows!: MonthlyRevenueRowInput[];
}

@InputType({ description: 'Which customers at risk to list.' })
export class AtRiskCustomerFilter {
  @Field(() => RiskLevel, { nullable: true, description: 'Only this level (default: MEDIUM and HIGH).' })
  level?: RiskLevel | null;

  @Field(() => CustomerGrade, { nullable: true, description: 'Only this grade.' })
  grade?: CustomerGrade | null;

  @Field(() => ID, { nullable: true, description: 'Only customers in this region or below.' })
  regionId?: string | null;

  @Field(() => RiskSignalKind, { nullable: true, description: 'Only customers showing this signal.' })
  signal?: RiskSignalKind | null;
}

@InputType({ description: 'Open a retention case 挽回 by hand.' })
export class OpenRetentionCaseInput {
  @Field(() => ID, { description: 'The customer.' })
  customerId!: string;

  @Field(() => String, { nullable: true, description: 'Why (at most 1,000 characters).' })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}

@InputType({ description: 'Accept the case a HIGH risk proposes.' })
export class AcceptRetentionProposalInput extends OpenRetentionCaseInput {}

@InputType({ description: 'Log what was done on a case.' })
export class LogRetentionActionInput {
  @Field(() => ID, { description: 'The case.' })
  caseId!: string;

  @Field(() => RetentionActionKind, { description: 'Visit, offer, escalation or note.' })
  kind!: RetentionActionKind;

  @Field(() => DateResolver, { description: 'The day it happened (China); not in the future.' })
  occurredOn!: Date;

  @Field({ description: 'What was done or agreed (at most 2,000 characters).' })
  @NotBlank()
  @MaxLength(2000)
  note!: string;
}

@InputType({ description: 'Close a case with its outcome.' })
export class CloseRetentionCaseInput {
  @Field(() => ID, { description: 'The case.' })
  caseId!: string;

  @Field(() => Int, { nullable: true, description: 'The `version` you read; a stale one answers VERSION_CONFLICT.' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;

  @Field(() => RetentionOutcome, { description: 'RETAINED, LOST or ABANDONED.' })
  outcome!: RetentionOutcome;

  @Field(() => LossReason, { nullable: true, description: 'Required for LOST.' })
  lossReason?: LossReason | null;

  @Field(() => Carrier, { nullable: true, description: 'Required for LOST to COMPETITOR: the rival carrier.' })
  rivalCarrier?: Carrier | null;

  @Field(() => AbandonReason, { nullable: true, description: 'Required for ABANDONED: MALICIOUS_ARREARS or LOW_VALUE only.' })
  abandonReason?: AbandonReason | null;

  @Field(() => String, { nullable: true, description: 'What happened (at most 1,000 characters; required for LOST with OTHER).' })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}

@InputType({ description: 'Which retention cases to list.' })
export class RetentionCaseFilter {
  @Field(() => [RetentionCaseStage], { nullable: true, description: 'Only these stages.' })
  stages?: RetentionCaseStage[] | null;

  @Field(() => RetentionOutcome, { nullable: true, description: 'Only this outcome.' })
  outcome?: RetentionOutcome | null;

  @Field(() => ID, { nullable: true, description: 'Only this customer’s.' })
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only customers in this region or below.' })
  regionId?: string | null;

  @Field(() => DateResolver, { nullable: true, description: 'Opened on or after this day (China).' })
  openedFrom?: Date | null;

  @Field(() => DateResolver, { nullable: true, description: 'Opened on or before this day (China).' })
  openedTo?: Date | null;

  @Field(() => DateResolver, { nullable: true, description: 'Closed on or after this day (China).' })
  closedFrom?: Date | null;

  @Field(() => DateResolver, { nullable: true, description: 'Closed on or before this day (China).' })
  closedTo?: Date | null;
}

@InputType({ description: 'One segment rule; every condition given must hold, none means every customer.' })
export class SegmentRuleInput {
  @Field({ description: 'Segment code: 1–32 letters, digits or _, unique in the list.' })
  code!: string;

  @Field({ description: 'Segment name (1–64 characters).' })
  @NotBlank()
  @MaxLength(64)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Monthly revenue at least this (CNY).' })
  minRevenue?: string | null;

  @Field(() => String, { nullable: true, description: 'Monthly revenue at most this (CNY).' })
  maxRevenue?: string | null;

  @Field(() => Float, { nullable: true, description: '6-month growth at least this percent (−100–10,000).' })
  @IsOptional()
  @Min(-100)
  @Max(10000)
  minGrowthPercent?: number | null;

  @Field(() => Float, { nullable: true, description: '6-month growth at most this percent (−100–10,000).' })
  @IsOptional()
  @Min(-100)
  @Max(10000)
  maxGrowthPercent?: number | null;

  @Field(() => Int, { nullable: true, description: 'Product lines in service at least this many (0–20).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  minProductLines?: number | null;

  @Field(() => Int, { nullable: true, description: 'Product lines in service at most this many (0–20).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  maxProductLines?: number | null;
}

@InputType({ description: 'A new version of the segment rules, whole: the list replaces the one in force.' })
export class UpdateSegmentRulesInput {
  @Field(() => Int, { description: 'The version you read (`segmentRules.version`); a newer one in force refuses the change with VERSION_CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'Why, for the history (at most 500 characters).' })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;

  @Field(() => [SegmentRuleInput], { description: 'The rules in the order they are tried (1–30).' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(30)
  rules!: SegmentRuleInput[];
}

@InputType({ description: 'Recompute churn risk and segments now.' })
export class RefreshRetentionInput {
  @Field(() => [ID], { nullable: true, description: 'Only these customers (at most 100, in one transaction); all customers when left out.' })
  @IsOptional()
  @ArrayMaxSize(100)
  customerIds?: string[] | null;
}
