import { NodeResolver } from '../platform/graphql/node';
import { CustomerChangeResolver, CustomerRelationResolver, CustomerResolver } from './customers/customer.resolver';
import { CareActivityResolver, CarePolicyResolver, ContactResolver, CustomerContactsResolver } from './contacts/contact.resolver';
import { ContactRelationshipsResolver, RelationshipResolver, StaffRelationshipsResolver } from './relationships/relationship.resolver';
import { OrganisationResolver, PartnerFieldsResolver, RegionFieldsResolver, StaffFieldsResolver } from './organisation/organisation.resolver';

/** Every resolver of the API; the schema is built from exactly these. */
export const allResolvers = [NodeResolver, OrganisationResolver, RegionFieldsResolver, StaffFieldsResolver, PartnerFieldsResolver, CustomerResolver, CustomerRelationResolver, CustomerChangeResolver, ContactResolver, CareActivityResolver, CarePolicyResolver, CustomerContactsResolver, RelationshipResolver, StaffRelationshipsResolver, ContactRelationshipsResolver] as const;
