import { forbidden } from '../../platform/graphql/errors';
import { isAdmin, isPartner, Viewer } from '../../platform/auth/viewer';
import { contactSql } from '../contacts/contact.sql';
import { ScopePredicate } from '../../platform/scope/predicate';

/**
 * Who sees the relationship map 人脉地图 — the only place that says so.
 * Relationships are shared across the province 全员共享 (DOMAIN.md:
 * Relationship map): any internal user opens the map of, and looks for
 * introduction paths into, any customer of the province. A contact outside
 * their row scope shows as a profile — name, title, care level and customer,
 * never personal data — and a tie with no end they may read without what
 * was noted about it. Partners see none of it.
 */
export const relationshipPolicy = {
  assertMayUse(viewer: Viewer): void {
    if (isPartner(viewer)) throw forbidden('Partners have no access to the relationship map');
  },

  /** Where the map is shared: the region path of the viewer's province, or null for admins (everywhere). */
  sharedRegion(viewer: Viewer): string | null {
    return isAdmin(viewer) ? null : `/${viewer.regionPath.split('/').filter(Boolean)[0] ?? ''}/`;
  },

  /**
   * A tie on an introduction path with no end the viewer may read: the path
   * still shows the way (DOMAIN.md: finding a way into a customer one does
   * not manage is the point), so its kind and strength stay, but what was
   * noted about two people out of scope, since when and by whom does not —
   * as `node(id:)` answers null for it.
   */
  restrictOnPath<E extends { note: string | null; since: string | null; recorded_by_id: string | null }>(edge: E): E {
    return { ...edge, note: null, since: null, recorded_by_id: null };
  },

  /** Relationship edges (alias of `relationship_edge`) with at least one end the viewer may read. */
  readableEdge(edgeAlias: string, viewer: Viewer): ScopePredicate {
    const contact = (id: string) => contactSql.readable(`${edgeAlias}.${id}`, viewer, 'rel_edge_ct');
    const end = (id: string, staff: string) => `(${edgeAlias}.${staff} OR ${contact(id).sql})`;
    return { sql: `(${end('from_id', 'from_staff')} OR ${end('to_id', 'to_staff')})`, params: contact('from_id').params };
  },
};
