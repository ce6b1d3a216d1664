import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../platform/graphql/connection';
import { Node } from '../../platform/graphql/node';
import { toGlobalId } from '../../platform/graphql/node-id';
import { DecimalScalar } from '../../platform/graphql/scalars';
import { Payload } from '../../platform/graphql/user-error';
import { Role } from '../../platform/auth/viewer';
import { ApprovalDelegationEntity } from './approval-delegation.entity';
import { ApprovalStepEntity } from './approval-step.entity';
import { ApprovalState, Carrier, OpportunityCategory, OpportunitySource, OpportunityStage, ProductLine } from './opportunity.enums';
import { OpportunityEventEntity } from './opportunity-event.entity';
import { OpportunityEntity } from './opportunity.entity';

/*
 * The GraphQL object types and payloads of the module, each built from its
 * entity with `Type.from(entity)`. Inputs are opportunity.inputs.ts; list
 * filters and ordering are opportunity.filters.ts.
 */

/** A date column as the API shows it (YYYY-MM-DD). */
const dateOnly = (value: string | Date | null): string | null => (value == null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));

@ObjectType({ description: '竞争对手信息 — the rival’s line at the customer (COMPETITOR opportunities).' })
export class CompetitorLine {
  @Field(() => Carrier, { description: '竞争运营商 — the rival carrier.' })
  carrier!: Carrier;

  @Field({ description: '竞品 — the rival’s product.' })
  product!: string;

  @Field(() => DecimalScalar, { description: '月费 — monthly fee, CNY.' })
  monthlyFee!: string;

  @Field(() => Int, { description: '带宽 — bandwidth in Mbps.' })
  bandwidthMbps!: number;

  @Field(() => DateResolver, { description: '合同到期日 — when the rival’s contract expires.' })
  contractExpiresOn!: string;
}

@ObjectType({ description: 'What anyone who may read an opportunity may know of its customer (partners included): code, name, region.' })
export class CustomerSummary {
  @Field({ description: '集团编号 — customer code.' })
  code!: string;

  @Field({ description: '集团名称 — customer name.' })
  name!: string;

  regionUuid!: string;
}

@ObjectType({ implements: Node, description: '商机 — an opportunity to earn revenue by meeting a group customer’s need (seed 002).' })
export class Opportunity extends Node {
  @Field({ description: '商机编号 — human-readable code, e.g. SJ202611-000123.' })
  code!: string;

  @Field({ description: '商机名称 — title.' })
  title!: string;

  @Field(() => OpportunityStage, { description: '阶段 — lifecycle stage.' })
  stage!: OpportunityStage;

  @Field(() => OpportunityCategory, { description: '类别 — category.' })
  category!: OpportunityCategory;

  @Field(() => OpportunitySource, { description: '来源 — source.' })
  source!: OpportunitySource;

  @Field(() => [ProductLine], { description: '产品线 — product lines (one or more).' })
  products!: ProductLine[];

  @Field(() => DecimalScalar, { description: '预计金额 — estimated amount, CNY.' })
  estimatedAmount!: string;

  @Field(() => DateResolver, { description: '预计签约日期 — expected close date.' })
  expectedCloseDate!: string;

  @Field(() => String, { nullable: true, description: '需求描述 — description.' })
  description!: string | null;

  @Field(() => CompetitorLine, { nullable: true, description: '竞争对手信息 — the rival’s line (COMPETITOR only).' })
  competitor!: CompetitorLine | null;

  @Field(() => [String], { description: '支撑资源 — support resources assigned by the last approval.' })
  supportResources!: string[];

  @Field(() => DateTimeResolver, { description: '报备时间 — registration time: start of the protection window.' })
  registeredAt!: Date;

  @Field(() => DateTimeResolver, { description: '保护期截止 — end of the protection window: registeredAt + the protection window of the rules in force at registration.' })
  protectedUntil!: Date;

  @Field(() => Int, { description: 'The version of the business rules (`businessRules`) in force at registration: it set `protectedUntil`.' })
  ruleVersion!: number;

