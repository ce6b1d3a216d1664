import { EntityManager } from 'typeorm';
import { isPartner } from '../../platform/auth/viewer';
import { Context, inTransaction } from '../../platform/context';
import { decodeCursor, encodeCursor, Page, PageArgs, pageSize } from '../../platform/graphql/connection';
import { badInput } from '../../platform/graphql/errors';
import { fromGlobalId } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { contactFacts, contactSql } from '../contacts/contact.sql';
import { contactService } from '../contacts/contact.service';
import { CareLevel } from '../contacts/contact.enums';
import { customerPolicy } from '../customers/customer.policy';
import { customerFacts, customerSql } from '../customers/customer.sql';
import { organisationFacts, organisationSql } from '../organisation/organisation.sql';
import { DIRECTED_TYPES, RelationshipType } from './relationship.enums';
import { RELATIONSHIP_LIMITS } from './relationship.config';
import { relationshipPolicy } from './relationship.policy';
import { AddRelationshipInput, EdgeRow, RemoveRelationshipInput } from './relationship.types';

const EDGE_COLUMNS = `e.id, e.type, e.strength, e.since::text AS since, e.note, e.recorded_by_id, e.recorded_at, e.from_id, e.from_staff, e.to_id, e.to_staff`;

type Person = { uuid: string; kind: 'Staff' | 'Contact' };

function personRef(globalId: string): Person | null {
  const decoded = fromGlobalId(globalId);
  if (!decoded || (decoded.type !== 'Staff' && decoded.type !== 'Contact')) return null;
  return { uuid: decoded.uuid, kind: decoded.type };
}

/** Turns named parameters (:name) of a scope predicate into positional ones after `offset`. */
function positional(predicate: { sql: string; params: Record<string, unknown> }, offset: number): { sql: string; values: unknown[] } {
  const names: string[] = [];
  const sql = predicate.sql.replace(/:(\w+)/g, (_m, name: string) => {
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `$${offset + index + 1}`;
  });
  return { sql, values: names.map((name) => predicate.params[name]) };
}

async function personExists(tx: EntityManager, ctx: Context, person: Person): Promise<boolean> {
  if (person.kind === 'Staff') return organisationFacts.isStaffMember(tx, person.uuid, true);
  return contactFacts.isReadable(tx, ctx.viewer, person.uuid);
}

/** 全员共享: any customer of the viewer's province (admins: any at all); another reads like an unknown one. */
async function assertSharedCustomer(ctx: Context, customerUuid: string): Promise<void> {
  const region = relationshipPolicy.sharedRegion(ctx.viewer);
  const { shared } = await customerFacts.check(ctx.db.manager, customerUuid, {
    shared: (alias) => (region === null ? { sql: 'TRUE', params: {} } : customerPolicy.inRegionSubtree(alias, region, 'sharedProvince')),
  });
  if (!shared) throw badInput('customerId: customer not found');
}

async function assertReadableCustomer(ctx: Context, customerUuid: string): Promise<void> {
  const { readable } = await customerFacts.check(ctx.db.manager, customerUuid, { readable: (alias) => customerPolicy.read(alias, ctx.viewer) });
  if (!readable) throw badInput('customerId: customer not found');
}

