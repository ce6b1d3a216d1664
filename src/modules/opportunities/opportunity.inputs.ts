import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEnum, IsInt, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AbstractClass, NoFields, partial, withExpectedVersion, withId } from '../../platform/graphql/input-mixins';
import { DecimalScalar } from '../../platform/graphql/scalars';
import { NotBlank } from '../../platform/graphql/validation';
import { Industry } from '../organisation/industry';
import { ContractInput } from './money.inputs';
import { opportunityRules } from './opportunity.config';
import { ApprovalDecision, Carrier, CloseOutcome, EvaluationDecision, OpportunityCategory, ProductLine } from './opportunity.enums';

/*
 * The mutation inputs. Each field an author states about an opportunity is
 * declared once, with its GraphQL type and validators (StatedFields); the
 * inputs are composed from it and from mixins (type-graphql's
 * examples/mixin-classes): the shared ones in platform/graphql/input-mixins.ts
 * and the reason a close or cancel gives. Business checks class-validator
 * cannot state are input-checks.ts.
 */

const PRODUCT_COUNT = Object.keys(ProductLine).length;

/** What a new opportunity states (create, report); an edit states any of it (EditedFields). */
@InputType()
abstract class StatedFields {
  @Field(() => String, { description: '商机名称 — title.' })
  @NotBlank({ message: 'title must not be blank' })
  @MaxLength(200)
  title!: string;

  @Field(() => [ProductLine], { description: '产品线 — one or more product lines.' })
  @ArrayMinSize(1, { message: 'products must name at least one product line' })
  @ArrayMaxSize(PRODUCT_COUNT)
  @ArrayUnique({ message: 'products must not repeat a product line' })
  products!: ProductLine[];

  @Field(() => DecimalScalar, { description: '预计金额 — estimated amount, CNY (≥ 0).' })
  estimatedAmount!: string;

  @Field(() => DateResolver, { description: '预计签约日期 — expected close date (today or later).' })
  expectedCloseDate!: Date;

  @Field(() => String, { nullable: true, description: '需求描述 — description.' })
  @IsOptional()
  @MaxLength(2000)
  description?: string | null;
}

const EditedFields = partial(StatedFields, {
  title: 'Title.',
  products: 'Product lines.',
  estimatedAmount: 'Estimated amount.',
  expectedCloseDate: 'Expected close date (today or later).',
  description: 'Description.',
});

/** Why an opportunity ends early or closes (an internal comment partners do not see). */
function withReason<B extends AbstractClass>(Base: B) {
  @InputType()
  abstract class WithReason extends Base {
    @Field({ description: 'Why (required).' })
    @NotBlank({ message: 'reason must not be blank' })
    @MaxLength(opportunityRules.reasonMaxLength)
    reason!: string;
  }
  return WithReason;
}

@InputType({ description: '竞争对手信息 — required for COMPETITOR opportunities.' })
export class CompetitorInput {
  @Field(() => Carrier, { nullable: true, description: '竞争运营商 — the rival carrier.' })
  @IsOptional()
  @IsEnum(Carrier)
  carrier?: Carrier | null;

  @Field(() => String, { nullable: true, description: '竞品 — the rival’s product.' })
  @IsOptional()
  @MaxLength(128)
  product?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: '月费 — monthly fee, CNY.' })
  @IsOptional()
  monthlyFee?: string | null;

  @Field(() => Int, { nullable: true, description: '带宽 — bandwidth, Mbps (1–1,000,000).' })
  @IsOptional()
  @IsInt()
  @Min(1, { message: 'bandwidthMbps must be at least 1' })
  @Max(1_000_000)
  bandwidthMbps?: number | null;

  @Field(() => DateResolver, { nullable: true, description: '合同到期日 — contract expiry date.' })
  @IsOptional()
  contractExpiresOn?: Date | null;
}

/** What every new opportunity states, reported internally or by a partner. */
@InputType()
abstract class NewOpportunityFields extends StatedFields {
  @Field(() => CompetitorInput, { nullable: true, description: '竞争对手信息 — required for COMPETITOR.' })
  @IsOptional()
  @ValidateNested()
  competitor?: CompetitorInput | null;
}

@InputType({ description: 'A new opportunity (DRAFT).' })
export class CreateOpportunityInput extends NewOpportunityFields {
  @Field(() => ID, { description: 'The group customer.' })
  customerId!: string;

  @Field(() => OpportunityCategory, { description: '类别 — category.' })
  @IsEnum(OpportunityCategory)
  category!: OpportunityCategory;
}

@InputType({ description: 'A customer named by a partner: its credit code, and its name in case it is new to us.' })
export class ReportedCustomerInput {
  @Field({ description: '统一社会信用代码 — Unified Social Credit Code; an unknown one creates a PROSPECT customer in your region.' })
  creditCode!: string;

