import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { DecimalScalar } from '../../platform/graphql/scalars';
import { Payload } from '../../platform/graphql/user-error';
import { Staff } from '../organisation/organisation.types';
import { CommissionRateEntity } from './commission-rate.entity';
import { CommissionEntity } from './commission.entity';
import { ContractEntity } from './contract.entity';
import { CommissionRefusalReason, CommissionState, ProvisioningState } from './money.enums';
import { ProductLine, RegistrationOutcome } from './opportunity.enums';
import { Opportunity } from './opportunity.types';
import { RegistrationAttemptEntity } from './registration-attempt.entity';

/*
 * GraphQL types of the contract, provisioning, commission, partner-portal
 * and ranking side (issue 11), each built from its entity or row with
 * `Type.from(…)`. Fields partners may not see go through field resolvers
 * that apply commissionPolicy.redact.
 */

const dateOnly = (value: string | Date | null): string | null => (value == null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

@ObjectType({ implements: Node, description: '合同 — the signed contract that won an opportunity, and its provisioning 开通.' })
export class Contract extends Node {
  @Field({ description: '合同编号 — contract number, unique across the province.' })
  number!: string;

  @Field(() => DecimalScalar, { description: '签约金额 — signed amount, CNY.' })
  signedAmount!: string;

  @Field(() => Int, { description: '合同期 — term in months.' })
  termMonths!: number;

  @Field(() => DateResolver, { description: '签约日期 — signing date.' })
  signedOn!: string;

  @Field(() => DateResolver, { description: '合同到期日 — when the term ends (signing date + term).' })
  endsOn!: string;

  @Field(() => ProductLine, { description: 'The product line signed.' })
  productLine!: ProductLine;

  @Field(() => ProvisioningState, { description: '开通状态 — provisioning state.' })
  provisioningState!: ProvisioningState;

  @Field(() => DateResolver, { nullable: true, description: '开通日期 — when it went into service.' })
  inServiceOn!: string | null;

  @Field(() => DateResolver, { nullable: true, description: 'When provisioning failed (PROVISIONING_FAILED).' })
  failedOn!: string | null;

  /** Shown through a field resolver: partners do not see our notes. */
  storedFailureReason!: string | null;

  @Field(() => DateTimeResolver, { description: 'When the win was recorded.' })
  createdAt!: Date;

  uuid!: string;
  opportunityUuid!: string;

  static from(entity: ContractEntity): Contract {
    const signedOn = dateOnly(entity.signedOn)!;
    const end = new Date(`${signedOn}T00:00:00Z`);
    end.setUTCMonth(end.getUTCMonth() + entity.termMonths);
    return Object.assign(new Contract(), {
      id: toGlobalId('Contract', entity.id),
      uuid: entity.id,
      number: entity.number,
      signedAmount: entity.signedAmount,
      termMonths: entity.termMonths,
      signedOn,
      endsOn: end.toISOString().slice(0, 10),
      productLine: entity.productLine,
      provisioningState: entity.provisioningState,
      inServiceOn: dateOnly(entity.inServiceOn),
      failedOn: dateOnly(entity.failedOn),
      storedFailureReason: entity.failureReason,
      createdAt: entity.createdAt,
      opportunityUuid: entity.opportunityId,
    });
  }
}

@ObjectType({ implements: Node, description: '酬金 — a partner’s commission on a won opportunity (seed 002 第五条: only for business it registered first).' })
export class Commission extends Node {
  @Field(() => CommissionState, { description: '酬金状态 — PENDING → APPROVED → PAID, or REFUSED.' })
  state!: CommissionState;

  @Field(() => DecimalScalar, { description: '酬金金额 — rate × signed amount, CNY, exact to the fen.' })
  amount!: string;

  @Field(() => DecimalScalar, { description: '酬金比例 — the percentage used (the rate in force at the win).' })
  ratePercent!: string;

  @Field(() => CommissionRefusalReason, { nullable: true, description: '不予发放原因 — why it was refused (REFUSED).' })
  refusalReason!: CommissionRefusalReason | null;

  @Field(() => String, {
    nullable: true,
    description: 'The facts behind the decision at the win (the registration date against the signing date, the earlier registration), or the administrator’s comment on a refusal.',
  })
  note!: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was reviewed.' })
  reviewedAt!: Date | null;

  @Field(() => String, { nullable: true, description: '付款凭证号 — payment reference (PAID).' })
  paymentReference!: string | null;

  @Field(() => DateResolver, { nullable: true, description: '发放日期 — payment date (PAID).' })
  paidOn!: string | null;

  @Field(() => Int, { description: 'Version for optimistic concurrency: pass it back as `expectedVersion`.' })
  version!: number;

  @Field(() => DateTimeResolver, { description: 'When it was opened (the win).' })
  createdAt!: Date;

  uuid!: string;
  opportunityUuid!: string;
  contractUuid!: string;
  partnerUuid!: string;
  reviewedByUuid!: string | null;
  paidRecordedByUuid!: string | null;

  static from(entity: CommissionEntity): Commission {
    return Object.assign(new Commission(), {
      id: toGlobalId('Commission', entity.id),
      uuid: entity.id,
      state: entity.state,
      amount: entity.amount,
      ratePercent: entity.ratePercent,
      refusalReason: entity.refusalReason,
      note: entity.refusalComment,
      reviewedAt: entity.reviewedAt,
      paymentReference: entity.paymentReference,
      paidOn: dateOnly(entity.paidOn),
      version: entity.version,
      createdAt: entity.createdAt,
      opportunityUuid: entity.opportunityId,
      contractUuid: entity.contractId,
      partnerUuid: entity.partnerId,
      reviewedByUuid: entity.reviewedById,
      paidRecordedByUuid: entity.paidRecordedById,
    });
  }
}

export const CommissionConnection = Connection(Commission, 'Commission', 'A page of commissions.');
export type CommissionConnection = InstanceType<typeof CommissionConnection>;

@ObjectType({ description: '酬金比例 — the commission rate in force for a product line.' })
export class CommissionRate {
  @Field(() => ProductLine, { description: 'The product line.' })
  productLine!: ProductLine;

  @Field(() => DecimalScalar, { description: 'Percent of the signed amount.' })
  ratePercent!: string;

  @Field(() => DateTimeResolver, { description: 'In force since.' })
  since!: Date;

  static from(entity: CommissionRateEntity): CommissionRate {
    return Object.assign(new CommissionRate(), { productLine: entity.productLine, ratePercent: entity.ratePercent, since: entity.createdAt });
  }
}

@ObjectType({ description: 'The earlier registration a refused one collided with: its code and protection window only.' })
export class RegistrationCollision {
  @Field({ description: '商机编号 — code of the earlier registration.' })
  code!: string;

  @Field(() => DateTimeResolver, { description: 'When it was registered.' })
  registeredAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When its protection window ends.' })
  protectedUntil!: Date;
}

@ObjectType({ implements: Node, description: '报备记录 — one registration attempt of a partner: accepted, or refused as a duplicate 撞单.' })
export class RegistrationAttempt extends Node {
  @Field(() => RegistrationOutcome, { description: 'ACCEPTED or REFUSED_DUPLICATE.' })
  outcome!: RegistrationOutcome;

  @Field(() => DateTimeResolver, { description: '报备时间 — when the partner reported.' })
  registeredAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: '保护期截止 — end of this registration’s protection window (ACCEPTED).' })
  protectedUntil!: Date | null;

  @Field(() => Int, { description: 'The version of the business rules (`businessRules`) in force when the partner reported.' })
  ruleVersion!: number;

  @Field(() => [ProductLine], { description: 'The product lines reported.' })
  products!: ProductLine[];

  uuid!: string;
  partnerUuid!: string;
  customerUuid!: string;
  opportunityUuid!: string | null;
  collidedWithUuid!: string | null;

  static from(entity: RegistrationAttemptEntity): RegistrationAttempt {
    const at = new Date(entity.at);
    return Object.assign(new RegistrationAttempt(), {
      id: toGlobalId('RegistrationAttempt', entity.id),
      uuid: entity.id,
      outcome: entity.outcome,
      registeredAt: at,
      protectedUntil: entity.protectedUntil ? new Date(entity.protectedUntil) : null,
      ruleVersion: entity.ruleVersion,
      products: entity.products,
      partnerUuid: entity.partnerId,
      customerUuid: entity.customerId,
      opportunityUuid: entity.opportunityId,
      collidedWithUuid: entity.collidedWithId,
    });
  }
}

