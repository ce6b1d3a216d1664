import { Initial1795434418901 } from './1795434418901-initial';
import { GroupCustomers1795435330308 } from './1795435330308-group-customers';
import { Opportunities1795435745456 } from './1795435745456-opportunities';
import { CustomerNameOrder1795435835654 } from './1795435835654-customer-name-order';
import { ContactsAndCare1795435841898 } from './1795435841898-contacts-and-care';
import { RelationshipMap1795436383701 } from './1795436383701-relationship-map';
import { OpportunityApprovalRoute1795439254189 } from './1795439254189-opportunity-approval-route';
import { ContactCareState1795500000000 } from './1795500000000-contact-care-state';
import { CustomerSearchBigrams1795500000001 } from './1795500000001-customer-search-bigrams';
import { ContractsAndCommission1795600000000 } from './1795600000000-contracts-and-commission';
import { FollowUps1795600100000 } from './1795600100000-follow-ups';
import { IncentiveApplications1795600100001 } from './1795600100001-incentive-applications';
import { ApprovalStepDecidedAt1795600100002 } from './1795600100002-approval-step-decided-at';
import { RateUsage1795600200000 } from './1795600200000-rate-usage';
import { TrustedDocuments1795600300000 } from './1795600300000-trusted-documents';
import { PeopleAndRules1795600400000 } from './1795600400000-people-and-rules';
import { LiveEvents1795600500000 } from './1795600500000-live-events';
import { DataImports1795600500001 } from './1795600500001-data-imports';
import { ExportJobs1795600500002 } from './1795600500002-export-jobs';
import { BusinessRules1795600600000 } from './1795600600000-business-rules';
import { ServiceQuality1795600800000 } from './1795600800000-service-quality';
import { Retention1795600700000 } from './1795600700000-retention';
import { RetentionRegionPath1795600900000 } from './1795600900000-retention-region-path';
import { ContactNameOrder1795600900001 } from './1795600900001-contact-name-order';
import { RateUsageSlice1795601000000 } from './1795601000000-rate-usage-slice';
import { NextBirthdayWithoutAge1795601100000 } from './1795601100000-next-birthday-without-age';

/** Every migration, in order. `npm run migration:generate -- Name` writes a new one; add it here. */
export const allMigrations: Function[] = [
  Initial1795434418901,
  GroupCustomers1795435330308,
  Opportunities1795435745456,
  CustomerNameOrder1795435835654,
  ContactsAndCare1795435841898,
  RelationshipMap1795436383701,
  OpportunityApprovalRoute1795439254189,
  ContactCareState1795500000000,
  CustomerSearchBigrams1795500000001,
  ContractsAndCommission1795600000000,
  FollowUps1795600100000,
  IncentiveApplications1795600100001,
  ApprovalStepDecidedAt1795600100002,
  RateUsage1795600200000,
  TrustedDocuments1795600300000,
  PeopleAndRules1795600400000,
  LiveEvents1795600500000,
  DataImports1795600500001,
  ExportJobs1795600500002,
  BusinessRules1795600600000,
  ServiceQuality1795600800000,
  Retention1795600700000,
  RetentionRegionPath1795600900000,
  ContactNameOrder1795600900001,
  RateUsageSlice1795601000000,
  NextBirthdayWithoutAge1795601100000,
];
