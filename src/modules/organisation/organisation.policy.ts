import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { forbidden } from '../../platform/graphql/errors';
import { isAdmin, isPartner, Viewer } from '../../platform/auth/viewer';

/**
 * Who may read and change regions, staff and partners; the only place that
 * says so. Regions are public to every signed-in user (a customer's region is
 * shown even to partners); staff and partners are visible to our staff, while
 * a partner's user sees only themselves and their own company.
 */
export const organisationPolicy = {
  scopeStaff<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, alias: string, viewer: Viewer): SelectQueryBuilder<E> {
    if (isPartner(viewer)) query.andWhere(`${alias}.id = :scopeViewerStaffId`, { scopeViewerStaffId: viewer.staffId });
    return query;
  },

  /** scopeStaff for a row already read (staff-directory.ts). */
  seesStaff(viewer: Viewer, staff: { id: string }): boolean {
    return !isPartner(viewer) || staff.id === viewer.staffId;
  },

  scopePartners<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, alias: string, viewer: Viewer): SelectQueryBuilder<E> {
    if (isPartner(viewer)) query.andWhere(`${alias}.id = :scopeViewerPartnerId`, { scopeViewerPartnerId: viewer.partnerId });
    return query;
  },

  /** Regions, staff and partners are administered by admins only. */
  assertCanAdminister(viewer: Viewer): void {
    if (!isAdmin(viewer)) throw forbidden('Only an administrator may change the organisation');
  },
};
