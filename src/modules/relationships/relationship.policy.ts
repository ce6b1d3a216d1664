import { forbidden } from '../../platform/graphql/errors';
import { isPartner, Viewer } from '../../platform/auth/viewer';
import { contactPolicy } from '../contacts/contact.policy';
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

  /** Contacts (alias of `contact`) the viewer may read by name. */
  readableContact(contactAlias: string, viewer: Viewer): ScopePredicate {
    const scope = contactPolicy.read('rel_scope_c', viewer);
    return {
      sql: `EXISTS (SELECT 1 FROM group_customer rel_scope_c WHERE rel_scope_c.id = ${contactAlias}.customer_id AND ${scope.sql})`,
      params: scope.params,
    };
  },

  /** Relationship edges (alias of `relationship_edge`) with at least one end the viewer may read. */
  readableEdge(edgeAlias: string, viewer: Viewer): ScopePredicate {
    const scope = contactPolicy.read('rel_edge_c', viewer);
    const end = (id: string, staff: string) =>
      `(${edgeAlias}.${staff} OR EXISTS (SELECT 1 FROM contact rel_edge_ct JOIN group_customer rel_edge_c ON rel_edge_c.id = rel_edge_ct.customer_id WHERE rel_edge_ct.id = ${edgeAlias}.${id} AND ${scope.sql}))`;
    return { sql: `(${end('from_id', 'from_staff')} OR ${end('to_id', 'to_staff')})`, params: scope.params };
  },
};
