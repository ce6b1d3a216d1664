import { GraphQLSchema, Kind, parse, validate } from 'graphql';
import { appSchema } from '../../src/app';
import { startTestApp, TestApp } from '../support/harness';
import { casesOf, expectedOf, mismatches, Row, runRow } from './engine';
import { MATRIX } from './matrix';
import { LIVE_ROLES } from './roles';
import { World } from './world';

/**
 * The authorization matrix (issue 15) against the demo province: each row
 * runs every role on a fresh in-scope and out-of-scope target and compares
 * what the user gets with the table in tests/authz/matrix/.
 */
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
    expect({ withoutRow: fields.filter((f) => !covered.has(f)), rowsForNoField: [...covered].filter((f) => !fields.includes(f)) }).toEqual({ withoutRow: [], rowsForNoField: [] });
  });

  it('states an outcome for every role that can sign in, on every row', () => {
    const missing = MATRIX.flatMap((r) => LIVE_ROLES.filter((role) => r.expect[role] === undefined).map((role) => `${r.field}: ${role}`));
    expect(missing).toEqual([]);
    // Rows without a target cannot tell in from out of scope; expectedOf throws if one tries.
    for (const r of MATRIX) for (const { role, side } of casesOf(r)) expectedOf(r, role, side);
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
});
