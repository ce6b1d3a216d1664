import { hasRole, isAdmin, isPartner, Role, Viewer } from '../../platform/auth/viewer';
import { EVERYTHING, ScopePredicate } from '../../platform/scope/predicate';

/**
 * Who may load data in bulk (issue 17) — the only place that says so: admins
 * anywhere, city leaders into their own region subtree (a row outside it is
 * refused with OUT_OF_SCOPE or UNKNOWN_CUSTOMER). An import job is seen by
 * whoever uploaded it, and admins. What an export holds is not decided here:
 * it is the API's own lists, read as the viewer (export.service.ts).
 */
export const exchangePolicy = {
  mayImport(viewer: Viewer): boolean {
    return isAdmin(viewer) || (!isPartner(viewer) && hasRole(viewer, Role.CITY_LEADER));
  },

  mayImportInto(viewer: Viewer, regionPath: string): boolean {
    return isAdmin(viewer) || (exchangePolicy.mayImport(viewer) && regionPath.startsWith(viewer.regionPath));
  },

  /** Import jobs (alias of import_job) the viewer may read and commit. */
  readImportJob(alias: string, viewer: Viewer): ScopePredicate {
    return exchangePolicy.readOwnJob(alias, viewer);
  },

  /** Import and export jobs (by alias): their starter's, and every one for admins. An export's rows are its starter's view, so nobody else downloads it. */
  readOwnJob(alias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    return { sql: `${alias}.created_by_id = :jobViewer`, params: { jobViewer: viewer.staffId } };
  },
};
