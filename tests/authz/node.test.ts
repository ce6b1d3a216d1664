import { GraphQLInterfaceType } from 'graphql';
import { appSchema } from '../../src/app';
import { errorCodes, startTestApp, TestApp } from '../support/harness';
import { expectedOf, mapLimit } from './engine';
import { NODE_TYPES } from './node-types';
import { LIVE_ROLES, SCOPES, SIDES } from './roles';
import { gid, uuidOf, World } from './world';

/**
 * `node(id:)` and `nodes(ids:)` for every type implementing Node, as every
 * role (issue 15): ids of rows in scope come back where the role may read
 * the type, ids of rows out of scope come back null, and no row answers
 * under another type's name (each type's ids of the other types' rows).
 */
const NODE = `query($id: ID!) { node(id: $id) { __typename id } }`;
const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;

it('has an entry for every type implementing Node, and none for a type that does not', async () => {
  const schema = await appSchema();
  const implementing = schema.getImplementations(schema.getType('Node') as GraphQLInterfaceType).objects.map((o) => o.name);
  const listed = NODE_TYPES.map((n) => n.type);
  expect({ missing: implementing.filter((t) => !listed.includes(t)), stale: listed.filter((t) => !implementing.includes(t)) }).toEqual({ missing: [], stale: [] });
});

describe('node(id:) on the demo province', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp();
    w = await new World(t).build();
  }, 120_000);
  afterAll(() => t.close());

  it.each(LIVE_ROLES)('as %s: in scope as the table says, out of scope null, never under another type', async (role) => {
    const as = SCOPES[role].employeeNo;
    const rows = await mapLimit(
      NODE_TYPES.flatMap((node) => SIDES.map((side) => ({ node, side }))),
      6,
      async ({ node, side }) => ({ node, side, id: await node.build(w, role, side), expected: expectedOf({ field: node.type, expect: node.expect }, role, side) }),
    );
    const problems: string[] = [];
    const seen = (answer: { __typename: string; id: string } | null | undefined, id: string, type: string) =>
      answer == null ? 'NOT_FOUND' : answer.id === id && answer.__typename === type ? 'OK' : `another object ${JSON.stringify(answer)}`;

    await mapLimit(rows, 6, async ({ node, side, id, expected }) => {
      const res = await t.gql(as, NODE, { id });
      const got = errorCodes(res).length ? errorCodes(res).join('+') : seen(res.body.data.node, id, node.type);
      if (got !== expected) problems.push(`node(${node.type}, ${side} scope): expected ${expected}, got ${got}`);
    });

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

  it.each(['deactivated', 'anonymous'] as const)('refuses %s with UNAUTHENTICATED (HTTP 401)', async (role) => {
    const ids = await Promise.all(NODE_TYPES.map((node) => node.build(w, 'admin', 'in')));
    for (const res of [await t.gql(SCOPES[role].employeeNo, NODES, { ids }), await t.gql(SCOPES[role].employeeNo, NODE, { id: ids[0] })]) {
      expect([res.status, errorCodes(res)]).toEqual([401, ['UNAUTHENTICATED']]);
    }
  });
});
