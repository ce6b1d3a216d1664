import { PartnerEntity } from './organisation/partner.entity';
import { RegionEntity } from './organisation/region.entity';
import { StaffEntity } from './organisation/staff.entity';
import { CustomerChangeEntity } from './customers/customer-change.entity';
import { CustomerRelationEntity } from './customers/customer-relation.entity';
import { GroupCustomerEntity } from './customers/group-customer.entity';
import { CareActivityEntity } from './contacts/care-activity.entity';
import { CarePolicyEntity } from './contacts/care-policy.entity';
import { ContactEntity } from './contacts/contact.entity';
import { ApprovalDelegationEntity } from './opportunities/approval-delegation.entity';
import { ApprovalStepEntity } from './opportunities/approval-step.entity';
import { FollowUpEntity } from './opportunities/follow-up.entity';
import { IncentiveEntity } from './opportunities/incentive.entity';
import { OpportunityEventEntity } from './opportunities/opportunity-event.entity';
import { OpportunityEntity } from './opportunities/opportunity.entity';
import { PartnerReportRequestEntity } from './opportunities/partner-report-request.entity';
import { RegistrationAttemptEntity } from './opportunities/registration-attempt.entity';
import { RelationshipEntity } from './relationships/relationship.entity';
import { SeedRunEntity } from '../seed/seed-run.entity';

/** Every TypeORM entity; migrations must agree with these (tests/platform/schema-and-migrations.test.ts). */
export const allEntities = [
  RegionEntity, StaffEntity, PartnerEntity, SeedRunEntity,
  GroupCustomerEntity, CustomerRelationEntity, CustomerChangeEntity,
  ContactEntity, CarePolicyEntity, CareActivityEntity,
  OpportunityEntity, ApprovalStepEntity, OpportunityEventEntity, RegistrationAttemptEntity, PartnerReportRequestEntity, IncentiveEntity, ApprovalDelegationEntity,
  FollowUpEntity,
  RelationshipEntity,
];