/** The earlier registration as a refused partner may see it. */
export function collisionFrom(row: { code: string; registeredAt: Date; protectedUntil: Date }): RegistrationCollision {
  const registeredAt = new Date(row.registeredAt);
  return Object.assign(new RegistrationCollision(), {
    code: row.code,
    registeredAt,
    protectedUntil: new Date(row.protectedUntil),
  });
}

export const RegistrationAttemptConnection = Connection(RegistrationAttempt, 'RegistrationAttempt', 'A page of registration attempts, newest first.');
export type RegistrationAttemptConnection = InstanceType<typeof RegistrationAttemptConnection>;

@ObjectType({ description: '合作伙伴统计 — a partner’s registrations, wins and commission over a period.' })
export class PartnerStatistics {
  @Field(() => Int, { description: '报备 — registration attempts made in the period.' })
  reported!: number;

  @Field(() => Int, { description: 'Of those, accepted.' })
  accepted!: number;

  @Field(() => Int, { description: 'Of those, refused as duplicates 撞单.' })
  refusedAsDuplicates!: number;

  @Field(() => Int, { description: '签约 — its opportunities won in the period.' })
  won!: number;

  @Field(() => Int, { description: 'Its opportunities lost in the period.' })
  lost!: number;

  @Field(() => Float, { nullable: true, description: '赢单率 — won / (won + lost) in the period; null when none closed.' })
  winRate!: number | null;

