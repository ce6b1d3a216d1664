import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';

/** DOMAIN.md: Follow-through — the numbers admins maintain. */
export interface FollowThroughRuleValues {
  stallDays: number;
}

export const followThroughRuleDefaults: FollowThroughRuleValues = {
  stallDays: 14,
};

@ObjectType({ description: '跟进规则 — when an opportunity counts as stalled.' })
export class FollowThroughRules implements FollowThroughRuleValues {
  @Field(() => Int, { description: '停滞 — an APPROVED or IN_PROGRESS opportunity with no follow-up for this many days is stalled (default 14).' })
  stallDays!: number;
}

@InputType({ description: 'The follow-through rules to change; omitted fields keep their value.' })
export class FollowThroughRulesInput implements Partial<FollowThroughRuleValues> {
  @Field(() => Int, { nullable: true, description: '1–365 days.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  stallDays?: number;
}
