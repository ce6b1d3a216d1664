/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** 关怀方式 — kind of care activity. */
export type CareActivityKind =
  /** 电话 — call */
  | 'CALL'
  /** 活动 — event */
  | 'EVENT'
  /** 请进来 — visit to our experience hall */
  | 'EXPERIENCE'
  /** 礼品 — gift */
  | 'GIFT'
  /** 问候 — birthday or holiday greeting */
  | 'GREETING'
  /** 走出去 — on-site service at the customer */
  | 'ONSITE'
  /** 开讲堂 — training session held for the customer */
  | 'TRAINING'
  /** 拜访 — visit */
  | 'VISIT';

/** 提醒原因 — why a contact is on the care due list. */
export type CareDueReason =
  /** 生日 — birthday within the policy's birthday window */
  | 'BIRTHDAY'
  /** 投诉客户关怀 — a key contact (management, key person) of a customer whose complaint was resolved, not cared for since */
  | 'COMPLAINT_FOLLOW_UP'
  /** 即将到期 — care falls due within the window asked for */
  | 'DUE_SOON'
  /** 已逾期 — care is past due or never happened */
  | 'OVERDUE';

/** 关怀级别 — the four care levels 四级关怀. */
export type CareLevel =
  /** 关键人 — key person */
  | 'KEY_PERSON'
  /** 联络人 — liaison */
  | 'LIAISON'
  /** 管理层 — management */
  | 'MANAGEMENT'
  /** 其他人员 — other staff of the customer */
  | 'OTHER';

/** 关怀状态 — where a contact stands against the care policy of their level. */
export type CareStatus =
  /** 即将到期 — next care is due within the due-soon window (default 7 days) */
  | 'DUE_SOON'
  /** 已离职 — the contact left their company (`leftOn`): no longer due for care */
  | 'LEFT'
  /** 正常 — next care is not due within the due-soon window */
  | 'ON_TRACK'
  /** 已逾期 — next care is past due, or the contact was never cared for */
  | 'OVERDUE';

/** 客户等级 — customer grade, A1 highest. */
export type CustomerGrade =
  /** A1 — strategic 战略客户 */
  | 'A1'
  /** A2 — key 重要客户 */
  | 'A2'
  /** B1 — major 重点客户 */
  | 'B1'
  /** B2 — standard plus */
  | 'B2'
  /** C — standard 普通客户 */
  | 'C'
  /** D — small 小微客户 */
  | 'D';

/** Where the customer stands with us. */
export type CustomerStatus =
  /** 在网 — active customer */
  | 'ACTIVE'
  /** 离网 — left us; `churnReason` says why */
  | 'CHURNED'
  /** 沉默 — signed but little or no usage */
  | 'DORMANT'
  /** 潜在客户 — prospect, not yet signed */
  | 'PROSPECT';

/** Record a care touch 关怀 of a contact, done by you. */
export type RecordCareActivityInput = {
  /** The contact cared for. */
  contactId: string | number;
  /** 费用 — cost in CNY (≥ 0); default 0. */
  cost?: string | null | undefined;
  /** 关怀方式 — kind of touch. */
  kind: CareActivityKind;
  /** Note. */
  note?: string | null | undefined;
  /** When it happened (not in the future); default now. */
  occurredAt?: string | null | undefined;
};

/** Why a mutation was refused. Stable: clients switch on these codes. */
export type UserErrorCode =
  /** A unique value (code, employee number) is already taken. */
  | 'ALREADY_EXISTS'
  /** 合同编号重复 — another opportunity was already won with this contract number. */
  | 'DUPLICATE_CONTRACT'
  /** Another customer already has this Unified Social Credit Code 统一社会信用代码. */
  | 'DUPLICATE_CREDIT_CODE'
  /** 撞单 — an active registration already protects this customer and product line. */
  | 'DUPLICATE_OPPORTUNITY'
  /** A leaver’s customers, opportunities or approvals cannot go to the named successor; the message names what cannot move. */
  | 'HANDOVER_REFUSED'
  /** The change would make a customer its own ancestor. */
  | 'HIERARCHY_CYCLE'
  /** The idempotency key was already used with different input. */
  | 'IDEMPOTENCY_MISMATCH'
  /** The action is not allowed in the current stage; the message names the stage. */
  | 'INVALID_TRANSITION'
  /** The two customers hold conflicting unique facts (e.g. two different credit codes); the message says which. */
  | 'MERGE_CONFLICT'
  /** The partner is not eligible for commission 酬金; the message says why. */
  | 'NOT_ELIGIBLE'
  /** The object does not exist or is outside your scope. */
  | 'NOT_FOUND'
  /** 集团大客户经审批 — a management level, or a grade to or from A1/A2, changes only through `requestCustomerReclassification`, decided by the leader above. */
  | 'RECLASSIFICATION_REQUIRED'
  /** An input value is malformed or breaks a business rule; `field` names it. */
  | 'VALIDATION'
  /** Someone changed the object since you read it; reload and retry. */
  | 'VERSION_CONFLICT';

export type CareDueQueryVariables = Exact<{
  withinDays?: number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CareDueQuery = { careDue: { totalCount: number, totalCountCapped: boolean, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, title: string | null, careLevel: CareLevel, careStatus: CareStatus, lastCaredAt: string | null, nextCareDueAt: string, careDueReasons: Array<CareDueReason>, mobile: string | null, customer: { id: string, name: string } }> } };

export type MyCustomersQueryVariables = Exact<{
  text?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyCustomersQuery = { groupCustomers: { totalCount: number, totalCountCapped: boolean, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, code: string, name: string, grade: CustomerGrade, status: CustomerStatus, monthlyRevenue: string, parent: { name: string } | null, accountManager: { name: string } | null }> } };

export type RecordCareActivityMutationVariables = Exact<{
  input: RecordCareActivityInput;
}>;


export type RecordCareActivityMutation = { recordCareActivity: { careActivity: { id: string, kind: CareActivityKind, occurredAt: string, cost: string, contact: { id: string, careStatus: CareStatus, lastCaredAt: string | null, nextCareDueAt: string } } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };


export const CareDueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CareDue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withinDays"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},"defaultValue":{"kind":"IntValue","value":"7"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careDue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"withinDays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withinDays"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalCountCapped"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"careLevel"}},{"kind":"Field","name":{"kind":"Name","value":"careStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastCaredAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextCareDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"careDueReasons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"withinDays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withinDays"}}}]},{"kind":"Field","name":{"kind":"Name","value":"mobile"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CareDueQuery, CareDueQueryVariables>;
export const MyCustomersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyCustomers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"groupCustomers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"MONTHLY_REVENUE"}},{"kind":"ObjectField","name":{"kind":"Name","value":"direction"},"value":{"kind":"EnumValue","value":"DESC"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalCountCapped"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyRevenue"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accountManager"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyCustomersQuery, MyCustomersQueryVariables>;
export const RecordCareActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordCareActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordCareActivityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordCareActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careActivity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}},{"kind":"Field","name":{"kind":"Name","value":"contact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"careStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastCaredAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextCareDueAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecordCareActivityMutation, RecordCareActivityMutationVariables>;