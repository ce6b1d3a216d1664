import { GraphQLInterfaceType, GraphQLSchema, Kind, parse, validate } from 'graphql';
import { appSchema } from '../../src/app';
import { errorCodes, startTestApp, TestApp } from '../support/harness';
import { casesOf, expectedOf, mapLimit, mismatches, Row, runRow } from './engine';
import { MATRIX } from './matrix';
import { NODE_TYPES } from './node-types';
import { objectsIn, reachingNode, reachingRoot } from './reachable';
import { LIVE_ROLES, SCOPES, SIDES } from './roles';
import { gid, uuidOf, World } from './world';

/**
 * The authorization matrix (issue 15) against the demo province: each row
 * runs every role on a fresh in-scope and out-of-scope target and compares
 * what the user gets with the table in tests/authz/matrix/. Then `node(id:)`
 * and `nodes(ids:)` for every type implementing Node, as every role
 * (tests/authz/node-types.ts): ids of rows in scope come back where the role
 * may read the type, ids of rows out of scope come back null, and no row
 * answers under another type's name. Last, whatever a role reaches through
 * nested fields from any root query (tests/authz/reachable.ts), node(id:)
 * must give it too: out of scope is null on every path. One file, so the
 * province loads once.
 */
const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;

const rootFields = (schema: GraphQLSchema) => [
  ...Object.keys(schema.getQueryType()!.getFields()).map((name) => `Query.${name}`),
  ...Object.keys(schema.getMutationType()!.getFields()).map((name) => `Mutation.${name}`),
];

describe('the matrix covers the schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await appSchema();
  });

  it('has a row for every root query and mutation, and none for a field that no longer exists', () => {
    const fields = rootFields(schema);
    const covered = new Set(MATRIX.map((r) => r.field));
    expect({ withoutRow: fields.filter((f) => !covered.has(f)), rowsForNoField: [...covered].filter((f) => !fields.includes(f)) }).toEqual({
      withoutRow: [],
      rowsForNoField: [],
    });
  });

  it('states an outcome for every role that can sign in, on every row', () => {
    const missing = MATRIX.flatMap((r) => LIVE_ROLES.filter((role) => r.expect[role] === undefined).map((role) => `${r.field}: ${role}`));
    expect(missing).toEqual([]);
    // Rows without a target cannot tell in from out of scope; expectedOf throws if one tries.
    for (const r of MATRIX) for (const { role, side } of casesOf(r)) expectedOf(r, role, side);
  });

  it('has an entry for every type implementing Node, and none for a type that does not', () => {
    const implementing = schema.getImplementations(schema.getType('Node') as GraphQLInterfaceType).objects.map((o) => o.name);
    const listed = NODE_TYPES.map((n) => n.type);
    expect({ missing: implementing.filter((t) => !listed.includes(t)), stale: listed.filter((t) => !implementing.includes(t)) }).toEqual({
      missing: [],
      stale: [],
    });
  });

  it('asks each row about its own field, in a document the schema accepts', () => {
    const problems = MATRIX.flatMap((r) => {
      const document = parse(r.document);
      const errors = validate(schema, document).map((e) => `${r.field}: ${e.message}`);
      const [operation] = document.definitions;
      if (operation.kind !== Kind.OPERATION_DEFINITION || operation.selectionSet.selections[0].kind !== Kind.FIELD) return [...errors, `${r.field}: not one operation on a field`];
      const asked = `${operation.operation === 'mutation' ? 'Mutation' : 'Query'}.${operation.selectionSet.selections[0].name.value}`;
      return asked === r.field ? errors : [...errors, `${r.field}: the document asks for ${asked}`];
    });
    expect(problems).toEqual([]);
  });
});

