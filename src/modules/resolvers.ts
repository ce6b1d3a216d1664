import type { NodeTypes } from '../platform/graphql/node';
import { CareActivityResolver, CarePolicyResolver, ContactResolver, contactNodeTypes, CustomerContactsResolver } from './contacts/contact.resolver';
import { CustomerChangeResolver, customerNodeTypes, CustomerRelationResolver, CustomerResolver } from './customers/customer.resolver';
import { reclassificationNodeTypes, ReclassificationResolver } from './customers/reclassification.resolver';
import {
  ApprovalDelegationResolver,
  ApprovalStepResolver,
  CustomerOpportunitiesResolver,
  CustomerSummaryResolver,
  OpportunityEventResolver,
  opportunityNodeTypes,
  OpportunityResolver,
} from './opportunities/opportunity.resolver';
import { ContractResolver, CommissionResolver, OpportunityMoneyResolver, OpportunityRankingRowResolver, RegistrationAttemptResolver } from './opportunities/money-fields.resolver';
import { MoneyResolver, moneyNodeTypes } from './opportunities/money.resolver';
import { PartnerLifecycleResolver } from './opportunities/partner-lifecycle.resolver';
import { ContactRelationshipsResolver, relationshipNodeTypes, RelationshipResolver, StaffRelationshipsResolver } from './relationships/relationship.resolver';
import { TrustedDocumentResolver } from './clients/trusted-document.resolver';
import { BusinessRulesResolver } from './rules/business-rules.resolver';
import { CustomerEventResolver, customerEventNodeTypes } from './service/customer-event.resolver';
import { CustomerSatisfactionResolver, SatisfactionResolver, SatisfactionRowResolver, satisfactionNodeTypes } from './service/satisfaction.resolver';
import { CustomerComplianceResolver, ServiceComplianceRowResolver, ServiceStandardFieldsResolver, ServiceStandardResolver, standardNodeTypes } from './service/standards.resolver';
import { ComplaintHistoryResolver, ComplaintResolver, complaintNodeTypes, CustomerComplaintsResolver } from './service/complaint.resolver';
import {
  ChurnRiskResolver,
  CustomerRetentionResolver,
  RetentionActionResolver,
  RetentionCaseResolver,
  retentionNodeTypes,
  RetentionReportRowResolver,
  RetentionResolver,
  SegmentRuleSetResolver,
} from './retention/retention.resolver';
import { organisationNodeTypes, OrganisationResolver, PartnerFieldsResolver, RegionFieldsResolver, StaffFieldsResolver } from './organisation/organisation.resolver';
import { ApprovalSlaResolver } from './opportunities/approval-sla.resolver';
import { FollowUpResolver, followUpNodeTypes, NextStepResolver, OpportunityFollowUpsResolver } from './opportunities/follow-up.resolver';
import { IncentiveResolver, incentiveNodeTypes, OpportunityIncentiveResolver } from './opportunities/incentive.resolver';
import { OpportunityLiveResolver } from './opportunities/opportunity-live.resolver';
import { ContactLiveResolver } from './contacts/contact-live.resolver';
import { exchangeNodeTypes, ImportJobResolver } from './exchange/exchange.resolver';
import { ExportJobResolver, exportJobNodeTypes } from './exchange/export-job.resolver';

/** The modules' resolvers; src/app.ts builds the schema from exactly these (and the platform's node resolver). */
export const moduleResolvers = [
  OrganisationResolver,
  RegionFieldsResolver,
  StaffFieldsResolver,
  PartnerFieldsResolver,
  CustomerResolver,
  CustomerRelationResolver,
  CustomerChangeResolver,
  ReclassificationResolver,
  ContactResolver,
  CareActivityResolver,
  CarePolicyResolver,
  CustomerContactsResolver,
  OpportunityResolver,
  CustomerOpportunitiesResolver,
  CustomerSummaryResolver,
  ApprovalStepResolver,
  OpportunityEventResolver,
  ApprovalDelegationResolver,
  OpportunityFollowUpsResolver,
  FollowUpResolver,
  NextStepResolver,
  OpportunityIncentiveResolver,
  IncentiveResolver,
  ApprovalSlaResolver,
  MoneyResolver,
  PartnerLifecycleResolver,
  OpportunityMoneyResolver,
  ContractResolver,
  CommissionResolver,
  RegistrationAttemptResolver,
  OpportunityRankingRowResolver,
  RelationshipResolver,
  StaffRelationshipsResolver,
  ContactRelationshipsResolver,
  TrustedDocumentResolver,
  OpportunityLiveResolver,
  ContactLiveResolver,
  ImportJobResolver,
  ExportJobResolver,
  BusinessRulesResolver,
  ComplaintResolver,
  ComplaintHistoryResolver,
  CustomerComplaintsResolver,
  ServiceStandardResolver,
  ServiceStandardFieldsResolver,
  ServiceComplianceRowResolver,
  CustomerComplianceResolver,
  CustomerEventResolver,
  SatisfactionResolver,
  SatisfactionRowResolver,
  CustomerSatisfactionResolver,
  RetentionResolver,
  ChurnRiskResolver,
  CustomerRetentionResolver,
  RetentionCaseResolver,
  RetentionActionResolver,
  RetentionReportRowResolver,
  SegmentRuleSetResolver,
] as const;

/** Every type `node(id:)` can fetch, with the module's scoped loader for it. */
export const moduleNodeTypes: NodeTypes = {
  ...organisationNodeTypes,
  ...customerNodeTypes,
  ...reclassificationNodeTypes,
  ...contactNodeTypes,
  ...opportunityNodeTypes,
  ...followUpNodeTypes,
  ...incentiveNodeTypes,
  ...moneyNodeTypes,
  ...relationshipNodeTypes,
  ...exchangeNodeTypes,
  ...exportJobNodeTypes,
  ...complaintNodeTypes,
  ...standardNodeTypes,
  ...customerEventNodeTypes,
  ...satisfactionNodeTypes,
  ...retentionNodeTypes,
};