  @Field({ description: '集团名称 — name (used when the customer is new).' })
  @NotBlank({ message: 'name must not be blank' })
  @MaxLength(128)
  name!: string;

  @Field(() => Industry, { nullable: true, description: '行业 — industry of a new customer (default OTHER).' })
  @IsOptional()
  @IsEnum(Industry)
  industry?: Industry | null;
}

@InputType({ description: '商机报备 — a partner’s report: created and submitted in one step.' })
export class ReportOpportunityInput extends NewOpportunityFields {
  @Field(() => ID, { nullable: true, description: 'The customer, when you know its id; otherwise pass `customer`.' })
  @IsOptional()
  customerId?: string | null;

  @Field(() => ReportedCustomerInput, { nullable: true, description: 'The customer by credit code (+ name).' })
  @IsOptional()
  @ValidateNested()
  customer?: ReportedCustomerInput | null;

  @Field(() => OpportunityCategory, { defaultValue: OpportunityCategory.STANDARD_PRODUCT, description: '类别 — category (default STANDARD_PRODUCT).' })
  @IsEnum(OpportunityCategory)
  category!: OpportunityCategory;

  @Field({ description: 'Your key for this report (1–255 characters): a retry with the same key and input returns the first result.' })
  @NotBlank({ message: 'idempotencyKey must not be blank' })
  @MaxLength(opportunityRules.idempotencyKeyMaxLength)
  idempotencyKey!: string;
}

@InputType({ description: 'Changes to an opportunity in DRAFT; omitted fields stay as they are.' })
export class UpdateOpportunityInput extends withExpectedVersion(withId(EditedFields, 'The opportunity.')) {}

@InputType({ description: 'An action on one opportunity (submit, recall, start).' })
export class OpportunityActionInput extends withExpectedVersion(withId(NoFields, 'The opportunity.')) {
  @Field(() => String, { nullable: true, description: 'Comment for the history.' })
  @IsOptional()
  @MaxLength(opportunityRules.commentMaxLength)
  comment?: string | null;
}

@InputType({ description: '初步评估 — the support manager’s first evaluation.' })
export class EvaluateOpportunityInput extends OpportunityActionInput {
  @Field(() => EvaluationDecision, { description: 'ACCEPT starts the approval route; RETURN sends it back to DRAFT.' })
  @IsEnum(EvaluationDecision)
  decision!: EvaluationDecision;
}

@InputType({ description: '审批 — a decision on an approval step.' })
export class DecideApprovalInput extends withExpectedVersion(NoFields, 'The opportunity `version` you read; a stale one answers VERSION_CONFLICT.') {
  @Field(() => ID, { description: 'The approval step.' })
  stepId!: string;

  @Field(() => ApprovalDecision, { description: 'APPROVE, RETURN or REJECT.' })
  @IsEnum(ApprovalDecision)
  decision!: ApprovalDecision;

  @Field(() => String, { nullable: true, description: '审批意见 — comment; required to RETURN or REJECT.' })
  @IsOptional()
  @MaxLength(opportunityRules.commentMaxLength)
  comment?: string | null;

  @Field(() => ID, { nullable: true, description: '负责人 — owner, on the last approval (default: the customer’s account manager).' })
  @IsOptional()
  ownerId?: string | null;

  @Field(() => [ID], { nullable: true, description: '跟进人员 — followers, on the last approval.' })
  @IsOptional()
  @ArrayMaxSize(20)
  followerIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: '支撑资源 — support resources, on the last approval.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(200, { each: true })
  supportResources?: string[] | null;
}

@InputType({ description: 'Close an opportunity in follow-up as won 签约 or lost.' })
export class CloseOpportunityInput extends withReason(OpportunityActionInput) {
  @Field(() => CloseOutcome, { description: 'WON or LOST.' })
  @IsEnum(CloseOutcome)
  outcome!: CloseOutcome;

  @Field(() => ContractInput, {
    nullable: true,
    description: '签约 — the signed contract; required to close WON (DOMAIN.md: winning means a signed contract).',
  })
  @IsOptional()
  @ValidateNested()
  contract?: ContractInput | null;
}

@InputType({ description: 'Cancel an opportunity.' })
export class CancelOpportunityInput extends withReason(OpportunityActionInput) {}

@InputType({ description: '代理审批 — hand your approvals to another leader for a period.' })
export class DelegateApprovalsInput {
  @Field(() => ID, { description: 'The leader who decides for you.' })
  delegateId!: string;

  @Field(() => DateTimeResolver, { description: 'From when.' })
  from!: Date;

  @Field(() => DateTimeResolver, { description: 'Until when (exclusive; after `from`).' })
  until!: Date;
}
