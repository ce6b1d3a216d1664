import { registerEnumType } from 'type-graphql';

/** 商机阶段 — where an opportunity is in its lifecycle (DOMAIN.md: Lifecycle). */
export enum OpportunityStage {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  IN_PROGRESS = 'IN_PROGRESS',
  WON = 'WON',
  LOST = 'LOST',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}

/** Stages after which nothing more happens. */
export const FINAL_STAGES: readonly OpportunityStage[] = [OpportunityStage.WON, OpportunityStage.LOST, OpportunityStage.REJECTED, OpportunityStage.CANCELLED];

/** Final stages that end a registration's protection (DOMAIN.md: duplicates; a WON one still protects its window). */
export const DEAD_STAGES: readonly OpportunityStage[] = [OpportunityStage.LOST, OpportunityStage.REJECTED, OpportunityStage.CANCELLED];

/** 商机类别 (seed 002 第三条). */
export enum OpportunityCategory {
  STANDARD_PRODUCT = 'STANDARD_PRODUCT',
  ICT_PROJECT = 'ICT_PROJECT',
  COMPETITOR = 'COMPETITOR',
}

/** 商机来源 — who brought the opportunity in. */
export enum OpportunitySource {
  ACCOUNT_MANAGER = 'ACCOUNT_MANAGER',
  LEADER_ASSIGNED = 'LEADER_ASSIGNED',
  PARTNER = 'PARTNER',
}

/** 产品线 (DOMAIN.md: Opportunities). */
export enum ProductLine {
  INTERNET_LINE = 'INTERNET_LINE',
  DATA_LINE = 'DATA_LINE',
  DARK_FIBER = 'DARK_FIBER',
  IOT = 'IOT',
  DATA_POOL = 'DATA_POOL',
  GROUP_MAS = 'GROUP_MAS',
  IDC = 'IDC',
  IMS_FIXED = 'IMS_FIXED',
  CLOUD = 'CLOUD',
  VPMN = 'VPMN',
  ICT_INTEGRATION = 'ICT_INTEGRATION',
}

/** The rival carrier of a COMPETITOR opportunity. */
export enum Carrier {
  CHINA_TELECOM = 'CHINA_TELECOM',
  CHINA_UNICOM = 'CHINA_UNICOM',
  CHINA_BROADNET = 'CHINA_BROADNET',
  OTHER = 'OTHER',
}

/** State of one approval step (API.md). */
export enum ApprovalState {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
  REJECTED = 'REJECTED',
  SKIPPED = 'SKIPPED',
}

export enum EvaluationDecision {
  ACCEPT = 'ACCEPT',
  RETURN = 'RETURN',
}

export enum ApprovalDecision {
  APPROVE = 'APPROVE',
  RETURN = 'RETURN',
  REJECT = 'REJECT',
}

export enum CloseOutcome {
  WON = 'WON',
  LOST = 'LOST',
}

/** Outcome of a partner's registration attempt 报备. */
export enum RegistrationOutcome {
  ACCEPTED = 'ACCEPTED',
  REFUSED_DUPLICATE = 'REFUSED_DUPLICATE',
}

registerEnumType(OpportunityStage, {
  name: 'OpportunityStage',
  description: '商机阶段 — lifecycle stage (DOMAIN.md: Lifecycle).',
  valuesConfig: {
    DRAFT: { description: '草稿 — being prepared; not yet reported.' },
    SUBMITTED: { description: '已上报 — awaiting the support manager’s first evaluation 初步评估.' },
    PENDING_APPROVAL: { description: '审批中 — accepted by the support manager, in the approval route.' },
    APPROVED: { description: '审批通过 — owner, followers and support resources assigned.' },
    IN_PROGRESS: { description: '跟进中 — the owner is following it up.' },
    WON: { description: '签约 — won (final).' },
    LOST: { description: '失败 — lost (final).' },
    REJECTED: { description: '驳回 — rejected in approval (final).' },
    CANCELLED: { description: '取消 — cancelled (final).' },
  },
});

