/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** 竞争运营商 — the rival carrier. */
export type Carrier =
  /** 中国广电. */
  | 'CHINA_BROADNET'
  /** 中国电信. */
  | 'CHINA_TELECOM'
  /** 中国联通. */
  | 'CHINA_UNICOM'
  /** 其他 — any other provider. */
  | 'OTHER';

/** 不予发放原因 — why a commission was refused (seed 002 第五条: 未报备不得发放). */
export type CommissionRefusalReason =
  /** 撞单 — the partner’s registration was refused as a duplicate; the first registrant keeps the claim. */
  | 'DUPLICATE_REFUSED'
  /** 未报备 — the partner has no accepted registration of the won opportunity. */
  | 'NO_REGISTRATION'
  /** 签约后报备 — the registration is later than the contract’s signing date. */
  | 'REGISTERED_AFTER_WIN'
  /** 审核不通过 — the opportunity administrator refused it (see the comment). */
  | 'REVIEW_REFUSED';

/** 酬金状态 — state of a partner commission. */
export type CommissionState =
  /** 已审核 — approved, awaiting payment. */
  | 'APPROVED'
  /** 已发放 — paid (final). */
  | 'PAID'
  /** 待审核 — eligible, awaiting the opportunity administrator’s review. */
  | 'PENDING'
  /** 不予发放 — refused, with the reason (final). */
  | 'REFUSED';

/** 竞争对手信息 — required for COMPETITOR opportunities. */
export type CompetitorInput = {
  /** 带宽 — bandwidth, Mbps (1–1,000,000). */
  bandwidthMbps?: number | null | undefined;
  /** 竞争运营商 — the rival carrier. */
  carrier?: Carrier | null | undefined;
  /** 合同到期日 — contract expiry date. */
  contractExpiresOn?: string | null | undefined;
  /** 月费 — monthly fee, CNY. */
  monthlyFee?: string | null | undefined;
  /** 竞品 — the rival’s product. */
  product?: string | null | undefined;
};

/** 行业 — industry of a group customer. */
export type Industry =
  /** 农业 — agriculture */
  | 'AGRICULTURE'
  /** 建筑地产 — construction and real estate */
  | 'CONSTRUCTION'
  /** 文旅传媒 — culture, tourism and media */
  | 'CULTURE_TOURISM'
  /** 教育 — schools and universities */
  | 'EDUCATION'
  /** 能源 — energy, mining, utilities */
  | 'ENERGY'
  /** 金融 — banks, insurance, securities */
  | 'FINANCE'
  /** 政府 — government and public administration */
  | 'GOVERNMENT'
  /** 医疗卫生 — hospitals and health */
  | 'HEALTHCARE'
  /** 互联网 — internet and software */
  | 'INTERNET'
  /** 工业制造 — manufacturing */
  | 'MANUFACTURING'
  /** 其他 — other */
  | 'OTHER'
  /** 商贸 — retail and trade */
  | 'RETAIL'
  /** 交通物流 — transport and logistics */
  | 'TRANSPORT';

/** 商机类别 — category of the need. */
export type OpportunityCategory =
  /** 竞争对手类 — a rival’s line at the customer. */
  | 'COMPETITOR'
  /** ICT项目需求 — integration work on top of basic services. */
  | 'ICT_PROJECT'
  /** 标准化产品需求 — a standard product. */
  | 'STANDARD_PRODUCT';

/** 商机阶段 — lifecycle stage (DOMAIN.md: Lifecycle). */
export type OpportunityStage =
  /** 审批通过 — owner, followers and support resources assigned. */
  | 'APPROVED'
  /** 取消 — cancelled (final). */
  | 'CANCELLED'
  /** 草稿 — being prepared; not yet reported. */
  | 'DRAFT'
  /** 跟进中 — the owner is following it up. */
  | 'IN_PROGRESS'
  /** 失败 — lost (final). */
  | 'LOST'
  /** 审批中 — accepted by the support manager, in the approval route. */
  | 'PENDING_APPROVAL'
  /** 驳回 — rejected in approval (final). */
  | 'REJECTED'
  /** 已上报 — awaiting the support manager’s first evaluation 初步评估. */
  | 'SUBMITTED'
  /** 签约 — won (final). */
  | 'WON';

/** A period of days, both ends included (China time). */
export type PeriodInput = {
  /** First day. */
  from: string;
  /** Last day (on or after `from`, at most 3 years later). */
  to: string;
};

/** 产品线 — product line. */
export type ProductLine =
  /** 移动云 — China Mobile cloud. */
  | 'CLOUD'
  /** 裸光纤 — dark fibre. */
  | 'DARK_FIBER'
  /** 数据专线 — dedicated data line. */
  | 'DATA_LINE'
  /** 流量统付 — pooled data paid by the group. */
  | 'DATA_POOL'
  /** 集团MAS — group messaging. */
  | 'GROUP_MAS'
  /** 系统集成 — system integration. */
  | 'ICT_INTEGRATION'
  /** IDC托管 — data-centre hosting. */
  | 'IDC'
  /** IMS固话 — IMS fixed line. */
  | 'IMS_FIXED'
  /** 互联网专线 — dedicated internet line. */
  | 'INTERNET_LINE'
  /** 物联网 — IoT. */
  | 'IOT'
  /** 集团V网 — group virtual private mobile network. */
  | 'VPMN';

/** 开通状态 — provisioning of a won opportunity’s contract. */
export type ProvisioningState =
  /** 已开通 — in service (final). */
  | 'IN_SERVICE'
  /** 开通中 — signed, being provisioned. */
  | 'PROVISIONING'
  /** 开通失败 — failed, with a reason; may be retried. */
  | 'PROVISIONING_FAILED';

