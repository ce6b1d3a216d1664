import { registerEnumType } from 'type-graphql';

/** 流失风险等级 (DOMAIN.md: Retention): HIGH with enough signals or any signal on an A1/A2 customer, MEDIUM with fewer, LOW with none. */
export enum RiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}

/** The order the lists sort by: the stored `level_rank`. */
export const RISK_RANK: Record<RiskLevel, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };
export const RISK_BY_RANK: RiskLevel[] = [RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH];

/** 流失信号 — each is computed from data (signals.ts), never typed in. */
export enum RiskSignalKind {
  REVENUE_DROP = 'REVENUE_DROP',
  CONTRACT_EXPIRING = 'CONTRACT_EXPIRING',
  RIVAL_ACTIVE = 'RIVAL_ACTIVE',
  KEY_CARE_OVERDUE = 'KEY_CARE_OVERDUE',
  KEY_CONTACT_LEFT = 'KEY_CONTACT_LEFT',
  OPEN_COMPLAINT = 'OPEN_COMPLAINT',
  DORMANT = 'DORMANT',
}

/** Where a retention case stands: OPEN until the first action, IN_PROGRESS while acting, CLOSED with an outcome. */
export enum RetentionCaseStage {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
}

export enum RetentionCaseOrigin {
  MANUAL = 'MANUAL',
  PROPOSED = 'PROPOSED',
}

export enum RetentionOutcome {
  RETAINED = 'RETAINED',
  LOST = 'LOST',
  ABANDONED = 'ABANDONED',
}

export enum LossReason {
  COMPETITOR = 'COMPETITOR',
  SERVICE = 'SERVICE',
  PRICE = 'PRICE',
  RELOCATION = 'RELOCATION',
  CLOSURE = 'CLOSURE',
  OTHER = 'OTHER',
}

export enum AbandonReason {
  MALICIOUS_ARREARS = 'MALICIOUS_ARREARS',
  LOW_VALUE = 'LOW_VALUE',
}

export enum RetentionActionKind {
  VISIT = 'VISIT',
  OFFER = 'OFFER',
  ESCALATION = 'ESCALATION',
  NOTE = 'NOTE',
}

export enum RetentionReportBy {
  REGION = 'REGION',
  GRADE = 'GRADE',
  MONTH = 'MONTH',
}

registerEnumType(RiskLevel, {
  name: 'RiskLevel',
  description: '流失风险等级 — churn-risk level.',
  valuesConfig: {
    LOW: { description: 'No signal.' },
    MEDIUM: { description: 'Fewer signals than the HIGH threshold, on a customer below A2.' },
    HIGH: { description: 'At least `businessRules.retention.highRiskSignals` signals, or any signal on an A1/A2 customer.' },
  },
});

registerEnumType(RiskSignalKind, {
  name: 'RiskSignalKind',
  description: '流失信号 — a churn-risk signal, computed from data.',
  valuesConfig: {
    REVENUE_DROP: { description: '收入下滑 — the average of the last billed months is far below the months before.' },
    CONTRACT_EXPIRING: { description: '合同到期 — a signed contract ends soon and no renewal opportunity is open.' },
    RIVAL_ACTIVE: { description: '竞争对手活跃 — a COMPETITOR opportunity was lost, or a rival contract at the customer is renewing.' },
    KEY_CARE_OVERDUE: { description: '关键人关怀逾期 — a MANAGEMENT or KEY_PERSON contact is overdue for care.' },
    KEY_CONTACT_LEFT: { description: '关键人离职 — a MANAGEMENT or KEY_PERSON contact left lately (`keyContactLeftDays`).' },
    OPEN_COMPLAINT: { description: '投诉超时 — an open complaint is past its deadline.' },
    DORMANT: { description: '沉默 — the customer is DORMANT, or billed nothing for months after earlier revenue.' },
  },
});

registerEnumType(RetentionCaseStage, {
  name: 'RetentionCaseStage',
  description: 'Where a retention case 挽回 stands.',
  valuesConfig: {
    OPEN: { description: 'Opened; no action logged yet.' },
    IN_PROGRESS: { description: 'Actions are being logged.' },
    CLOSED: { description: 'Closed with an outcome.' },
  },
});

registerEnumType(RetentionCaseOrigin, {
  name: 'RetentionCaseOrigin',
  description: 'How a retention case was opened.',
  valuesConfig: {
    MANUAL: { description: 'Opened by hand.' },
    PROPOSED: { description: 'Accepted from the proposal a HIGH risk makes.' },
  },
});

registerEnumType(RetentionOutcome, {
  name: 'RetentionOutcome',
  description: 'How a retention case ended.',
  valuesConfig: {
    RETAINED: { description: '挽回成功 — the customer stays (a CHURNED customer becomes ACTIVE again).' },
    LOST: { description: '流失 — the customer left; it becomes CHURNED with the reason.' },
    ABANDONED: { description: '放弃 — not worth keeping (seed 001: 彻底放弃不值得挽留的客户); only for malicious arrears or low value.' },
  },
});

registerEnumType(LossReason, {
  name: 'LossReason',
  description: '流失原因 — why a customer was lost.',
  valuesConfig: {
    COMPETITOR: { description: '竞争对手争夺 — taken by a rival carrier (name it).' },
    SERVICE: { description: '服务 — service quality.' },
    PRICE: { description: '价格 — price.' },
    RELOCATION: { description: '搬迁 — moved away.' },
    CLOSURE: { description: '关停 — closed down.' },
    OTHER: { description: 'Other; say why in the note.' },
  },
});

registerEnumType(AbandonReason, {
  name: 'AbandonReason',
  description: 'The only grounds to give a customer up.',
  valuesConfig: {
    MALICIOUS_ARREARS: { description: '恶意欠费 — malicious arrears.' },
    LOW_VALUE: { description: '低价值 — not worth keeping.' },
  },
});

registerEnumType(RetentionActionKind, {
  name: 'RetentionActionKind',
  description: 'What was done to keep the customer.',
  valuesConfig: {
    VISIT: { description: '慰留走访 — a visit.' },
    OFFER: { description: '挽留方案 — an offer made.' },
    ESCALATION: { description: '升级 — escalated to a leader.' },
    NOTE: { description: 'A note.' },
  },
});

registerEnumType(RetentionReportBy, {
  name: 'RetentionReportBy',
  description: 'How the retention report groups its rows.',
  valuesConfig: {
    REGION: { description: 'By the regions one level below the report region.' },
    GRADE: { description: 'By customer grade.' },
    MONTH: { description: 'By China month of the period.' },
  },
});