registerEnumType(OpportunityCategory, {
  name: 'OpportunityCategory',
  description: '商机类别 — category of the need.',
  valuesConfig: {
    STANDARD_PRODUCT: { description: '标准化产品需求 — a standard product.' },
    ICT_PROJECT: { description: 'ICT项目需求 — integration work on top of basic services.' },
    COMPETITOR: { description: '竞争对手类 — a rival’s line at the customer.' },
  },
});

registerEnumType(OpportunitySource, {
  name: 'OpportunitySource',
  description: '商机来源 — who brought the opportunity in.',
  valuesConfig: {
    ACCOUNT_MANAGER: { description: '客户经理上报 — reported by an account, industry or grid manager.' },
    LEADER_ASSIGNED: { description: '领导指派 — assigned by a leader.' },
    PARTNER: { description: '第三方 — reported by a partner through the partner portal.' },
  },
});

registerEnumType(ProductLine, {
  name: 'ProductLine',
  description: '产品线 — product line.',
  valuesConfig: {
    INTERNET_LINE: { description: '互联网专线 — dedicated internet line.' },
    DATA_LINE: { description: '数据专线 — dedicated data line.' },
    DARK_FIBER: { description: '裸光纤 — dark fibre.' },
    IOT: { description: '物联网 — IoT.' },
    DATA_POOL: { description: '流量统付 — pooled data paid by the group.' },
    GROUP_MAS: { description: '集团MAS — group messaging.' },
    IDC: { description: 'IDC托管 — data-centre hosting.' },
    IMS_FIXED: { description: 'IMS固话 — IMS fixed line.' },
    CLOUD: { description: '移动云 — China Mobile cloud.' },
    VPMN: { description: '集团V网 — group virtual private mobile network.' },
    ICT_INTEGRATION: { description: '系统集成 — system integration.' },
  },
});

registerEnumType(Carrier, {
  name: 'Carrier',
  description: '竞争运营商 — the rival carrier.',
  valuesConfig: {
    CHINA_TELECOM: { description: '中国电信.' },
    CHINA_UNICOM: { description: '中国联通.' },
    CHINA_BROADNET: { description: '中国广电.' },
    OTHER: { description: '其他 — any other provider.' },
  },
});

registerEnumType(ApprovalState, {
  name: 'ApprovalState',
  description: '审批状态 — state of an approval step.',
  valuesConfig: {
    PENDING: { description: '待审批 — waiting for its approver.' },
    APPROVED: { description: '通过 — approved.' },
    RETURNED: { description: '退回 — returned to the reporter (opportunity back to DRAFT).' },
    REJECTED: { description: '驳回 — rejected (opportunity REJECTED).' },
    SKIPPED: { description: '跳过 — no longer needed (recalled or cancelled before a decision).' },
  },
});

registerEnumType(EvaluationDecision, {
  name: 'EvaluationDecision',
  description: '初步评估结论 — the support manager’s first evaluation.',
  valuesConfig: {
    ACCEPT: { description: '初评通过 — accept; the approval route starts.' },
    RETURN: { description: '退回 — return to the reporter (DRAFT).' },
  },
});

registerEnumType(ApprovalDecision, {
  name: 'ApprovalDecision',
  description: '审批意见 — an approver’s decision on a step.',
  valuesConfig: {
    APPROVE: { description: '同意 — approve; the last step approves the opportunity.' },
    RETURN: { description: '退回 — return to the reporter (DRAFT).' },
    REJECT: { description: '驳回 — reject (final).' },
  },
});

registerEnumType(CloseOutcome, {
  name: 'CloseOutcome',
  description: 'How an opportunity ended.',
  valuesConfig: {
    WON: { description: '签约 — won.' },
    LOST: { description: '失败 — lost.' },
  },
});

registerEnumType(RegistrationOutcome, {
  name: 'RegistrationOutcome',
  description: 'What became of a partner’s registration 报备.',
  valuesConfig: {
    ACCEPTED: { description: 'Accepted: it created the opportunity.' },
    REFUSED_DUPLICATE: { description: '撞单 — refused: it collided with an active registration.' },
  },
});
