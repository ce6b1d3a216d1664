import { registerEnumType } from 'type-graphql';

/*
 * The enums of the contract, provisioning, commission and ranking side of
 * opportunities (DOMAIN.md: Follow-through; Partner registration … commission).
 */

/** 开通 — where a won opportunity's contract stands in provisioning. */
export enum ProvisioningState {
  PROVISIONING = 'PROVISIONING',
  IN_SERVICE = 'IN_SERVICE',
  PROVISIONING_FAILED = 'PROVISIONING_FAILED',
}

/** What a provisioning record says happened. */
export enum ProvisioningOutcome {
  IN_SERVICE = 'IN_SERVICE',
  FAILED = 'FAILED',
  RETRY = 'RETRY',
}

/** 酬金 — state of a partner's commission (DOMAIN.md: PENDING → APPROVED → PAID, or REFUSED). */
export enum CommissionState {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  PAID = 'PAID',
  REFUSED = 'REFUSED',
}

/** Why a commission was refused (seed 002 第五条, or the administrator's review). */
export enum CommissionRefusalReason {
  NO_REGISTRATION = 'NO_REGISTRATION',
  REGISTERED_AFTER_WIN = 'REGISTERED_AFTER_WIN',
  DUPLICATE_REFUSED = 'DUPLICATE_REFUSED',
  REVIEW_REFUSED = 'REVIEW_REFUSED',
}

export enum CommissionDecision {
  APPROVE = 'APPROVE',
  REFUSE = 'REFUSE',
}

/** 商机通报 — what a ranking groups by. */
export enum RankingDimension {
  REGION = 'REGION',
  OWNER = 'OWNER',
}

registerEnumType(ProvisioningState, {
  name: 'ProvisioningState',
  description: '开通状态 — provisioning of a won opportunity’s contract.',
  valuesConfig: {
    PROVISIONING: { description: '开通中 — signed, being provisioned.' },
    IN_SERVICE: { description: '已开通 — in service (final).' },
    PROVISIONING_FAILED: { description: '开通失败 — failed, with a reason; may be retried.' },
  },
});

registerEnumType(ProvisioningOutcome, {
  name: 'ProvisioningOutcome',
  description: 'What a provisioning record says.',
  valuesConfig: {
    IN_SERVICE: { description: '业务开通 — in service on `date`.' },
    FAILED: { description: '开通失败 — failed on `date`, with a reason.' },
    RETRY: { description: '重新开通 — a failed provisioning starts again.' },
  },
});

registerEnumType(CommissionState, {
  name: 'CommissionState',
  description: '酬金状态 — state of a partner commission.',
  valuesConfig: {
    PENDING: { description: '待审核 — eligible, awaiting the opportunity administrator’s review.' },
    APPROVED: { description: '已审核 — approved, awaiting payment.' },
    PAID: { description: '已发放 — paid (final).' },
    REFUSED: { description: '不予发放 — refused, with the reason (final).' },
  },
});

registerEnumType(CommissionRefusalReason, {
  name: 'CommissionRefusalReason',
  description: '不予发放原因 — why a commission was refused (seed 002 第五条: 未报备不得发放).',
  valuesConfig: {
    NO_REGISTRATION: { description: '未报备 — the partner has no accepted registration of the won opportunity.' },
    REGISTERED_AFTER_WIN: { description: '签约后报备 — the registration is later than the contract’s signing date.' },
    DUPLICATE_REFUSED: { description: '撞单 — the partner’s registration was refused as a duplicate; the first registrant keeps the claim.' },
    REVIEW_REFUSED: { description: '审核不通过 — the opportunity administrator refused it (see the comment).' },
  },
});

registerEnumType(CommissionDecision, {
  name: 'CommissionDecision',
  description: 'The opportunity administrator’s review of a PENDING commission.',
  valuesConfig: {
    APPROVE: { description: '同意 — approve; payment may be recorded.' },
    REFUSE: { description: '不同意 — refuse, with a comment.' },
  },
});

registerEnumType(RankingDimension, {
  name: 'RankingDimension',
  description: '商机通报 — rank by region or by owner.',
  valuesConfig: {
    REGION: { description: 'By region one level below yours (cities for the province, counties for a city …).' },
    OWNER: { description: 'By owner 负责人 (unassigned opportunities form one row).' },
  },
});
