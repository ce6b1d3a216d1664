import { registerEnumType } from 'type-graphql';

/** Customer grade 客户等级 (DOMAIN.md: Group customer). */
export enum CustomerGrade {
  A1 = 'A1',
  A2 = 'A2',
  B1 = 'B1',
  B2 = 'B2',
  C = 'C',
  D = 'D',
}

/** 管理层级 — decides who owns the customer and who approves its opportunities (seed 002 第六条). */
export enum ManagementLevel {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  COUNTY = 'COUNTY',
}

export enum CustomerStatus {
  PROSPECT = 'PROSPECT',
  ACTIVE = 'ACTIVE',
  DORMANT = 'DORMANT',
  CHURNED = 'CHURNED',
}

/** 客户与客户关系 — relations between two customers besides the HQ → member hierarchy. */
export enum CustomerRelationType {
  SUBSIDIARY = 'SUBSIDIARY',
  GUARANTEE = 'GUARANTEE',
  AFFILIATE = 'AFFILIATE',
}

registerEnumType(CustomerGrade, {
  name: 'CustomerGrade',
  description: '客户等级 — customer grade, A1 highest.',
  valuesConfig: {
    A1: { description: 'A1 — strategic 战略客户' },
    A2: { description: 'A2 — key 重要客户' },
    B1: { description: 'B1 — major 重点客户' },
    B2: { description: 'B2 — standard plus' },
    C: { description: 'C — standard 普通客户' },
    D: { description: 'D — small 小微客户' },
  },
});

registerEnumType(ManagementLevel, {
  name: 'ManagementLevel',
  description: '管理层级 — who owns the customer and who approves its opportunities.',
  valuesConfig: {
    PROVINCE: { description: '省管 — province key-account department; provincial industry manager owns it' },
    CITY: { description: '地市管 — city; city account manager owns it' },
    COUNTY: { description: '区县/网格管 — county or grid; grid manager owns it' },
  },
});

registerEnumType(CustomerStatus, {
  name: 'CustomerStatus',
  description: 'Where the customer stands with us.',
  valuesConfig: {
    PROSPECT: { description: '潜在客户 — prospect, not yet signed' },
    ACTIVE: { description: '在网 — active customer' },
    DORMANT: { description: '沉默 — signed but little or no usage' },
    CHURNED: { description: '离网 — left us; `churnReason` says why' },
  },
});

registerEnumType(CustomerRelationType, {
  name: 'CustomerRelationType',
  description: '客户与客户关系 — how two customers are related.',
  valuesConfig: {
    SUBSIDIARY: { description: '归属 — one belongs to the other' },
    GUARANTEE: { description: '担保 — one guarantees for the other' },
    AFFILIATE: { description: '关联 — otherwise affiliated' },
  },
});

/** Where a level or grade change request 变更申请 stands (DOMAIN.md: People and rules). */
export enum ReclassificationState {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(ReclassificationState, {
  name: 'ReclassificationState',
  description: 'Where a management-level or grade change request stands.',
  valuesConfig: {
    PENDING: { description: '待审批 — awaiting the leader above' },
    APPROVED: { description: '已通过 — approved; the customer was changed' },
    REJECTED: { description: '已驳回 — rejected; nothing changed' },
    CANCELLED: { description: '已撤销 — withdrawn when its customer was merged into another' },
  },
});
