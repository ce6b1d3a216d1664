import { PartnerEntity } from './organisation/partner.entity';
import { RegionEntity } from './organisation/region.entity';
import { StaffEntity } from './organisation/staff.entity';
import { CustomerCodeAliasEntity } from './customers/customer-code-alias.entity';
import { CustomerReclassificationEntity } from './customers/customer-reclassification.entity';
import { CustomerChangeEntity } from './customers/customer-change.entity';
import { CustomerRelationEntity } from './customers/customer-relation.entity';
import { GroupCustomerEntity } from './customers/group-customer.entity';
import { CareActivityEntity } from './contacts/care-activity.entity';
import { CarePolicyEntity } from './contacts/care-policy.entity';
import { ContactEntity } from './contacts/contact.entity';
import { CareDueCheckEntity } from './contacts/care-due-check.entity';
import { ApprovalDelegationEntity } from './opportunities/approval-delegation.entity';
import { ApprovalStepEntity } from './opportunities/approval-step.entity';
import { FollowUpEntity } from './opportunities/follow-up.entity';
import { CommissionRateEntity } from './opportunities/commission-rate.entity';
import { CommissionEntity } from './opportunities/commission.entity';
import { ContractEntity } from './opportunities/contract.entity';
import { IncentiveEntity } from './opportunities/incentive.entity';
import { OpportunityEventEntity } from './opportunities/opportunity-event.entity';
import { OpportunityEntity } from './opportunities/opportunity.entity';
import { PartnerReportRequestEntity } from './opportunities/partner-report-request.entity';
import { RegistrationAttemptEntity } from './opportunities/registration-attempt.entity';
import { RelationshipEntity } from './relationships/relationship.entity';
import { TrustedDocumentEntity } from './clients/trusted-document.entity';
import { ImportJobEntity } from './exchange/import-job.entity';
import { ImportRowEntity } from './exchange/import-row.entity';
import { ExportJobEntity } from './exchange/export-job.entity';
import { BusinessRuleSetEntity } from './rules/business-rule-set.entity';
import { ComplaintEventEntity } from './service/complaint-event.entity';
import { ComplaintEntity } from './service/complaint.entity';
import { CustomerEventAttendeeEntity, CustomerEventCustomerEntity, CustomerEventEntity, CustomerEventOpportunityEntity } from './service/customer-event.entity';
import { SatisfactionSurveyEntity } from './service/satisfaction-survey.entity';
import { ServiceStandardEntity } from './service/service-standard.entity';
import { MonthlyRevenueEntity } from './retention/monthly-revenue.entity';
import { RetentionActionEntity } from './retention/retention-action.entity';
import { RetentionCaseEntity } from './retention/retention-case.entity';
import { RetentionStateEntity } from './retention/retention-state.entity';
import { SegmentRuleSetEntity } from './retention/segment-rule-set.entity';

/** The modules' TypeORM entities; src/app.ts adds the seed's and passes them all to the DataSource. */
export const moduleEntities = [
  RegionEntity,
  StaffEntity,
  PartnerEntity,
  GroupCustomerEntity,
  CustomerRelationEntity,
  CustomerChangeEntity,
  CustomerReclassificationEntity,
  CustomerCodeAliasEntity,
  ContactEntity,
  CarePolicyEntity,
  CareActivityEntity,
  CareDueCheckEntity,
  OpportunityEntity,
  ApprovalStepEntity,
  OpportunityEventEntity,
  RegistrationAttemptEntity,
  PartnerReportRequestEntity,
  IncentiveEntity,
  ApprovalDelegationEntity,
  FollowUpEntity,
  ContractEntity,
  CommissionRateEntity,
  CommissionEntity,
  RelationshipEntity,
  TrustedDocumentEntity,
  ImportJobEntity,
  ImportRowEntity,
  ExportJobEntity,
  BusinessRuleSetEntity,
  ComplaintEntity,
  ComplaintEventEntity,
  ServiceStandardEntity,
  CustomerEventEntity,
  CustomerEventCustomerEntity,
  CustomerEventAttendeeEntity,
  CustomerEventOpportunityEntity,
  SatisfactionSurveyEntity,
  MonthlyRevenueEntity,
  RetentionStateEntity,
  RetentionCaseEntity,
  RetentionActionEntity,
  SegmentRuleSetEntity,
];
