import { registerEnumType } from 'type-graphql';

/*
 * The enums of the follow-through side of opportunities (DOMAIN.md:
 * Follow-through): follow-ups 跟进 and incentive applications 激励申报.
 */

/** 跟进方式 — what a follow-up was (DOMAIN.md: Follow-through, seed 002 第四条). */
export enum FollowUpKind {
  VISIT = 'VISIT',
  CALL = 'CALL',
  PROPOSAL = 'PROPOSAL',
  DEMO = 'DEMO',
  NEGOTIATION = 'NEGOTIATION',
  OTHER = 'OTHER',
}

/** 激励申报状态 — where an incentive application stands. */
export enum IncentiveState {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** A decider's answer to an incentive application. */
export enum IncentiveDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

registerEnumType(FollowUpKind, {
  name: 'FollowUpKind',
  description: '跟进方式 — what kind of follow-up it was.',
  valuesConfig: {
    VISIT: { description: '上门拜访 — a visit.' },
    CALL: { description: '电话沟通 — a call.' },
    PROPOSAL: { description: '方案交流 — a proposal presented or sent.' },
    DEMO: { description: '产品演示 — a demonstration.' },
    NEGOTIATION: { description: '商务谈判 — a negotiation.' },
    OTHER: { description: '其他 — anything else.' },
  },
});

registerEnumType(IncentiveState, {
  name: 'IncentiveState',
  description: '激励申报状态 — state of an incentive application.',
  valuesConfig: {
    PENDING: { description: '待审批 — awaiting the leader one level up.' },
    APPROVED: { description: '同意 — approved (final).' },
    REJECTED: { description: '驳回 — rejected (final; a new application may be filed).' },
  },
});

registerEnumType(IncentiveDecision, {
  name: 'IncentiveDecision',
  description: 'The decider’s answer to an incentive application.',
  valuesConfig: {
    APPROVE: { description: '同意 — approve.' },
    REJECT: { description: '驳回 — reject (a comment is required).' },
  },
});
