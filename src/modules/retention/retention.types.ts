import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { DecimalScalar } from '../../platform/graphql/scalars';
import { Payload } from '../../platform/graphql/user-error';
import { CustomerGrade } from '../customers/customer.enums';
import { Carrier } from '../opportunities/opportunity.enums';
import type { RiskRow } from './retention-engine';
import { AbandonReason, LossReason, RetentionActionKind, RetentionCaseOrigin, RetentionCaseStage, RetentionOutcome, RISK_BY_RANK, RiskLevel, RiskSignalKind } from './retention.enums';
import type { RetentionActionEntity } from './retention-action.entity';
import type { RetentionCaseEntity } from './retention-case.entity';
import type { StoredSignal } from './retention-state.entity';
import type { SegmentRuleValue } from './segment-rule-set.entity';
import type { SegmentRuleSetVersion } from './segment-rules';

@ObjectType({ description: '流失信号 — one churn-risk signal with its evidence, computed from data.' })
export class RiskSignal {
  @Field(() => RiskSignalKind, { description: 'Which signal.' })
  kind!: RiskSignalKind;

  @Field(() => DateResolver, { nullable: true, description: 'Since when it holds (China date).' })
  since!: string | null;

  @Field({ description: 'The evidence, e.g. "avg 3 months 41,200.00 vs 68,900.00 before: −40%".' })
  evidence!: string;

  static from(stored: StoredSignal): RiskSignal {
    return Object.assign(new RiskSignal(), { kind: stored.kind as RiskSignalKind, since: stored.since, evidence: stored.evidence });
  }
}

@ObjectType({ description: '流失风险 — a customer’s churn risk as last computed (docs/api.md: Retention — freshness).' })
export class ChurnRisk {
  @Field(() => RiskLevel, { description: 'HIGH, MEDIUM or LOW.' })
  level!: RiskLevel;

  @Field(() => [RiskSignal], { description: 'The signals that hold, in a fixed order.' })
  signals!: RiskSignal[];

  @Field(() => DecimalScalar, { description: 'Monthly revenue when computed: the second sort key of the lists.' })
  revenue!: string;

  @Field(() => DateTimeResolver, { description: 'When it was computed.' })
  computedAt!: Date;

  @Field(() => Int, { description: 'The business-rules version whose thresholds were used.' })
  ruleVersion!: number;

  customerUuid!: string;

  static from(row: RiskRow): ChurnRisk {
    return Object.assign(new ChurnRisk(), {
      level: RISK_BY_RANK[row.levelRank],
      signals: row.evidence.map(RiskSignal.from),
      revenue: row.revenue,
      computedAt: row.computedAt,
      ruleVersion: row.ruleVersion,
      customerUuid: row.id,
    });
  }
}

export const ChurnRiskConnection = Connection(ChurnRisk, 'ChurnRisk', 'Customers at risk, highest risk then highest revenue first.');
export type ChurnRiskConnection = InstanceType<typeof ChurnRiskConnection>;

@ObjectType({ description: '客户细分 — the segment a customer is in, and the rule that put it there.' })
export class CustomerSegment {
  @Field({ description: 'Segment code, e.g. HIGH_VALUE.' })
  code!: string;

  @Field({ description: 'Segment name, e.g. 高价值稳定.' })
  name!: string;

  @Field({ description: 'The rule that matched, as it reads, e.g. "rule 2 of version 1: revenue ≥ 100,000.00".' })
  rule!: string;

  @Field(() => Int, { description: 'Version of the segment rules that placed it.' })
  version!: number;
}

@ObjectType({ description: '月收入 — one billed month.' })
export class MonthlyRevenue {
  @Field({ description: 'The month, YYYY-MM (China).' })
  month!: string;

  @Field(() => DecimalScalar, { description: 'Revenue billed for it, CNY.' })
  revenue!: string;
}

@ObjectType({ description: 'What a billing batch wrote.' })
export class MonthlyRevenueBatch {
  @Field(() => Int, { description: 'Rows written (new or replaced).' })
  rows!: number;

  @Field(() => Int, { description: 'Distinct customers in the batch; their risk and segment were recomputed in the same transaction.' })
  customers!: number;

  @Field(() => [String], { description: 'The months in the batch, YYYY-MM.' })
  months!: string[];
}

export const RecordMonthlyRevenuePayload = Payload(
  'RecordMonthlyRevenuePayload',
  'Result of recordMonthlyRevenue.',
  { batch: [() => MonthlyRevenueBatch, 'What was written; null when any row was refused (then nothing was).'] },
  'Refused rows: `field` is ["input", "rows", "<index>", "<field>"].',
);
export type RecordMonthlyRevenuePayload = InstanceType<typeof RecordMonthlyRevenuePayload>;

@ObjectType({ description: '挽回动作 — one action taken on a retention case.' })
export class RetentionAction {
  @Field(() => RetentionActionKind, { description: 'Visit, offer, escalation or note.' })
  kind!: RetentionActionKind;