  @Field(() => Int, { nullable: true, description: 'The version of the business rules whose threshold built the approval route, fixed when the support manager accepted; null before.' })
  routeRuleVersion!: number | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was won, lost, rejected or cancelled.' })
  closedAt!: Date | null;

  /** Shown through a field resolver: partners do not see our internal reasons. */
  storedCloseReason!: string | null;

  /** The stall clock's inputs (stall.ts); shown as `lastFollowUpAt` and `stalled` (follow-up.resolver.ts), never to partners. */
  storedLastFollowUpAt!: Date | null;
  approvedAt!: Date | null;

  @Field(() => Int, { description: 'Version for optimistic concurrency: pass it back as `expectedVersion`.' })
  version!: number;

  @Field(() => DateTimeResolver, { description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: 'When it last changed.' })
  updatedAt!: Date;

  uuid!: string;
  customerUuid!: string;
  reporterUuid!: string;
  partnerUuid!: string | null;
  ownerUuid!: string | null;
  supportManagerUuid!: string | null;
  followerUuids!: string[];

  static from(entity: OpportunityEntity): Opportunity {
    const registeredAt = new Date(entity.registeredAt);
    return Object.assign(new Opportunity(), {
      id: toGlobalId('Opportunity', entity.id),
      uuid: entity.id,
      code: entity.code,
      title: entity.title,
      stage: entity.stage,
      category: entity.category,
      source: entity.source,
      products: entity.products,
      estimatedAmount: entity.estimatedAmount,
      expectedCloseDate: dateOnly(entity.expectedCloseDate),
      description: entity.description,
      competitor:
        entity.competitorCarrier == null
          ? null
          : Object.assign(new CompetitorLine(), {
              carrier: entity.competitorCarrier,
              product: entity.competitorProduct,
              monthlyFee: entity.competitorMonthlyFee,
              bandwidthMbps: entity.competitorBandwidthMbps,
              contractExpiresOn: dateOnly(entity.competitorContractExpiresOn),
            }),
      supportResources: entity.supportResources ?? [],
      registeredAt,
      protectedUntil: new Date(entity.protectedUntil),
      closedAt: entity.closedAt,
      storedCloseReason: entity.closeReason,
      storedLastFollowUpAt: entity.lastFollowUpAt,
      approvedAt: entity.approvedAt,
      ruleVersion: entity.ruleVersion,
      routeRuleVersion: entity.routeRuleVersion,
      version: entity.version,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
      customerUuid: entity.customerId,
      reporterUuid: entity.reporterId,
      partnerUuid: entity.partnerId,
      ownerUuid: entity.ownerId,
      supportManagerUuid: entity.supportManagerId,
      followerUuids: entity.followerIds ?? [],
    });
  }
}

export const OpportunityConnection = Connection(Opportunity, 'Opportunity', 'A page of opportunities.');
export type OpportunityConnection = InstanceType<typeof OpportunityConnection>;

@ObjectType({ implements: Node, description: '审批环节 — one step of an opportunity’s approval route.' })
export class ApprovalStep extends Node {
  @Field(() => Int, { description: 'Approval round: 1, then 2 after a return and a new acceptance, …' })
  round!: number;

  @Field(() => Int, { description: 'Position in the route (1 = first).' })
  sequence!: number;

  @Field(() => Role, { description: 'The leader role that decides it.' })
  approverRole!: Role;

  @Field(() => ApprovalState, { description: '审批状态 — state.' })
  state!: ApprovalState;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was decided.' })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: '审批意见 — the approver’s comment (hidden from partners).' })
  comment!: string | null;

  @Field(() => DateTimeResolver, { description: 'When it opened.' })
  createdAt!: Date;

  @Field(() => DateTimeResolver, { description: '到期时间 — due time: opened + the step due hours of the rules in force when it opened (`ruleVersion`).' })
  dueAt!: Date;

  @Field(() => Int, { description: 'The version of the business rules (`businessRules`) that set its due time.' })
  ruleVersion!: number;

