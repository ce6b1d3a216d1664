import { registerEnumType } from 'type-graphql';

/** 投诉渠道 — how a complaint reached us (DOMAIN.md: Service quality). */
export enum ComplaintChannel {
  PHONE = 'PHONE',
  VISIT = 'VISIT',
  EMAIL = 'EMAIL',
  HOTLINE_10086 = 'HOTLINE_10086',
  PORTAL = 'PORTAL',
}

/** 投诉类别 — what a complaint is about. */
export enum ComplaintCategory {
  NETWORK = 'NETWORK',
  BILLING = 'BILLING',
  SERVICE = 'SERVICE',
  PRODUCT = 'PRODUCT',
  OTHER = 'OTHER',
}

/** 投诉等级 — decides the deadline (business rules: service). */
export enum ComplaintSeverity {
  CRITICAL = 'CRITICAL',
  MAJOR = 'MAJOR',
  MINOR = 'MINOR',
}

/** Where a complaint stands in its closed loop 闭环 (complaint-lifecycle.ts). */
export enum ComplaintState {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  REOPENED = 'REOPENED',
}

/** What was done to a complaint: one history entry each. */
export enum ComplaintAction {
  RECORD = 'RECORD',
  HAND_OVER = 'HAND_OVER',
  START = 'START',
  RESOLVE = 'RESOLVE',
  CLOSE = 'CLOSE',
  REOPEN = 'REOPEN',
}

/** 分层服务 — the tier a service standard belongs to (seed 003: 标准化与差异化). */
export enum ServiceTier {
  ENTITLED = 'ENTITLED',
  STANDARD = 'STANDARD',
  INTEREST = 'INTEREST',
}

/** How often a standard's activities are owed. */
export enum ServiceFrequency {
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

/** 客户活动 — events that bring customers in and take our people out (seed 003: 开讲堂、走出去、请进来). */
export enum CustomerEventKind {
  TRAINING = 'TRAINING',
  ONSITE = 'ONSITE',
  EXPERIENCE = 'EXPERIENCE',
}

/** How the service compliance report groups customers. */
export enum ComplianceGrouping {
  ACCOUNT_MANAGER = 'ACCOUNT_MANAGER',
  REGION = 'REGION',
  GRADE = 'GRADE',
}

/** How the satisfaction report groups customers. */
export enum SatisfactionGrouping {
  REGION = 'REGION',
  GRADE = 'GRADE',
}

registerEnumType(ComplaintChannel, {
  name: 'ComplaintChannel',
  description: '投诉渠道 — how the complaint reached us.',
  valuesConfig: {
    PHONE: { description: '电话 — a call to our staff' },
    VISIT: { description: '上门/来访 — in person' },
    EMAIL: { description: '邮件 — email' },
    HOTLINE_10086: { description: '10086 热线 — the customer hotline' },
    PORTAL: { description: '网上营业厅/门户 — online portal' },
  },
});

registerEnumType(ComplaintCategory, {
  name: 'ComplaintCategory',
  description: '投诉类别 — what the complaint is about.',
  valuesConfig: {
    NETWORK: { description: '网络质量 — network, lines, coverage' },
    BILLING: { description: '计费账务 — bills and charges' },
    SERVICE: { description: '服务态度/质量 — how we served' },
    PRODUCT: { description: '产品功能 — a product does not do what was sold' },
    OTHER: { description: '其他 — anything else' },
  },
});

registerEnumType(ComplaintSeverity, {
  name: 'ComplaintSeverity',
  description: '投诉等级 — decides the deadline (businessRules.service).',
  valuesConfig: {
    CRITICAL: { description: '重大 — default 4 hours' },
    MAJOR: { description: '严重 — default 24 hours' },
    MINOR: { description: '一般 — default 72 hours' },
  },
});

registerEnumType(ComplaintState, {
  name: 'ComplaintState',
  description: '投诉状态 — where the complaint stands in its closed loop 闭环.',
  valuesConfig: {
    OPEN: { description: '待处理 — recorded, nobody working on it yet' },
    IN_PROGRESS: { description: '处理中 — being handled' },
    RESOLVED: { description: '已解决 — resolved, awaiting the callback 回访' },
    CLOSED: { description: '已关闭 — callback done, the customer satisfied (final)' },
    REOPENED: { description: '重新打开 — the callback found the customer dissatisfied (1–2); handled again' },
  },
});

registerEnumType(ComplaintAction, {
  name: 'ComplaintAction',
  description: 'What was done to a complaint.',
  valuesConfig: {
    RECORD: { description: '受理 — recorded by its first responder 首问负责人' },
    HAND_OVER: { description: '转派 — handed to a handler, with a note' },
    START: { description: '开始处理 — work started' },
    RESOLVE: { description: '解决 — resolved, with the resolution' },
    CLOSE: { description: '回访关闭 — callback with a satisfied customer (3–5)' },
    REOPEN: { description: '回访不满意 — callback with a dissatisfied customer (1–2): reopened' },
  },
});

registerEnumType(ServiceTier, {
  name: 'ServiceTier',
  description: '服务层级 — 分层分级服务 (seed 003).',
  valuesConfig: {
    ENTITLED: { description: '当然服务 — what every customer of the grade gets' },
    STANDARD: { description: '规范服务 — the standard service of the grade' },
    INTEREST: { description: '兴趣点服务 — service around the customer’s interests' },
  },
});

registerEnumType(ServiceFrequency, {
  name: 'ServiceFrequency',
  description: 'How often a service standard’s activities are owed.',
  valuesConfig: {
    QUARTER: { description: '每季度 — per calendar quarter' },
    YEAR: { description: '每年 — per calendar year' },
  },
});

registerEnumType(CustomerEventKind, {
  name: 'CustomerEventKind',
  description: '客户活动 — kind of customer event (seed 003).',
  valuesConfig: {
    TRAINING: { description: '开讲堂 — a training session we hold for customers' },
    ONSITE: { description: '走出去 — our people go out to the customer' },
    EXPERIENCE: { description: '请进来 — customers visit our experience hall' },
  },
});

registerEnumType(ComplianceGrouping, {
  name: 'ComplianceGrouping',
  description: 'How the service compliance report groups customers.',
  valuesConfig: {
    ACCOUNT_MANAGER: { description: 'By account manager 客户经理' },
    REGION: { description: 'By the region one level below yours (yours for customers placed in it)' },
    GRADE: { description: 'By customer grade' },
  },
});

registerEnumType(SatisfactionGrouping, {
  name: 'SatisfactionGrouping',
  description: 'How the satisfaction report groups customers.',
  valuesConfig: {
    REGION: { description: 'By the region one level below yours (yours for customers placed in it)' },
    GRADE: { description: 'By customer grade' },
  },
});