  @Field(() => DecimalScalar, { description: 'Commission opened in the period and now PENDING, CNY.' })
  commissionPending!: string;

  @Field(() => DecimalScalar, { description: 'Commission opened in the period and now APPROVED (not yet paid), CNY.' })
  commissionApproved!: string;

  @Field(() => DecimalScalar, { description: 'Commission opened in the period and now PAID, CNY.' })
  commissionPaid!: string;
}

@ObjectType({ description: '商机通报 — one row of a ranking: a region or an owner.' })
export class OpportunityRankingRow {
  @Field(() => Int, { description: 'Position, 1 first (by signed amount, then count).' })
  rank!: number;

  @Field(() => Int, { description: 'Opportunities registered in the period.' })
  count!: number;

  @Field(() => DecimalScalar, { description: '预计金额 — their estimated amount together, CNY.' })
  estimatedAmount!: string;

  @Field(() => DecimalScalar, { description: '签约金额 — the signed amount of those won, CNY.' })
  signedAmount!: string;

  @Field(() => Int, { description: 'Of them, WON.' })
  won!: number;

  @Field(() => Int, { description: 'Of them, LOST.' })
  lost!: number;

  @Field(() => Float, { nullable: true, description: '赢单率 — won / (won + lost); null when none closed.' })
  winRate!: number | null;

  @Field(() => Float, { nullable: true, description: 'Average days from registration to WON; null when none won.' })
  averageCycleDays!: number | null;

  regionUuid!: string | null;
  ownerUuid!: string | null;
}

@ObjectType({ description: '商机通报 — ranking of regions or owners over a period, in your scope.' })
export class OpportunityRanking {
  @Field(() => [OpportunityRankingRow], { description: 'The rows, best first.' })
  rows!: OpportunityRankingRow[];

  @Field(() => Int, { description: 'All rows together: equals `opportunities(filter).totalCount` for the same filter and period.' })
  totalCount!: number;

  @Field(() => DecimalScalar, { description: 'Estimated amount of all rows together, CNY.' })
  totalEstimatedAmount!: string;

  @Field(() => DecimalScalar, { description: 'Signed amount of all rows together, CNY.' })
  totalSignedAmount!: string;
}

// ---- payloads ----

export const RecordProvisioningPayload = Payload(
  'RecordProvisioningPayload',
  'Result of recordProvisioning.',
  {
    contract: [() => Contract, 'The contract as it is now.'],
    opportunity: [() => Opportunity, 'The opportunity as it is now.'],
  },
  'Why nothing changed, if so (INVALID_TRANSITION names the current state).',
);
export type RecordProvisioningPayload = InstanceType<typeof RecordProvisioningPayload>;

export const CommissionPayload = Payload(
  'CommissionPayload',
  'Result of a commission review or payment record.',
  {
    commission: [() => Commission, 'The commission as it is now.'],
  },
  'Why nothing changed, if so (INVALID_TRANSITION names the current state).',
);
export type CommissionPayload = InstanceType<typeof CommissionPayload>;

export const SetCommissionRatePayload = Payload(
  'SetCommissionRatePayload',
  'Result of setCommissionRate.',
  {
    rate: [() => CommissionRate, 'The rate now in force.'],
  },
  'Why nothing changed, if so.',
);
export type SetCommissionRatePayload = InstanceType<typeof SetCommissionRatePayload>;

export const PartnerUserPayload = Payload(
  'PartnerUserPayload',
  'Result of createPartnerUser or deactivatePartnerUser.',
  {
    staff: [() => Staff, 'The partner’s user as it is now.'],
  },
  'Why nothing changed, if so (NOT_FOUND for a partner outside your city).',
);
export type PartnerUserPayload = InstanceType<typeof PartnerUserPayload>;