/** What became of a partner’s registration 报备. */
export type RegistrationOutcome =
  /** Accepted: it created the opportunity. */
  | 'ACCEPTED'
  /** 撞单 — refused: it collided with an active registration. */
  | 'REFUSED_DUPLICATE';

/** 商机报备 — a partner’s report: created and submitted in one step. */
export type ReportOpportunityInput = {
  /** 类别 — category (default STANDARD_PRODUCT). */
  category?: OpportunityCategory;
  /** 竞争对手信息 — required for COMPETITOR. */
  competitor?: CompetitorInput | null | undefined;
  /** The customer by credit code (+ name). */
  customer?: ReportedCustomerInput | null | undefined;
  /** The customer, when you know its id; otherwise pass `customer`. */
  customerId?: string | number | null | undefined;
  /** 需求描述 — description. */
  description?: string | null | undefined;
  /** 预计金额 — estimated amount, CNY (≥ 0). */
  estimatedAmount: string;
  /** 预计签约日期 — expected close date (today or later). */
  expectedCloseDate: string;
  /** Your key for this report (1–255 characters): a retry with the same key and input returns the first result. */
  idempotencyKey: string;
  /** 产品线 — one or more product lines. */
  products: Array<ProductLine>;
  /** 商机名称 — title. */
  title: string;
};

/** A customer named by a partner: its credit code, and its name in case it is new to us. */
export type ReportedCustomerInput = {
  /** 统一社会信用代码 — Unified Social Credit Code; an unknown one creates a PROSPECT customer in your region. */
  creditCode: string;
  /** 行业 — industry of a new customer (default OTHER). */
  industry?: Industry | null | undefined;
  /** 集团名称 — name (used when the customer is new). */
  name: string;
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

export type MyOpportunitiesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyOpportunitiesQuery = { opportunities: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, code: string, title: string, stage: OpportunityStage, estimatedAmount: string, createdAt: string }> } };

export type MyRegistrationsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyRegistrationsQuery = { myRegistrations: { totalCount: number, totalCountCapped: boolean, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, outcome: RegistrationOutcome, registeredAt: string, protectedUntil: string | null, products: Array<ProductLine>, customerSummary: { code: string, name: string }, opportunity: { id: string, code: string, stage: OpportunityStage } | null, collidedWith: { code: string, registeredAt: string, protectedUntil: string } | null }> } };

export type PartnerStatisticsQueryVariables = Exact<{
  period: PeriodInput;
}>;


export type PartnerStatisticsQuery = { partnerStatistics: { reported: number, accepted: number, refusedAsDuplicates: number, won: number, lost: number, winRate: number | null, commissionPending: string, commissionApproved: string, commissionPaid: string } | null };

export type ReportOpportunityMutationVariables = Exact<{
  input: ReportOpportunityInput;
}>;


export type ReportOpportunityMutation = { reportOpportunity: { opportunity: { id: string, code: string, title: string, stage: OpportunityStage, estimatedAmount: string, customerSummary: { code: string, name: string } } | null, userErrors: Array<{ code: UserErrorCode, field: Array<string> | null, message: string }> } };

export type WonOpportunitiesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WonOpportunitiesQuery = { opportunities: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, code: string, title: string, closedAt: string | null, contract: { number: string, signedAmount: string, signedOn: string, provisioningState: ProvisioningState } | null, commission: { state: CommissionState, amount: string, ratePercent: string, refusalReason: CommissionRefusalReason | null, note: string | null, paymentReference: string | null, paidOn: string | null } | null }> } };


export const MyOpportunitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyOpportunities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opportunities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<MyOpportunitiesQuery, MyOpportunitiesQueryVariables>;
export const MyRegistrationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyRegistrations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myRegistrations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalCountCapped"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"registeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"protectedUntil"}},{"kind":"Field","name":{"kind":"Name","value":"products"}},{"kind":"Field","name":{"kind":"Name","value":"customerSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"opportunity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"collidedWith"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"registeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"protectedUntil"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyRegistrationsQuery, MyRegistrationsQueryVariables>;
export const PartnerStatisticsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PartnerStatistics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partnerStatistics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reported"}},{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"refusedAsDuplicates"}},{"kind":"Field","name":{"kind":"Name","value":"won"}},{"kind":"Field","name":{"kind":"Name","value":"lost"}},{"kind":"Field","name":{"kind":"Name","value":"winRate"}},{"kind":"Field","name":{"kind":"Name","value":"commissionPending"}},{"kind":"Field","name":{"kind":"Name","value":"commissionApproved"}},{"kind":"Field","name":{"kind":"Name","value":"commissionPaid"}}]}}]}}]} as unknown as DocumentNode<PartnerStatisticsQuery, PartnerStatisticsQueryVariables>;
export const ReportOpportunityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReportOpportunity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReportOpportunityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportOpportunity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opportunity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"customerSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ReportOpportunityMutation, ReportOpportunityMutationVariables>;
export const WonOpportunitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WonOpportunities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"opportunities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"stages"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"WON"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"contract"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"signedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"provisioningState"}}]}},{"kind":"Field","name":{"kind":"Name","value":"commission"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"ratePercent"}},{"kind":"Field","name":{"kind":"Name","value":"refusalReason"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"paymentReference"}},{"kind":"Field","name":{"kind":"Name","value":"paidOn"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WonOpportunitiesQuery, WonOpportunitiesQueryVariables>;