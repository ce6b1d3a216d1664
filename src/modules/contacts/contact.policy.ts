import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { hasRole, isAdmin, LEADER_ROLES, Role, Viewer } from '../../platform/auth/viewer';
import { EVERYTHING, NOTHING, ScopePredicate } from '../../platform/scope/predicate';
import { customerPolicy } from '../customers/customer.policy';
import { customerSql } from '../customers/customer.sql';

/**
 * Who may read and change contacts, their care records, and who may see
 * their personal data — the only place that says so. Every predicate takes
 * the alias of the contact's `group_customer`: a contact is visible exactly
 * when its customer is (DOMAIN.md: Who sees what), except to partners and
 * support managers, who see a customer's basic fields only and never its
 * people.
 */
const CONTACT_READERS: Role[] = [Role.ADMIN, ...LEADER_ROLES, Role.INDUSTRY_MANAGER, Role.ACCOUNT_MANAGER, Role.GRID_MANAGER];

export const contactPolicy = {
  /** Contacts (and their care records) the viewer may read. */
  read(customerAlias: string, viewer: Viewer): ScopePredicate {
    return hasRole(viewer, ...CONTACT_READERS) ? customerPolicy.read(customerAlias, viewer) : NOTHING;
  },

  /** Contacts the viewer may change and record care for: those of the customers they keep. */
  write(customerAlias: string, viewer: Viewer): ScopePredicate {
    return customerPolicy.write(customerAlias, viewer);
  },

  /**
   * Whether mobile, email and birthday show unmasked (PIPL 个人信息保护法): to
   * the customer's account manager, a leader over the customer's region,
   * and admins (DOMAIN.md: Key contacts and four-level care).
   */
  personalData(customerAlias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    const accountManager = customerPolicy.managedBy(customerAlias, viewer.staffId, 'personalViewerId');
    if (!hasRole(viewer, ...LEADER_ROLES)) return { sql: `(${accountManager.sql})`, params: accountManager.params };
    const region = customerPolicy.inViewerRegion(customerAlias, viewer);
    return { sql: `(${accountManager.sql} OR ${region.sql})`, params: { ...accountManager.params, ...region.params } };
  },

  /** Contacts (alias of `contact`) the viewer may read: for modules that reach contacts without their customer. */
  readContact(contactAlias: string, viewer: Viewer, customerAlias = `${contactAlias}_c`): ScopePredicate {
    return customerSql.exists(`${contactAlias}.customer_id`, customerAlias, contactPolicy.read(customerAlias, viewer));
  },

  applyRead<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, customerAlias: string, viewer: Viewer): SelectQueryBuilder<E> {
    const scope = contactPolicy.read(customerAlias, viewer);
    return query.andWhere(scope.sql, scope.params);
  },

  /** Whether the viewer sees the people of the customers they read (not support managers, opportunity administrators or partners). */
  seesPeople(viewer: Viewer): boolean {
    return hasRole(viewer, ...CONTACT_READERS);
  },

  /** Care policies concern the staff who keep contacts; partners and support managers have none. */
  mayReadPolicies(viewer: Viewer): boolean {
    return hasRole(viewer, ...CONTACT_READERS);
  },

  /** Care policies are administered by admins only. */
  mayAdministerPolicies(viewer: Viewer): boolean {
    return isAdmin(viewer);
  },
};
