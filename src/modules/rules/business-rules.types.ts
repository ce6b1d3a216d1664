import { IsInt, IsOptional, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { Payload } from '../../platform/graphql/user-error';
import type { RuleSetVersion } from './business-rules';
import { FollowThroughRules, FollowThroughRulesInput } from './sections/follow-through.rules';
import { OpportunityRules, OpportunityRulesInput } from './sections/opportunity.rules';
import { ServiceRules, ServiceRulesInput } from './sections/service.rules';
import { RetentionRules, RetentionRulesInput } from './sections/retention.rules';

@ObjectType({ description: '业务规则 — one version of the rules admins maintain; approval steps, registrations and routes record the version they used.' })
export class BusinessRuleSet {
  @Field(() => Int, { description: 'Counts up from 1 (the defaults of the domain rules); the highest is in force.' })
  version!: number;

  @Field({ description: 'When this version came into force.' })
  changedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Why it was changed, as the admin said.' })
  note!: string | null;

  @Field(() => OpportunityRules)
  opportunity!: OpportunityRules;

  @Field(() => FollowThroughRules)
  followThrough!: FollowThroughRules;

  @Field(() => ServiceRules)
  service!: ServiceRules;
  @Field(() => RetentionRules)
  retention!: RetentionRules;

  id!: string;
  changedByUuid!: string | null;

  static from(version: RuleSetVersion): BusinessRuleSet {
    return Object.assign(new BusinessRuleSet(), {
      id: String(version.version),
      version: version.version,
      changedAt: version.changedAt,
      note: version.note,
      changedByUuid: version.changedById,
      ...version.rules,
    });
  }
}

@InputType({ description: 'A change of the business rules: the sections and fields to change; the rest carries over.' })
export class UpdateBusinessRulesInput {
  @Field(() => Int, { description: 'The version you read (`businessRules.version`); a newer one in force refuses the change with VERSION_CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'Why, for the history (at most 500 characters).' })
  @IsOptional()
  @MaxLength(500)
  note?: string | null;

  @Field(() => OpportunityRulesInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  opportunity?: OpportunityRulesInput | null;

  @Field(() => FollowThroughRulesInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  followThrough?: FollowThroughRulesInput | null;

  @Field(() => ServiceRulesInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  service?: ServiceRulesInput | null;
  @Field(() => RetentionRulesInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  retention?: RetentionRulesInput | null;
}

export const UpdateBusinessRulesPayload = Payload(
  'UpdateBusinessRulesPayload',
  'Result of updateBusinessRules.',
  { businessRules: [() => BusinessRuleSet, 'The new version, now in force.'] },
  'Why nothing changed, if so.',
);
export type UpdateBusinessRulesPayload = InstanceType<typeof UpdateBusinessRulesPayload>;

export const BusinessRuleSetConnection = Connection(BusinessRuleSet, 'BusinessRuleSet', 'Versions of the business rules, newest first.');
export type BusinessRuleSetConnection = InstanceType<typeof BusinessRuleSetConnection>;