  @Field({ description: '超时 — still pending after its due time.' })
  overdue!: boolean;

  uuid!: string;
  opportunityUuid!: string;
  regionUuid!: string;
  decidedByUuid!: string | null;
  onBehalfOfUuid!: string | null;

  /** As stored; opportunityPolicy.redact says what partners do not see of it. */
  static from(entity: ApprovalStepEntity): ApprovalStep {
    const dueAt = new Date(entity.dueAt);
    return Object.assign(new ApprovalStep(), {
      id: toGlobalId('ApprovalStep', entity.id),
      uuid: entity.id,
      round: entity.round,
      sequence: entity.sequence,
      approverRole: entity.approverRole,
      state: entity.state,
      decidedAt: entity.decidedAt,
      comment: entity.comment,
      createdAt: entity.createdAt,
      dueAt,
      ruleVersion: entity.ruleVersion,
      overdue: entity.state === ApprovalState.PENDING && dueAt.getTime() < Date.now(),
      opportunityUuid: entity.opportunityId,
      regionUuid: entity.regionId,
      decidedByUuid: entity.decidedById,
      onBehalfOfUuid: entity.onBehalfOfId,
    });
  }
}

export const ApprovalStepConnection = Connection(ApprovalStep, 'ApprovalStep', 'A page of approval steps.');
export type ApprovalStepConnection = InstanceType<typeof ApprovalStepConnection>;

@ObjectType({ implements: Node, description: '商机轨迹 — one entry of an opportunity’s history: a transition or an edit. Append-only.' })
export class OpportunityEvent extends Node {
  @Field(() => DateTimeResolver, { description: 'When.' })
  at!: Date;

  @Field({ description: 'What happened: CREATE, REPORT, UPDATE or a lifecycle action (SUBMIT, RECALL, ACCEPT_EVALUATION, …).' })
  action!: string;

  @Field(() => OpportunityStage, { nullable: true, description: 'Stage before (null for creation).' })
  fromStage!: OpportunityStage | null;

  @Field(() => OpportunityStage, { nullable: true, description: 'Stage after.' })
  toStage!: OpportunityStage | null;

  @Field(() => String, { nullable: true, description: 'Comment or reason; partners see only their own.' })
  comment!: string | null;

  uuid!: string;
  actorUuid!: string | null;
  onBehalfOfUuid!: string | null;
  /** Whether a partner's user acted: partners see their own entries whole (opportunityPolicy.redact). */
  byPartner!: boolean;

  /** As stored; opportunityPolicy.redact says what partners do not see of it. */
  static from(entity: OpportunityEventEntity): OpportunityEvent {
    return Object.assign(new OpportunityEvent(), {
      id: toGlobalId('OpportunityEvent', entity.id),
      uuid: entity.id,
      at: entity.at,
      action: entity.action,
      fromStage: entity.fromStage,
      toStage: entity.toStage,
      comment: entity.comment,
      actorUuid: entity.actorId,
      onBehalfOfUuid: entity.onBehalfOfId,
      byPartner: entity.byPartner,
    });
  }
}

export const OpportunityEventConnection = Connection(OpportunityEvent, 'OpportunityEvent', 'A page of opportunity history, oldest first.');
export type OpportunityEventConnection = InstanceType<typeof OpportunityEventConnection>;

@ObjectType({ implements: Node, description: '代理审批 — a leader’s approvals handed to another leader for a period.' })
export class ApprovalDelegation extends Node {
  @Field(() => DateTimeResolver, { description: 'From when.' })
  validFrom!: Date;

  @Field(() => DateTimeResolver, { description: 'Until when (exclusive).' })
  validUntil!: Date;

  uuid!: string;
  fromUuid!: string;
  toUuid!: string;

  static from(entity: ApprovalDelegationEntity): ApprovalDelegation {
    return Object.assign(new ApprovalDelegation(), {
      id: toGlobalId('ApprovalDelegation', entity.id),
      uuid: entity.id,
      validFrom: entity.validFrom,
      validUntil: entity.validUntil,
      fromUuid: entity.fromId,
      toUuid: entity.toId,
    });
  }
}

