import { NodeResolver } from '../platform/graphql/node';
import { CareActivityResolver, CarePolicyResolver, ContactResolver, CustomerContactsResolver } from './contacts/contact.resolver';
import { CustomerChangeResolver, CustomerRelationResolver, CustomerResolver } from './customers/customer.resolver';
import {
  ApprovalDelegationResolver,
  ApprovalStepResolver,
  CustomerOpportunitiesResolver,
  CustomerSummaryResolver,
  OpportunityEventResolver,
  OpportunityResolver,
} from './opportunities/opportunity.resolver';
import { ApprovalSlaResolver } from './opportunities/approval-sla.resolver';
import { FollowUpResolver, NextStepResolver, OpportunityFollowUpsResolver } from './opportunities/follow-up.resolver';
import { IncentiveResolver, OpportunityIncentiveResolver } from './opportunities/incentive.resolver';
import { ContactRelationshipsResolver, RelationshipResolver, StaffRelationshipsResolver } from './relationships/relationship.resolver';
import { OrganisationResolver, PartnerFieldsResolver, RegionFieldsResolver, StaffFieldsResolver } from './organisation/organisation.resolver';

/** Every resolver of the API; the schema is built from exactly these. */
export const allResolvers = [
  NodeResolver, OrganisationResolver, RegionFieldsResolver, StaffFieldsResolver, PartnerFieldsResolver,
  CustomerResolver, CustomerRelationResolver, CustomerChangeResolver,
  ContactResolver, CareActivityResolver, CarePolicyResolver, CustomerContactsResolver,
  OpportunityResolver, CustomerOpportunitiesResolver, CustomerSummaryResolver, ApprovalStepResolver, OpportunityEventResolver, ApprovalDelegationResolver,
  OpportunityFollowUpsResolver, FollowUpResolver, NextStepResolver, OpportunityIncentiveResolver, IncentiveResolver, ApprovalSlaResolver,
  RelationshipResolver, StaffRelationshipsResolver, ContactRelationshipsResolver,
] as const;
