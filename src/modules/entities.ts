import { PartnerEntity } from './organisation/partner.entity';
import { RegionEntity } from './organisation/region.entity';
import { StaffEntity } from './organisation/staff.entity';
import { CustomerChangeEntity } from './customers/customer-change.entity';
import { CustomerRelationEntity } from './customers/customer-relation.entity';
import { GroupCustomerEntity } from './customers/group-customer.entity';
import { CareActivityEntity } from './contacts/care-activity.entity';
import { CarePolicyEntity } from './contacts/care-policy.entity';
import { ContactEntity } from './contacts/contact.entity';
import { RelationshipEntity } from './relationships/relationship.entity';
import { SeedRunEntity } from '../seed/seed-run.entity';

/** Every TypeORM entity; migrations must agree with these (tests/platform/migrations.test.ts). */
export const allEntities = [RegionEntity, StaffEntity, PartnerEntity, SeedRunEntity, GroupCustomerEntity, CustomerRelationEntity, CustomerChangeEntity, ContactEntity, CarePolicyEntity, CareActivityEntity, RelationshipEntity];
