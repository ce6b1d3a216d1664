import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../../platform/graphql/scalars';

/** DOMAIN.md: Partner registration and Approval routing — the numbers admins maintain. */
export interface OpportunityRuleValues {
  protectionWindowDays: number;
  provinceStepThreshold: string;
  stepDueHours: number;
}

export const opportunityRuleDefaults: OpportunityRuleValues = {
  protectionWindowDays: 90,
  provinceStepThreshold: '5000000.00',
  stepDueHours: 72,
};

@ObjectType({ description: '商机规则 — registration protection and approval routing.' })
export class OpportunityRules implements OpportunityRuleValues {
  @Field(() => Int, { description: '保护期 — days a partner registration protects the customer and product lines from duplicates (default 90).' })
  protectionWindowDays!: number;

  @Field(() => DecimalScalar, { description: 'An estimated amount (CNY) at or above this adds a province-leader approval step (default 5,000,000.00).' })
  provinceStepThreshold!: string;

  @Field(() => Int, { description: 'Hours an approval step is due after it opens (default 72).' })
  stepDueHours!: number;
}

@InputType({ description: 'The opportunity rules to change; omitted fields keep their value.' })
export class OpportunityRulesInput implements Partial<OpportunityRuleValues> {
  @Field(() => Int, { nullable: true, description: '1–3650 days.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  protectionWindowDays?: number;

  @Field(() => DecimalScalar, { nullable: true, description: 'At least 0.00.' })
  @IsOptional()
  @Matches(/^\d/, { message: 'provinceStepThreshold must not be negative' })
  provinceStepThreshold?: string;

  @Field(() => Int, { nullable: true, description: '1–720 hours.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  stepDueHours?: number;
}
