import { registerEnumType } from 'type-graphql';

/** 四级关怀 — the four care levels key contacts are classified into (DOMAIN.md: Key contacts and four-level care). */
export enum CareLevel {
  MANAGEMENT = 'MANAGEMENT',
  KEY_PERSON = 'KEY_PERSON',
  LIAISON = 'LIAISON',
  OTHER = 'OTHER',
}

/** The part a contact plays in the customer's buying decisions. */
export enum DecisionRole {
  DECISION_MAKER = 'DECISION_MAKER',
  INFLUENCER = 'INFLUENCER',
  USER = 'USER',
  GATEKEEPER = 'GATEKEEPER',
}

/** A contact's attitude towards us. */
export enum ContactAttitude {
  SUPPORTER = 'SUPPORTER',
  NEUTRAL = 'NEUTRAL',
  OPPONENT = 'OPPONENT',
}

/** 关怀记录 — kinds of care touch (DOMAIN.md; seed 003 开讲堂/请进来/走出去). */
export enum CareActivityKind {
  VISIT = 'VISIT',
  CALL = 'CALL',
  GIFT = 'GIFT',
  EVENT = 'EVENT',
  TRAINING = 'TRAINING',
  EXPERIENCE = 'EXPERIENCE',
  ONSITE = 'ONSITE',
  GREETING = 'GREETING',
}

/** Where a contact stands against their level's care policy; computed, never stored. */
export enum CareStatus {
  ON_TRACK = 'ON_TRACK',
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
  LEFT = 'LEFT',
}

/** Why a contact is on the due list 关怀提醒. */
export enum CareDueReason {
  OVERDUE = 'OVERDUE',
  DUE_SOON = 'DUE_SOON',
  BIRTHDAY = 'BIRTHDAY',
  COMPLAINT_FOLLOW_UP = 'COMPLAINT_FOLLOW_UP',
}

registerEnumType(CareLevel, {
  name: 'CareLevel',
  description: '关怀级别 — the four care levels 四级关怀.',
  valuesConfig: {
    MANAGEMENT: { description: '管理层 — management' },
    KEY_PERSON: { description: '关键人 — key person' },
    LIAISON: { description: '联络人 — liaison' },
    OTHER: { description: '其他人员 — other staff of the customer' },
  },
});

registerEnumType(DecisionRole, {
  name: 'DecisionRole',
  description: "决策角色 — role in the customer's decisions.",
  valuesConfig: {
    DECISION_MAKER: { description: '决策者 — makes the decision' },
    INFLUENCER: { description: '影响者 — shapes the decision' },
    USER: { description: '使用者 — uses what is bought' },
    GATEKEEPER: { description: '把关者 — controls access and information' },
  },
});

registerEnumType(ContactAttitude, {
  name: 'ContactAttitude',
  description: '态度 — attitude towards us.',
  valuesConfig: {
    SUPPORTER: { description: '支持 — supporter' },
    NEUTRAL: { description: '中立 — neutral' },
    OPPONENT: { description: '反对 — opponent' },
  },
});

registerEnumType(CareActivityKind, {
  name: 'CareActivityKind',
  description: '关怀方式 — kind of care activity.',
  valuesConfig: {
    VISIT: { description: '拜访 — visit' },
    CALL: { description: '电话 — call' },
    GIFT: { description: '礼品 — gift' },
    EVENT: { description: '活动 — event' },
    TRAINING: { description: '开讲堂 — training session held for the customer' },
    EXPERIENCE: { description: '请进来 — visit to our experience hall' },
    ONSITE: { description: '走出去 — on-site service at the customer' },
    GREETING: { description: '问候 — birthday or holiday greeting' },
  },
});

registerEnumType(CareStatus, {
  name: 'CareStatus',
  description: '关怀状态 — where a contact stands against the care policy of their level.',
  valuesConfig: {
    ON_TRACK: { description: '正常 — next care is not due within the due-soon window' },
    DUE_SOON: { description: '即将到期 — next care is due within the due-soon window (default 7 days)' },
    OVERDUE: { description: '已逾期 — next care is past due, or the contact was never cared for' },
    LEFT: { description: '已离职 — the contact left their company (`leftOn`): no longer due for care' },
  },
});

registerEnumType(CareDueReason, {
  name: 'CareDueReason',
  description: '提醒原因 — why a contact is on the care due list.',
  valuesConfig: {
    OVERDUE: { description: '已逾期 — care is past due or never happened' },
    DUE_SOON: { description: '即将到期 — care falls due within the window asked for' },
    BIRTHDAY: { description: "生日 — birthday within the policy's birthday window" },
    COMPLAINT_FOLLOW_UP: { description: '投诉客户关怀 — a key contact (management, key person) of a customer whose complaint was resolved, not cared for since' },
  },
});