@ObjectType({ description: 'Opportunities in one stage.' })
export class PipelineStage {
  @Field(() => OpportunityStage, { description: 'The stage.' })
  stage!: OpportunityStage;

  @Field(() => Int, { description: 'How many opportunities are in it.' })
  count!: number;

  @Field(() => DecimalScalar, { description: 'Their estimated amount together, CNY.' })
  amount!: string;

  @Field(() => DecimalScalar, { description: '签约金额 — the signed amount of their contracts together, CNY (non-zero only for WON).' })
  signedAmount!: string;
}

@ObjectType({ description: '商机漏斗 — the pipeline in your scope: counts and amounts per stage, win rate, cycle time.' })
export class PipelineReport {
  @Field(() => [PipelineStage], { description: 'Every stage in lifecycle order, zeros included.' })
  byStage!: PipelineStage[];

  @Field(() => Int, { description: 'Opportunities counted.' })
  totalCount!: number;

  @Field(() => DecimalScalar, { description: 'Estimated amount of the opportunities still open (not WON, LOST, REJECTED or CANCELLED).' })
  openAmount!: string;

  @Field(() => DecimalScalar, {
    description: '签约金额 — the signed amount of the WON opportunities’ contracts, CNY (beside their estimated amount in `byStage`).',
  })
  signedAmount!: string;

  @Field(() => Number, { nullable: true, description: '赢单率 — WON / (WON + LOST); null before anything closed.' })
  winRate!: number | null;

  @Field(() => Number, { nullable: true, description: 'Average days from registration to WON; null before anything was won.' })
  averageCycleDays!: number | null;
}

// ---- payloads ----

export const CreateOpportunityPayload = Payload(
  'CreateOpportunityPayload',
  'Result of createOpportunity.',
  {
    opportunity: [() => Opportunity, 'The new opportunity (DRAFT).'],
  },
  'Why nothing was created, if so.',
);
export type CreateOpportunityPayload = InstanceType<typeof CreateOpportunityPayload>;

export const ReportOpportunityPayload = Payload(
  'ReportOpportunityPayload',
  'Result of reportOpportunity.',
  {
    opportunity: [() => Opportunity, 'The reported opportunity (SUBMITTED), also on a retry.'],
  },
  'Why nothing was created, if so (DUPLICATE_OPPORTUNITY names the existing code).',
);
export type ReportOpportunityPayload = InstanceType<typeof ReportOpportunityPayload>;

export const UpdateOpportunityPayload = Payload(
  'UpdateOpportunityPayload',
  'Result of updateOpportunity.',
  {
    opportunity: [() => Opportunity, 'The opportunity as it is now.'],
  },
  'Why nothing changed, if so.',
);
export type UpdateOpportunityPayload = InstanceType<typeof UpdateOpportunityPayload>;

export const OpportunityPayload = Payload(
  'OpportunityPayload',
  'Result of a lifecycle action.',
  {
    opportunity: [() => Opportunity, 'The opportunity as it is now.'],
  },
  'Why nothing changed, if so.',
);
export type OpportunityPayload = InstanceType<typeof OpportunityPayload>;

export const DecideApprovalPayload = Payload(
  'DecideApprovalPayload',
  'Result of decideApproval.',
  {
    step: [() => ApprovalStep, 'The decided step.'],
    opportunity: [() => Opportunity, 'The opportunity as it is now.'],
  },
  'Why nothing changed, if so.',
);
export type DecideApprovalPayload = InstanceType<typeof DecideApprovalPayload>;

export const DelegateApprovalsPayload = Payload(
  'DelegateApprovalsPayload',
  'Result of delegateApprovals.',
  {
    delegation: [() => ApprovalDelegation, 'The delegation.'],
  },
  'Why nothing was recorded, if so.',
);
export type DelegateApprovalsPayload = InstanceType<typeof DelegateApprovalsPayload>;
