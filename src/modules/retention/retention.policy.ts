import { hasRole, isAdmin, LEADER_ROLES, Role, Viewer } from '../../platform/auth/viewer';
import { EVERYTHING, NOTHING, ScopePredicate } from '../../platform/scope/predicate';
import { customerPolicy } from '../customers/customer.policy';

/**
 * Who may see churn risk, segments, retention cases and the report, and who
 * may act (DOMAIN.md: Retention, Who sees what) — the only place that says
 * so. Every predicate takes the alias of the customer's `group_customer`.
 * Account managers see their customers, leaders their region; partners,
 * support managers (a customer's basic fields only), opportunity
 * administrators and the billing integration see none of it.
 */
const RETENTION_READERS: Role[] = [Role.ADMIN, ...LEADER_ROLES, Role.INDUSTRY_MANAGER, Role.ACCOUNT_MANAGER, Role.GRID_MANAGER];

export const retentionPolicy = {
  /** Customers whose risk, segment and retention cases the viewer reads. */
  read(customerAlias: string, viewer: Viewer): ScopePredicate {
    return hasRole(viewer, ...RETENTION_READERS) ? customerPolicy.read(customerAlias, viewer) : NOTHING;
  },

  /**
   * The region path whose customers are exactly those the viewer reads
   * retention of ('' for an administrator), or null when their scope is
   * not one region subtree (customerPolicy.exactRegionPath).
   */
  exactRegionPath(viewer: Viewer): string | null {
    return hasRole(viewer, ...RETENTION_READERS) ? customerPolicy.exactRegionPath(viewer) : null;
  },

  /** Whether the viewer reads retention at all (the report, the segment rules). */
  mayRead(viewer: Viewer): boolean {
    return hasRole(viewer, ...RETENTION_READERS);
  },

  /**
   * Customers on which the viewer may open a case and act on its cases:
   * those they keep (account, grid, industry managers) and, for leaders,
   * those in their region (分级挽回: a city leader leads A-grade cases).
   */
  act(customerAlias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    const keeps = customerPolicy.write(customerAlias, viewer);
    if (!hasRole(viewer, ...LEADER_ROLES)) return keeps;
    const region = customerPolicy.inViewerRegion(customerAlias, viewer);
    return { sql: `(${keeps.sql} OR ${region.sql})`, params: { ...keeps.params, ...region.params } };
  },

  /** 计费接口: billing feeds monthly revenue; admins may too. */
  mayRecordRevenue(viewer: Viewer): boolean {
    return isAdmin(viewer) || hasRole(viewer, Role.BILLING_INTEGRATION);
  },

  /** Only an administrator edits the segment rules or forces a refresh. */
  mayAdminister(viewer: Viewer): boolean {
    return isAdmin(viewer);
  },
};