export const relationshipService = {
  /** Relationships by id in the viewer's scope, in the order asked. */
  async byIds(ctx: Context, ids: readonly string[]): Promise<(EdgeRow | null)[]> {
    if (isPartner(ctx.viewer)) return ids.map(() => null);
    const scope = positional(relationshipPolicy.readableEdge('e', ctx.viewer), 1);
    const rows: EdgeRow[] = await ctx.db.query(`SELECT ${EDGE_COLUMNS} FROM relationship_edge e WHERE e.id = ANY($1::uuid[]) AND ${scope.sql}`, [[...ids], ...scope.values]);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  },

  /**
   * The relationships on introduction paths, whoever's they are: a path may
   * pass people out of the viewer's scope, who then show as placeholders,
   * and ties between two of them as relationshipPolicy.restrictOnPath says.
   */
  async onPaths(ctx: Context, ids: readonly string[]): Promise<Map<string, EdgeRow>> {
    if (ids.length === 0) return new Map();
    const scope = positional(relationshipPolicy.readableEdge('e', ctx.viewer), 1);
    const rows: (EdgeRow & { readable: boolean })[] = await ctx.db.query(`SELECT ${EDGE_COLUMNS}, ${scope.sql} AS readable FROM relationship_edge e WHERE e.id = ANY($1::uuid[])`, [
      [...ids],
      ...scope.values,
    ]);
    return new Map(rows.map(({ readable, ...row }) => [row.id, readable ? row : relationshipPolicy.restrictOnPath(row)]));
  },

  /** Whether each uuid is a staff member (true), a contact (false) or nothing (null). */
  async kinds(ctx: Context, ids: readonly string[]): Promise<(boolean | null)[]> {
    const rows: { id: string; staff: boolean }[] = await ctx.db.query(
      `SELECT id, true AS staff FROM (${organisationSql.staffIdsAmong('$1::uuid[]')}) s UNION ALL SELECT id, false FROM (${contactSql.idsAmong('$1::uuid[]')}) c`,
      [[...ids]],
    );
    const map = new Map(rows.map((row) => [row.id, row.staff]));
    return ids.map((id) => map.get(id) ?? null);
  },

  /** Each person's relationships, newest first; a page per person in one statement. */
  async pagesByPerson(ctx: Context, personIds: readonly string[], args: PageArgs, count: (personId: string) => Promise<number>): Promise<Map<string, Page<EdgeRow>>> {
    relationshipPolicy.assertMayUse(ctx.viewer);
    if (args.last != null || args.before != null) throw badInput('Nested lists page forward only: use `first` and `after`');
    const { size } = pageSize(args);
    const scope = positional(relationshipPolicy.readableEdge('e', ctx.viewer), 1);
    const values: unknown[] = [[...personIds], ...scope.values];
    let cursorSql = '';
    if (args.after != null) {
      const [at, id] = decodeCursor(args.after, 'timestamptz');
      values.push(at, id);
      cursorSql = `AND (e.recorded_at, e.id) < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`;
    }
    const rows: (EdgeRow & { person: string; cursor_at: string })[] = await ctx.db.query(
      `SELECT * FROM (
         SELECT ${EDGE_COLUMNS}, e.recorded_at::text AS cursor_at, p.person, row_number() OVER (PARTITION BY p.person ORDER BY e.recorded_at DESC, e.id DESC) AS rn
         FROM unnest($1::uuid[]) AS p(person) JOIN relationship_edge e ON e.from_id = p.person OR e.to_id = p.person
         WHERE ${scope.sql} ${cursorSql}
       ) paged WHERE rn <= ${size + 1} ORDER BY person, rn`,
      values,
    );
    const pages = new Map<string, Page<EdgeRow>>();
    for (const personId of personIds) {
      const list = rows.filter((row) => row.person === personId);
      const edges = list.slice(0, size).map((row) => ({ cursor: encodeCursor(row.cursor_at, row.id), node: row }));
      pages.set(personId, {
        edges,
        pageInfo: {
          hasNextPage: list.length > size,
          hasPreviousPage: args.after != null,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
        },
        count: () => count(personId),
      });
    }
    return pages;
  },

  async countsByPerson(ctx: Context, personIds: readonly string[]): Promise<number[]> {
    const scope = positional(relationshipPolicy.readableEdge('e', ctx.viewer), 1);
    const rows: { person: string; n: number }[] = await ctx.db.query(
      `SELECT p.person, count(*)::int AS n FROM unnest($1::uuid[]) AS p(person) JOIN relationship_edge e ON e.from_id = p.person OR e.to_id = p.person WHERE ${scope.sql} GROUP BY p.person`,
      [[...personIds], ...scope.values],
    );
    const map = new Map(rows.map((row) => [row.person, row.n]));
    return personIds.map((id) => map.get(id) ?? 0);
  },

  /** Records a relationship, or updates the one of the same pair and type (DOMAIN.md: Relationship map). */
  async add(ctx: Context, input: AddRelationshipInput): Promise<Result<EdgeRow>> {
    relationshipPolicy.assertMayUse(ctx.viewer);
    const errors = await validateInput(input);
    const from = personRef(input.fromId);
    const to = personRef(input.toId);
    if (!from) errors.push(userError(UserErrorCode.VALIDATION, 'fromId must be a staff member or a contact', 'fromId'));
    if (!to) errors.push(userError(UserErrorCode.VALIDATION, 'toId must be a staff member or a contact', 'toId'));
    if (input.since && (Number.isNaN(Date.parse(input.since)) || input.since > new Date().toISOString().slice(0, 10))) {
      errors.push(userError(UserErrorCode.VALIDATION, 'since must be a real date, not in the future', 'since'));
    }
    if (from && to && from.uuid === to.uuid) errors.push(userError(UserErrorCode.VALIDATION, 'A relationship joins two different people', 'toId'));
    if (errors.length) return failMany(errors);
    const directed = DIRECTED_TYPES.has(input.type);
    if (directed && (from!.kind !== 'Contact' || to!.kind !== 'Contact')) {
      return fail(UserErrorCode.VALIDATION, 'REPORTS_TO joins two contacts of one customer', from!.kind !== 'Contact' ? 'fromId' : 'toId');
    }
    return inTransaction(ctx, async (tx) => {
      if (!(await personExists(tx, ctx, from!))) return fail(UserErrorCode.VALIDATION, 'Unknown person, or a contact outside your scope', 'fromId');
      if (!(await personExists(tx, ctx, to!))) return fail(UserErrorCode.VALIDATION, 'Unknown person, or a contact outside your scope', 'toId');
      // Undirected relationships are kept once per pair: smaller id first.
      const [a, b] = directed || from!.uuid < to!.uuid ? [from!, to!] : [to!, from!];
      if (directed) {
        // The contact's reports-to is the truth of the org chart; this keeps the two the same.
        const problem = await contactService.setReportsTo(tx, ctx, a.uuid, b.uuid);
        if (problem) return failMany([{ ...problem, field: ['input', problem.field?.[1] === 'id' ? 'fromId' : 'toId'] }]);
        await tx.query(`DELETE FROM relationship WHERE type = 'REPORTS_TO' AND person_a = $1 AND person_b <> $2`, [a.uuid, b.uuid]);
      }
      const [{ id }] = await tx.query(
        `INSERT INTO relationship (type, a_staff_id, a_contact_id, b_staff_id, b_contact_id, strength, since, note, recorded_by_id, person_a, person_b)
         VALUES ($1, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6, $7, $8, $9, coalesce($2::uuid, $3::uuid), coalesce($4::uuid, $5::uuid))
         ON CONFLICT (person_a, person_b, type) DO UPDATE SET strength = EXCLUDED.strength, since = EXCLUDED.since, note = EXCLUDED.note, recorded_by_id = EXCLUDED.recorded_by_id, updated_at = now()
         RETURNING id`,
        [
          input.type,
          a.kind === 'Staff' ? a.uuid : null,
          a.kind === 'Contact' ? a.uuid : null,
          b.kind === 'Staff' ? b.uuid : null,
          b.kind === 'Contact' ? b.uuid : null,
          input.strength,
          input.since ?? null,
          input.note?.trim() || null,
          ctx.viewer.staffId,
        ],
      );
      const [row] = await tx.query(`SELECT ${EDGE_COLUMNS} FROM relationship_edge e WHERE e.id = $1`, [id]);
      return ok(row as EdgeRow);
    });
  },

  async remove(ctx: Context, input: RemoveRelationshipInput): Promise<Result<string>> {
    relationshipPolicy.assertMayUse(ctx.viewer);
    const decoded = fromGlobalId(input.id, 'Relationship');
    if (!decoded) return fail(UserErrorCode.NOT_FOUND, 'Relationship not found', 'id');
    return inTransaction(ctx, async (tx) => {
      const scope = positional(relationshipPolicy.readableEdge('e', ctx.viewer), 1);
      const [edge]: EdgeRow[] = await tx.query(`SELECT ${EDGE_COLUMNS} FROM relationship_edge e WHERE e.id = $1 AND ${scope.sql}`, [decoded.uuid, ...scope.values]);
      if (!edge) return fail(UserErrorCode.NOT_FOUND, 'Relationship not found', 'id');
      if (edge.type === RelationshipType.REPORTS_TO) {
        const problem = await contactService.setReportsTo(tx, ctx, edge.from_id, null);
        if (problem) return failMany([{ ...problem, field: ['input', 'id'] }]);
        await tx.query(`DELETE FROM relationship WHERE type = 'REPORTS_TO' AND person_a = $1`, [edge.from_id]);
      } else {
        await tx.query(`DELETE FROM relationship WHERE id = $1`, [edge.id]);
      }
      return ok(input.id);
    });
  },

  /**
   * 人脉地图 around a customer: its contacts, everyone tied to them (depth 1),
   * and the ties of those people (depth 2), bounded in size.
   */
  async map(ctx: Context, customerUuid: string, depth: number): Promise<{ people: string[]; edges: EdgeRow[]; customers: string[]; truncated: boolean }> {
    relationshipPolicy.assertMayUse(ctx.viewer);
    if (depth < 1 || depth > 2) throw badInput('depth must be 1 or 2');
    await assertSharedCustomer(ctx, customerUuid);
    // 全员共享: every contact of the customer; those out of the viewer's scope show as profiles (relationshipLoaders.person).
    const people = new Set(await contactFacts.allOfCustomer(ctx.db, customerUuid));
    const edges = new Map<string, EdgeRow>();
    let truncated = false;
    let frontier = [...people];
    const edgeScope = positional(relationshipPolicy.readableEdge('e', ctx.viewer), 2);
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const room = RELATIONSHIP_LIMITS.mapRelationships - edges.size;
      const found: (EdgeRow & { readable: boolean })[] = await ctx.db.query(
        `SELECT ${EDGE_COLUMNS}, ${edgeScope.sql} AS readable FROM relationship_edge e WHERE (e.from_id = ANY($1::uuid[]) OR e.to_id = ANY($1::uuid[])) ORDER BY e.strength DESC, e.id LIMIT $2`,
        [frontier, room + 1, ...edgeScope.values],
      );
      // A tie with no end the viewer may read shows as it does on a path: kind and strength, nothing noted about it.
      const rows = found.map(({ readable, ...row }) => (readable ? row : relationshipPolicy.restrictOnPath(row)));
      if (rows.length > room) truncated = true;
      const next: string[] = [];
      for (const row of rows.slice(0, room)) {
        for (const person of [row.from_id, row.to_id]) {
          if (people.has(person)) continue;
          if (people.size >= RELATIONSHIP_LIMITS.mapPeople) {
            truncated = true;
            continue;
          }
          people.add(person);
          next.push(person);
        }
        if (people.has(row.from_id) && people.has(row.to_id)) edges.set(row.id, row);
      }
      frontier = next;
    }
    const related: { id: string }[] = await ctx.db.query(
      `SELECT DISTINCT x.id FROM (
         ${customerSql.neighbourhood('$1')}
         UNION ALL ${contactSql.customerIdsOf('$2::uuid[]')}
       ) x`,
      [customerUuid, [...people]],
    );
    return { people: [...people], edges: [...edges.values()], customers: related.map((r) => r.id), truncated };
  },

  /**
   * 引荐路径: simple paths from a staff member to a contact in at most
   * `maxHops`, shortest first, strongest weakest-link among equals. Walking
   * half the hops from each end keeps the work near the square root of a
   * one-sided walk, which is what keeps hubs with thousands of ties
   * affordable. One statement, under its own timeout.
   */
  async paths(ctx: Context, fromStaffUuid: string, toContactUuid: string, maxHops: number, first: number): Promise<{ hops: number; strength: number; people: string[]; edges: string[] }[]> {
    relationshipPolicy.assertMayUse(ctx.viewer);
    if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > RELATIONSHIP_LIMITS.maxHops) throw badInput(`maxHops must be between 1 and ${RELATIONSHIP_LIMITS.maxHops}`);
    if (!Number.isInteger(first) || first < 1 || first > RELATIONSHIP_LIMITS.maxPaths) throw badInput(`first must be between 1 and ${RELATIONSHIP_LIMITS.maxPaths}`);
    if (!(await organisationFacts.isStaffMember(ctx.db.manager, fromStaffUuid, false))) throw badInput('fromStaffId: staff member not found');
    const shared = relationshipPolicy.sharedRegion(ctx.viewer);
    // 全员共享: a way into any contact of the province, readable or not.
    if (!(shared === null ? (await contactFacts.profiles(ctx.db, [toContactUuid], null)).length === 1 : await contactFacts.isUnder(ctx.db, toContactUuid, shared))) {
      throw badInput('toContactId: contact not found');
    }
    return ctx.db.transaction(async (tx) => {
      await tx.query(`SET LOCAL statement_timeout = ${RELATIONSHIP_LIMITS.pathStatementTimeoutMs}`);
      // Meet in the middle: simple paths of up to ⌊maxHops/2⌋ steps out from the staff member and up to
      // ⌈maxHops/2⌉ steps back from the contact, joined where they meet. Each whole path is built once, split
      // after min(length, ⌊maxHops/2⌋) steps, and the two halves may share no one but the meeting person.
      const forwardHops = Math.floor(maxHops / 2);
      const backwardHops = maxHops - forwardHops;
      const rows: { hops: number; strength: number; people: string[]; edges: string[] }[] = await tx.query(
        `WITH RECURSIVE
         outward(person, hops, strength, people, edges) AS (
           SELECT $1::uuid, 0, 5, ARRAY[$1::uuid], ARRAY[]::uuid[]
           UNION ALL
           SELECT n.person, o.hops + 1, least(o.strength, n.strength), o.people || n.person, o.edges || n.edge_id
           FROM outward o CROSS JOIN LATERAL crm_neighbours(o.person) n
           WHERE o.hops < $3 AND o.person <> $2 AND n.person <> ALL (o.people)
         ),
         inward(person, hops, strength, people, edges) AS (
           SELECT $2::uuid, 0, 5, ARRAY[$2::uuid], ARRAY[]::uuid[]
           UNION ALL
           SELECT n.person, i.hops + 1, least(i.strength, n.strength), n.person || i.people, n.edge_id || i.edges
           FROM inward i CROSS JOIN LATERAL crm_neighbours(i.person) n
           WHERE i.hops < $4 AND i.person <> $1 AND n.person <> ALL (i.people)
         )
         SELECT o.hops + i.hops AS hops, least(o.strength, i.strength) AS strength,
                (o.people || i.people[2:])::text[] AS people, (o.edges || i.edges)::text[] AS edges
         FROM outward o JOIN inward i ON i.person = o.person
         WHERE o.hops + i.hops >= 1 AND (o.hops = $3 OR i.hops = 0) AND NOT (o.people && i.people[2:])
         ORDER BY hops, strength DESC, people
         LIMIT $5`,
        [fromStaffUuid, toContactUuid, forwardHops, backwardHops, first],
      );
      return rows.map((row) => ({ hops: Number(row.hops), strength: Number(row.strength), people: row.people, edges: row.edges }));
    });
  },

  /** MANAGEMENT and KEY_PERSON contacts of a customer that no staff member has a relationship with. */
  async gaps(ctx: Context, customerUuid: string): Promise<string[]> {
    relationshipPolicy.assertMayUse(ctx.viewer);
    await assertReadableCustomer(ctx, customerUuid);
    return contactFacts.readableOfCustomer(ctx.db, ctx.viewer, customerUuid, {
      careLevels: [CareLevel.MANAGEMENT, CareLevel.KEY_PERSON],
      byCareLevel: true,
      stillThere: true,
      where: (ct) => `NOT EXISTS (SELECT 1 FROM person_edge e WHERE e.from_id = ${ct}.id AND ${organisationSql.activeUser('e.to_id')})`,
    });
  },
};
