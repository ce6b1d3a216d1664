import { hasRole, isAdmin, isPartner, Role, Viewer } from '../../platform/auth/viewer';
import { EVERYTHING, NOTHING, ScopePredicate } from '../../platform/scope/predicate';
import { organisationSql } from '../organisation/organisation.sql';

/*
 * 商机管理员 — what an opportunity administrator (role OPPORTUNITY_ADMIN, one
 * city) may read and do (DOMAIN.md: Who sees what): the partner reports,
 * registrations and commissions of the partners whose home region is in
 * their city, and those partners' user accounts. "Of their city" is decided
 * by the partner's home region, the city that keeps its accounts, wherever
 * its customers are. opportunity.policy.ts and commission.policy.ts read
 * these predicates; out of scope reads like not found.
 */

/** An opportunity administrator acting as one (a partner's user never is). */
export function isOpportunityAdmin(viewer: Viewer): boolean {
  return hasRole(viewer, Role.OPPORTUNITY_ADMIN) && !isPartner(viewer);
}

/** The partners of the administrator's city, on a column holding a partner id. */
function cityPartners(partnerIdExpression: string, viewer: Viewer, param: string): ScopePredicate {
  return organisationSql.partnerInRegionSubtree(partnerIdExpression, viewer.regionPath, param);
}

export const partnerAdminPolicy = {
  /** Opportunities an administrator reads: those reported by the partners of their city (null: not one). */
  partnerReports(alias: string, viewer: Viewer): ScopePredicate | null {
    if (!isOpportunityAdmin(viewer)) return null;
    const partners = cityPartners(`${alias}.partner_id`, viewer, 'oaReportPath');
    return { sql: `(${alias}.partner_id IS NOT NULL AND ${partners.sql})`, params: partners.params };
  },

  /** Commissions an administrator reads and reviews: those of the partners of their city (null: not one). */
  cityCommissions(alias: string, viewer: Viewer): ScopePredicate | null {
    return isOpportunityAdmin(viewer) ? cityPartners(`${alias}.partner_id`, viewer, 'oaCommissionPath') : null;
  },

  /** The partners of the administrator's city, on a column holding a partner id (their statistics, all together). */
  cityPartners(partnerIdExpression: string, viewer: Viewer): ScopePredicate {
    return isOpportunityAdmin(viewer) ? cityPartners(partnerIdExpression, viewer, 'oaStatisticsPath') : NOTHING;
  },

  /** Registration attempts 报备记录: a partner its own, an administrator their city's partners', admins all. */
  readRegistration(alias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    if (isPartner(viewer)) return viewer.partnerId ? { sql: `${alias}.partner_id = :regPartnerId`, params: { regPartnerId: viewer.partnerId } } : NOTHING;
    return isOpportunityAdmin(viewer) ? cityPartners(`${alias}.partner_id`, viewer, 'oaRegistrationPath') : NOTHING;
  },

  /** Whether the viewer manages partner accounts at all (which partners: mayAdministerPartner). */
  managesPartners(viewer: Viewer): boolean {
    return isAdmin(viewer) || isOpportunityAdmin(viewer);
  },

  /** Whether the viewer keeps the accounts and commissions of a partner whose home region has this path. */
  mayAdministerPartner(viewer: Viewer, partnerRegionPath: string): boolean {
    return isAdmin(viewer) || (isOpportunityAdmin(viewer) && partnerRegionPath.startsWith(viewer.regionPath));
  },

  /** Statistics of one partner: its own users, the administrator of its city, admins. */
  mayReadPartnerStatistics(viewer: Viewer, partnerId: string, partnerRegionPath: string): boolean {
    return isPartner(viewer) ? viewer.partnerId === partnerId : partnerAdminPolicy.mayAdministerPartner(viewer, partnerRegionPath);
  },
};