describe('the matrix on the demo province', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await new World(t).build();
  }, 120_000);
  afterAll(() => t.close());

  const title = (r: Row) => `${r.field}${r.variant ? ` (${r.variant})` : ''}`;

  it.each(MATRIX.map((r) => [title(r), r] as const))('%s', async (_title, r) => {
    const wrong = mismatches(await runRow(t, w, r));
    if (wrong.length) throw new Error(`${wrong.length} case(s) differ from the matrix:\n  ${wrong.join('\n  ')}`);
  });

  it.each(LIVE_ROLES)('node(id:) as %s: in scope as the table says, out of scope null, never under another type', async (role) => {
    const as = SCOPES[role].employeeNo;
    const rows = await mapLimit(
      NODE_TYPES.flatMap((node) => SIDES.map((side) => ({ node, side }))),
      6,
      async ({ node, side }) => ({
        node,
        side,
        id: await node.build(w, role, side),
        expected: expectedOf({ field: node.type, expect: node.expect }, role, side),
      }),
    );
    const problems: string[] = [];
    const seen = (answer: { __typename: string; id: string } | null | undefined, id: string, type: string) =>
      answer == null ? 'NOT_FOUND' : answer.id === id && answer.__typename === type ? 'OK' : `another object ${JSON.stringify(answer)}`;

    // node(id:) once per row, twenty to a document (aliases are limited).
    for (let i = 0; i < rows.length; i += 20) {
      const chunk = rows.slice(i, i + 20);
      const document = `query(${chunk.map((_, j) => `$id${j}: ID!`).join(', ')}) { ${chunk.map((_, j) => `n${j}: node(id: $id${j}) { __typename id }`).join(' ')} }`;
      const res = await t.gql(as, document, Object.fromEntries(chunk.map((r, j) => [`id${j}`, r.id])));
      chunk.forEach(({ node, side, id, expected }, j) => {
        const got = errorCodes(res).length ? errorCodes(res).join('+') : seen(res.body.data[`n${j}`], id, node.type);
        if (got !== expected) problems.push(`node(${node.type}, ${side} scope): expected ${expected}, got ${got}`);
      });
    }

    const all = await t.gql(as, NODES, { ids: rows.map((r) => r.id) });
    rows.forEach(({ node, side, id, expected }, i) => {
      const got = errorCodes(all).length ? errorCodes(all).join('+') : seen(all.body.data.nodes[i], id, node.type);
      if (got !== expected) problems.push(`nodes(…${node.type}, ${side} scope…): expected ${expected}, got ${got}`);
    });

    // Every row's uuid under every other type's name: nothing, in or out of scope.
    const retyped = rows.flatMap(({ node, id }) => NODE_TYPES.filter((other) => other.type !== node.type).map((other) => gid(other.type, uuidOf(id))));
    for (let i = 0; i < retyped.length; i += 100) {
      const ids = retyped.slice(i, i + 100);
      const res = await t.gql(as, NODES, { ids });
      if (errorCodes(res).length) problems.push(`nodes(retyped ids): ${errorCodes(res).join('+')}`);
      else res.body.data.nodes.forEach((answer: unknown, j: number) => answer !== null && problems.push(`${Buffer.from(ids[j], 'base64')} answered ${JSON.stringify(answer)}`));
    }
    expect(problems).toEqual([]);
  });

  // Admins read everything: nothing they reach could be hidden from them.
  it.each(LIVE_ROLES.filter((role) => role !== 'admin'))('as %s, every object reached through nested fields is one node(id:) gives too', async (role) => {
    const schema = await appSchema();
    const as = SCOPES[role].employeeNo;
    const fetchable = new Set(NODE_TYPES.filter((n) => !n.unreachable).map((n) => n.type));
    const reached = new Map<string, string>();
    const problems: string[] = [];
    const walk = (roots: [string, string, Record<string, unknown>][]) =>
      mapLimit(roots, 4, async ([name, document, variables]) => {
        const res = await t.gql(as, document, variables);
        // FORBIDDEN where the role may not go; BAD_USER_INPUT from a root that wants one of its optional arguments after all.
        const refused = (res.body.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN' && !(e.extensions?.code === 'BAD_USER_INPUT' && e.path?.length === 1));
        if (refused.length) problems.push(`${name}: ${JSON.stringify(refused).slice(0, 400)}`);
        for (const found of objectsIn(res.body.data)) if (fetchable.has(found.type) && !reached.has(found.id)) reached.set(found.id, `${found.type} reached by ${name}`);
      });
    // From every root query that may be called without arguments; then from an in-scope object of each type not reached yet.
    await walk(
      Object.keys(schema.getQueryType()!.getFields()).flatMap((name) => {
        const document = reachingRoot(schema, name, 4);
        return document ? [[name, document, {}] as [string, string, Record<string, unknown>]] : [];
      }),
    );
    const seenTypes = new Set([...reached.values()].map((how) => how.split(' ')[0]));
    const unseen = NODE_TYPES.filter((node) => !seenTypes.has(node.type));
    await walk(
      await Promise.all(
        unseen.map(async (node): Promise<[string, string, Record<string, unknown>]> => [`node(${node.type})`, reachingNode(schema, node.type, 4), { id: await node.build(w, role, 'in') }]),
      ),
    );
    const ids = [...reached.keys()];
    for (let i = 0; i < ids.length; i += 100) {
      const chunk = ids.slice(i, i + 100);
      const res = await t.gql(as, NODES, { ids: chunk });
      res.body.data.nodes.forEach((answer: unknown, j: number) => answer === null && problems.push(`${reached.get(chunk[j])}, but node(id:) answers null`));
    }
    expect(problems).toEqual([]);
  });

  it.each(['deactivated', 'anonymous'] as const)('node(id:) refuses %s with UNAUTHENTICATED (HTTP 401)', async (role) => {
    const ids = await Promise.all(NODE_TYPES.map((node) => node.build(w, 'admin', 'in')));
    for (const res of [await t.gql(SCOPES[role].employeeNo, NODES, { ids }), await t.gql(SCOPES[role].employeeNo, NODE, { id: ids[0] })]) {
      expect([res.status, errorCodes(res)]).toEqual([401, ['UNAUTHENTICATED']]);
    }
  });
});
