import { forbidden } from '../../platform/graphql/errors';
import { isPartner, Viewer } from '../../platform/auth/viewer';
import { contactSql } from '../contacts/contact.sql';
import { ScopePredicate } from '../../platform/scope/predicate';

/**
 * Who sees the relationship map 人脉地图 — the only place that says so.
 * Relationships are shared across the province 全员共享 (DOMAIN.md:
 * Relationship map): a staff member sees every relationship with at least
 * one end they may read — any staff member, or a contact in their scope.
 * The other end, when it is a contact out of scope, shows only as a
 * placeholder. Partners see none of it.
 */
export const relationshipPolicy = {
  assertMayUse(viewer: Viewer): void {
    if (isPartner(viewer)) throw forbidden('Partners have no access to the relationship map');
  },

  /** Relationship edges (alias of `relationship_edge`) with at least one end the viewer may read. */
  readableEdge(edgeAlias: string, viewer: Viewer): ScopePredicate {
    const contact = (id: string) => contactSql.readable(`${edgeAlias}.${id}`, viewer, 'rel_edge_ct');
    const end = (id: string, staff: string) => `(${edgeAlias}.${staff} OR ${contact(id).sql})`;
    return { sql: `(${end('from_id', 'from_staff')} OR ${end('to_id', 'to_staff')})`, params: contact('from_id').params };
  },
};