  @Field(() => DateResolver, { description: 'The day it happened (China).' })
  occurredOn!: string;

  @Field({ description: 'What was done or agreed.' })
  note!: string;

  @Field(() => DateTimeResolver, { description: 'When it was recorded.' })
  recordedAt!: Date;

  recordedByUuid!: string;

  static from(entity: RetentionActionEntity): RetentionAction {
    return Object.assign(new RetentionAction(), { kind: entity.kind, occurredOn: entity.occurredOn, note: entity.note, recordedAt: entity.recordedAt, recordedByUuid: entity.recordedById });
  }
}

@ObjectType({ implements: Node, description: '挽回 — a retention case: who leads, what was done, how it ended.' })
export class RetentionCase extends Node {
  @Field(() => RetentionCaseOrigin, { description: 'Opened by hand, or accepted from a HIGH risk.' })
  origin!: RetentionCaseOrigin;

  @Field(() => RetentionCaseStage, { description: 'OPEN, IN_PROGRESS (actions logged) or CLOSED.' })
  stage!: RetentionCaseStage;

  @Field(() => RiskLevel, { description: 'The risk when it was opened.' })
  riskLevelAtOpen!: RiskLevel;

  @Field(() => [RiskSignal], { description: 'The signals when it was opened, as they were.' })
  signalsAtOpen!: RiskSignal[];

  @Field(() => DateTimeResolver, { description: 'When it was opened.' })
  openedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Why it was opened.' })
  note!: string | null;

  @Field(() => RetentionOutcome, { nullable: true, description: 'How it ended (CLOSED).' })
  outcome!: RetentionOutcome | null;

  @Field(() => LossReason, { nullable: true, description: 'Why the customer was lost (LOST).' })
  lossReason!: LossReason | null;

  @Field(() => Carrier, { nullable: true, description: 'The rival carrier that took it (LOST to COMPETITOR).' })
  rivalCarrier!: Carrier | null;

  @Field(() => AbandonReason, { nullable: true, description: 'Why it was given up (ABANDONED).' })
  abandonReason!: AbandonReason | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was closed.' })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'What the closer said.' })
  closeNote!: string | null;

  @Field(() => Int, { description: 'Version for optimistic concurrency: pass it back as `expectedVersion`.' })
  version!: number;

  uuid!: string;
  customerUuid!: string;
  leadUuid!: string;
  coLeadUuid!: string | null;
  openedByUuid!: string;
  closedByUuid!: string | null;

  static from(entity: RetentionCaseEntity): RetentionCase {
    return Object.assign(new RetentionCase(), {
      id: toGlobalId('RetentionCase', entity.id),
      uuid: entity.id,
      origin: entity.origin,
      stage: entity.stage,
      riskLevelAtOpen: entity.riskLevelAtOpen,
      signalsAtOpen: (entity.signalsAtOpen ?? []).map(RiskSignal.from),
      openedAt: entity.openedAt,
      note: entity.note,
      outcome: entity.outcome,
      lossReason: entity.lossReason,
      rivalCarrier: entity.rivalCarrier,
      abandonReason: entity.abandonReason,
      closedAt: entity.closedAt,
      closeNote: entity.closeNote,
      version: entity.version,
      customerUuid: entity.customerId,
      leadUuid: entity.leadId,
      coLeadUuid: entity.coLeadId,
      openedByUuid: entity.openedById,
      closedByUuid: entity.closedById,
    });
  }
}

export const RetentionCaseConnection = Connection(RetentionCase, 'RetentionCase', 'A page of retention cases.');
export type RetentionCaseConnection = InstanceType<typeof RetentionCaseConnection>;

export const RetentionCasePayload = Payload(
  'RetentionCasePayload',
  'Result of a retention-case mutation.',
  { retentionCase: [() => RetentionCase, 'The case as it now stands.'] },
  'Why nothing changed, if so.',
);
export type RetentionCasePayload = InstanceType<typeof RetentionCasePayload>;

@ObjectType({ description: 'One segment rule: every condition given must hold.' })
export class SegmentRule {
  @Field({ description: 'Segment code.' })
  code!: string;

  @Field({ description: 'Segment name.' })
  name!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Monthly revenue at least this.' })
  minRevenue!: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Monthly revenue at most this.' })
  maxRevenue!: string | null;

  @Field(() => Float, { nullable: true, description: 'Growth of the last 6 billed months over the 6 before, at least this percent.' })
  minGrowthPercent!: number | null;

  @Field(() => Float, { nullable: true, description: 'That growth at most this percent (negative: a decline).' })
  maxGrowthPercent!: number | null;

  @Field(() => Int, { nullable: true, description: 'Product lines in service at least this many.' })
  minProductLines!: number | null;

  @Field(() => Int, { nullable: true, description: 'Product lines in service at most this many.' })
  maxProductLines!: number | null;

