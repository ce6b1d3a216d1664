import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';

/** DOMAIN.md: Retention — the thresholds of the churn-risk signals and levels, which admins maintain. */
export interface RetentionRuleValues {
  revenueDropPercent: number;
  revenueWindowMonths: number;
  contractExpiringDays: number;
  rivalLostDays: number;
  rivalRenewalDays: number;
  dormantZeroRevenueMonths: number;
  keyContactLeftDays: number;
  highRiskSignals: number;
}

export const retentionRuleDefaults: RetentionRuleValues = {
  revenueDropPercent: 30,
  revenueWindowMonths: 3,
  contractExpiringDays: 90,
  rivalLostDays: 180,
  rivalRenewalDays: 90,
  dormantZeroRevenueMonths: 3,
  keyContactLeftDays: 180,
  highRiskSignals: 3,
};

@ObjectType({ description: '流失预警规则 — when a churn-risk signal fires and how signals make a level.' })
export class RetentionRules implements RetentionRuleValues {
  @Field(() => Int, { description: 'REVENUE_DROP: the average of the last months is at least this many percent below the months before (default 30).' })
  revenueDropPercent!: number;

  @Field(() => Int, { description: 'REVENUE_DROP: how many billed months are compared with as many before them (default 3 vs 3).' })
  revenueWindowMonths!: number;

  @Field(() => Int, { description: 'CONTRACT_EXPIRING: a signed contract ends within this many days with no renewal opportunity open (default 90).' })
  contractExpiringDays!: number;

  @Field(() => Int, { description: 'RIVAL_ACTIVE: a COMPETITOR opportunity lost within this many days (default 180).' })
  rivalLostDays!: number;

  @Field(() => Int, { description: 'RIVAL_ACTIVE: a rival contract at the customer comes up for renewal within this many days (default 90).' })
  rivalRenewalDays!: number;

  @Field(() => Int, { description: 'DORMANT: besides the DORMANT status, an active customer billed nothing for this many months after earlier revenue (default 3; 0 = the status only).' })
  dormantZeroRevenueMonths!: number;

  @Field(() => Int, { description: 'KEY_CONTACT_LEFT: a MANAGEMENT or KEY_PERSON contact left 离职 within this many days (default 180).' })
  keyContactLeftDays!: number;

  @Field(() => Int, { description: 'HIGH risk from this many signals (default 3); any signal on an A1/A2 customer is HIGH too.' })
  highRiskSignals!: number;
}

@InputType({ description: 'The retention rules to change; omitted fields keep their value.' })
export class RetentionRulesInput implements Partial<RetentionRuleValues> {
  @Field(() => Int, { nullable: true, description: '1–100 percent.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  revenueDropPercent?: number;

  @Field(() => Int, { nullable: true, description: '1–6 months.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  revenueWindowMonths?: number;

  @Field(() => Int, { nullable: true, description: '1–730 days.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  contractExpiringDays?: number;

  @Field(() => Int, { nullable: true, description: '1–730 days.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  rivalLostDays?: number;

  @Field(() => Int, { nullable: true, description: '1–730 days.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  rivalRenewalDays?: number;

  @Field(() => Int, { nullable: true, description: '0–12 months (0: only the DORMANT status counts).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(12)
  dormantZeroRevenueMonths?: number;

  @Field(() => Int, { nullable: true, description: '1–730 days.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  keyContactLeftDays?: number;

  @Field(() => Int, { nullable: true, description: '1–7 signals.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  highRiskSignals?: number;
}
