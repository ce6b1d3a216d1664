import { IsEnum, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { DateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { DecimalScalar } from '../../platform/graphql/scalars';
import { NotBlank } from '../../platform/graphql/validation';
import { CommissionDecision, CommissionState, ProvisioningOutcome } from './money.enums';
import { ProductLine, RegistrationOutcome } from './opportunity.enums';

/*
 * Inputs of the contract, provisioning, commission, partner-account and
 * report side (issue 11). Business checks class-validator cannot state
 * (money, dates) are in contracts.ts and commission.ts.
 */

const CODE = /^[A-Za-z0-9_.\-/]+$/;
const EMPLOYEE_NO = /^[A-Za-z0-9_.-]+$/;

@InputType({ description: '签约 — the signed contract that wins an opportunity.' })
export class ContractInput {
  @Field({ description: '合同编号 — contract number, unique across the province (letters, digits, . _ - /; stored upper-case).' })
  @NotBlank()
  @MaxLength(64)
  @Matches(CODE, { message: 'number may contain only letters, digits, dot, dash, slash and underscore' })
  number!: string;

  @Field(() => DecimalScalar, { description: '签约金额 — signed amount, CNY (more than zero).' })
  signedAmount!: string;

  @Field(() => Int, { description: '合同期 — term in months (1–120).' })
  @IsInt()
  @Min(1)
  @Max(120)
  termMonths!: number;

  @Field(() => DateResolver, { description: '签约日期 — signing date; not in the future (China time).' })
  signedOn!: Date;

  @Field(() => ProductLine, {
    nullable: true,
    description: 'The product line signed (its commission rate applies); required when the opportunity has several.',
  })
  @IsOptional()
  @IsEnum(ProductLine)
  productLine?: ProductLine | null;
}

@InputType({ description: '开通 — record provisioning of a won opportunity’s contract.' })
export class RecordProvisioningInput {
  @Field(() => ID, { description: 'The won opportunity.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The opportunity `version` you read; a stale one answers VERSION_CONFLICT.' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;

  @Field(() => ProvisioningOutcome, { description: 'IN_SERVICE, FAILED or RETRY.' })
  @IsEnum(ProvisioningOutcome)
  outcome!: ProvisioningOutcome;

  @Field(() => DateResolver, {
    nullable: true,
    description: 'When it went into service or failed (required for those; not in the future, not before signing).',
  })
  @IsOptional()
  date?: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it failed (required for FAILED).' })
  @IsOptional()
  @MaxLength(500)
  reason?: string | null;
}

@InputType({ description: '酬金审核 — the opportunity administrator’s review of a PENDING commission.' })
export class ReviewCommissionInput {
  @Field(() => ID, { description: 'The commission.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The commission `version` you read; a stale one answers VERSION_CONFLICT.' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;

  @Field(() => CommissionDecision, { description: 'APPROVE or REFUSE.' })
  @IsEnum(CommissionDecision)
  decision!: CommissionDecision;

  @Field(() => String, { nullable: true, description: 'Why it is refused (required to REFUSE); shown to the partner.' })
  @IsOptional()
  @MaxLength(500)
  comment?: string | null;
}

@InputType({ description: '酬金发放 — record the payment of an APPROVED commission.' })
export class RecordCommissionPaymentInput {
  @Field(() => ID, { description: 'The commission.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'The commission `version` you read; a stale one answers VERSION_CONFLICT.' })
  @IsOptional()
  @IsInt()
  expectedVersion?: number | null;

  @Field({ description: '付款凭证号 — payment reference.' })
  @NotBlank()
  @MaxLength(64)
  paymentReference!: string;

  @Field(() => DateResolver, { description: '发放日期 — payment date; not in the future, not before the approval.' })
  paidOn!: Date;
}

@InputType({ description: '酬金比例 — set the commission rate of a product line (admin).' })
export class SetCommissionRateInput {
  @Field(() => ProductLine, { description: 'The product line.' })
  @IsEnum(ProductLine)
  productLine!: ProductLine;

  @Field(() => DecimalScalar, { description: 'Percent of the signed amount, 0–100, two decimals (e.g. "2.50").' })
  ratePercent!: string;
}

@InputType({ description: 'A new user of a partner of your city (商机管理员) or any partner (admin).' })
export class CreatePartnerUserInput {
  @Field(() => ID, { description: 'The partner.' })
  partnerId!: string;

  @Field({ description: '工号 — unique employee number (the `sub` of the user’s tokens).' })
  @NotBlank()
  @MaxLength(32)
  @Matches(EMPLOYEE_NO, { message: 'employeeNo may contain only letters, digits, dot, dash and underscore' })
  employeeNo!: string;

  @Field({ description: 'Name.' })
  @NotBlank()
  @MaxLength(64)
  name!: string;
}

@InputType({ description: 'Deactivate a partner’s user: their tokens fail from the next request on.' })
export class DeactivatePartnerUserInput {
  @Field(() => ID, { description: 'The user (a Staff id with role PARTNER).' })
  id!: string;
}

@InputType({ description: 'A period of days, both ends included (China time).' })
export class PeriodInput {
  @Field(() => DateResolver, { description: 'First day.' })
  from!: Date;

  @Field(() => DateResolver, { description: 'Last day (on or after `from`, at most 3 years later).' })
  to!: Date;
}

@InputType({ description: 'Which registration attempts to list.' })
export class RegistrationFilter {
  @Field(() => ID, { nullable: true, description: 'Only this partner’s.' })
  @IsOptional()
  partnerId?: string | null;

  @Field(() => [RegistrationOutcome], { nullable: true, description: 'Only these outcomes.' })
  @IsOptional()
  outcomes?: RegistrationOutcome[] | null;
}

@InputType({ description: 'Which commissions to list.' })
export class CommissionFilter {
  @Field(() => [CommissionState], { nullable: true, description: 'Only these states.' })
  @IsOptional()
  states?: CommissionState[] | null;

  @Field(() => ID, { nullable: true, description: 'Only this partner’s.' })
  @IsOptional()
  partnerId?: string | null;
}
