import { isAdmin, isPartner, Role, Viewer } from '../../platform/auth/viewer';
import { anyOf, EVERYTHING, NOTHING, ScopePredicate } from '../../platform/scope/predicate';
import { opportunityPolicy } from './opportunity.policy';
import { partnerAdminPolicy } from './partner-admin.policy';

/*
 * Who may read contracts and commissions 酬金, and what partners may not see
 * of them (DOMAIN.md: Who sees what) — the only place that says so. Every
 * path (lists, queues, `node`, nested fields, loaders, mutations) applies
 * these in SQL.
 */

/** The viewer without the administrator role: what they read of opportunities as anyone else. */
function withoutAdministration(viewer: Viewer): Viewer {
  return { ...viewer, roles: new Set([...viewer.roles].filter((role) => role !== Role.OPPORTUNITY_ADMIN)) };
}

export const commissionPolicy = {
  /**
   * Commissions on alias `alias`: a partner sees only its own; an
   * administrator those of their city's partners; other staff those on
   * opportunities they may read. An administrator does not see another
   * city's partner's commission through an opportunity of their city.
   */
  read(alias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    if (isPartner(viewer)) return viewer.partnerId ? { sql: `${alias}.partner_id = :cmPartnerId`, params: { cmPartnerId: viewer.partnerId } } : NOTHING;
    const predicates: ScopePredicate[] = [];
    const city = partnerAdminPolicy.cityCommissions(alias, viewer);
    if (city) predicates.push(city);
    const others = opportunityPolicy.read('cm_o', withoutAdministration(viewer));
    if (others.sql !== NOTHING.sql) predicates.push({ sql: `EXISTS (SELECT 1 FROM opportunity cm_o WHERE cm_o.id = ${alias}.opportunity_id AND ${others.sql})`, params: others.params });
    return anyOf(predicates);
  },

  /** Contracts on alias `alias`: readable with their opportunity. */
  readContract(alias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    const opportunity = opportunityPolicy.read('ct_o', viewer);
    return { sql: `EXISTS (SELECT 1 FROM opportunity ct_o WHERE ct_o.id = ${alias}.opportunity_id AND ${opportunity.sql})`, params: opportunity.params };
  },

  /** The commissions the viewer may review and pay (their work queue): an administrator their city's partners', admins all. */
  reviewable(alias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    return partnerAdminPolicy.cityCommissions(alias, viewer) ?? NOTHING;
  },

  /** Reviews and payment records: the administrator of the partner's city, or an admin. */
  mayReview(viewer: Viewer, partnerRegionPath: string): boolean {
    return partnerAdminPolicy.mayAdministerPartner(viewer, partnerRegionPath);
  },

  /** Commission rates are set by admins (DOMAIN.md: admin-editable). */
  maySetRates(viewer: Viewer): boolean {
    return isAdmin(viewer);
  },

  /** What partners do not see: which of our staff reviewed or recorded, and our notes on a failed provisioning. */
  redact(viewer: Viewer) {
    const partner = isPartner(viewer);
    return {
      staff: (staffId: string | null): string | null => (partner ? null : staffId),
      internalNote: (text: string | null): string | null => (partner ? null : text),
    };
  },
};