  @Field({ description: 'The conditions as they read.' })
  reads!: string;

  static from(rule: SegmentRuleValue, reads: string): SegmentRule {
    return Object.assign(new SegmentRule(), {
      minRevenue: null,
      maxRevenue: null,
      minGrowthPercent: null,
      maxGrowthPercent: null,
      minProductLines: null,
      maxProductLines: null,
      ...rule,
      reads,
    });
  }
}

@ObjectType({ description: '客户细分规则 — one version of the ordered segment rules; the first a customer matches is its segment.' })
export class SegmentRuleSet {
  @Field(() => Int, { description: 'Counts up from 1; the highest is in force.' })
  version!: number;

  @Field(() => [SegmentRule], { description: 'The rules, in the order they are tried.' })
  rules!: SegmentRule[];

  @Field({ description: 'When this version came into force.' })
  changedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Why it was changed.' })
  note!: string | null;

  changedByUuid!: string | null;
}

export const UpdateSegmentRulesPayload = Payload(
  'UpdateSegmentRulesPayload',
  'Result of updateSegmentRules.',
  { segmentRules: [() => SegmentRuleSet, 'The new version, now in force.'] },
  'Why nothing changed, if so.',
);
export type UpdateSegmentRulesPayload = InstanceType<typeof UpdateSegmentRulesPayload>;

@ObjectType({ description: 'What a refresh of the retention state computed.' })
export class RetentionRefresh {
  @Field(() => Int, { description: 'Customers recomputed.' })
  customers!: number;

  @Field(() => DateTimeResolver, { description: 'The moment the computation used as now.' })
  computedAt!: Date;
}

export const RefreshRetentionPayload = Payload('RefreshRetentionPayload', 'Result of refreshRetention.', { refresh: [() => RetentionRefresh, 'What was recomputed.'] }, 'Why nothing was done, if so.');
export type RefreshRetentionPayload = InstanceType<typeof RefreshRetentionPayload>;

@ObjectType({ description: 'One row of the retention report.' })
export class RetentionReportRow {
  @Field(() => CustomerGrade, { nullable: true, description: 'The grade (by GRADE).' })
  grade!: CustomerGrade | null;

  @Field(() => String, { nullable: true, description: 'The month, YYYY-MM (by MONTH).' })
  month!: string | null;

  @Field(() => Int, { nullable: true, description: 'Customers at risk (MEDIUM or HIGH) now, as `atRiskCustomers` lists them; null on rows of past months (risk is a present state).' })
  atRisk!: number | null;

  @Field(() => Int, { nullable: true, description: 'Of those, HIGH.' })
  highRisk!: number | null;

  @Field(() => Int, { description: 'Retention cases opened in the period.' })
  casesOpened!: number;

  @Field(() => Int, { description: 'Cases closed RETAINED in the period.' })
  retained!: number;

  @Field(() => Int, { description: 'Cases closed LOST in the period.' })
  lost!: number;

  @Field(() => Int, { description: 'Cases closed ABANDONED in the period.' })
  abandoned!: number;

  @Field(() => Float, { nullable: true, description: '挽回率 — retained / (retained + lost), 0–1; null without either.' })
  retentionRate!: number | null;

  @Field(() => Int, { nullable: true, description: 'A and B grade customers in service (ACTIVE or DORMANT) at the start of the period; null on rows of months (the total has it).' })
  highEndAtStart!: number | null;

  @Field(() => Int, { nullable: true, description: 'Of those, still not CHURNED at its end.' })
  highEndKept!: number | null;

  @Field(() => Float, { nullable: true, description: '中高端客户保有率 — highEndKept / highEndAtStart, 0–1; null without any.' })
  highEndRetentionRate!: number | null;

  regionUuid!: string | null;
}

@ObjectType({ description: '流失分析 — retention over a period, grouped by region, grade or month; the totals are the same counts the lists give.' })
export class RetentionReport {
  @Field(() => DateResolver, { description: 'First day (China).' })
  from!: string;

  @Field(() => DateResolver, { description: 'Last day (China).' })
  to!: string;

  @Field(() => [RetentionReportRow], { description: 'One row per group that has anything to show.' })
  rows!: RetentionReportRow[];

  @Field(() => RetentionReportRow, { description: 'The whole scope: the headline 中高端客户保有率 is `total.highEndRetentionRate`.' })
  total!: RetentionReportRow;
}

export function segmentOf(row: RiskRow | null, rules: SegmentRuleSetVersion | null, describe: (rule: SegmentRuleValue) => string): CustomerSegment | null {
  if (!row?.segmentCode || row.segmentRule == null || !rules) return null;
  const rule = rules.rules[row.segmentRule - 1];
  if (!rule) return null;
  return Object.assign(new CustomerSegment(), { code: rule.code, name: rule.name, rule: `rule ${row.segmentRule} of version ${rules.version}: ${describe(rule)}`, version: rules.version });
}
