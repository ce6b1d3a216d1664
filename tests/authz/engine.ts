import { errorCodes, GqlResponse, TestApp } from '../support/harness';
import { LIVE_ROLES, LiveRole, RoleKey, ROLE_KEYS, SCOPES, Side, SIDES } from './roles';
import { World } from './world';

/**
 * How one matrix row runs and what its answers mean (issue 15). An outcome
 * is what the user sees:
 * - OK: allowed — the object or a list holding the target; a mutation that
 *   really succeeded (empty userErrors, its object returned);
 * - NOT_FOUND: reads exactly like a target that does not exist — null, a
 *   NOT_FOUND userError, or whatever an unknown id of the same type gets
 *   (the runner asks again with such an id and compares the two answers);
 * - EMPTY: a list that answers without the target (filtered on the target:
 *   with nothing at all);
 * - FORBIDDEN, UNAUTHENTICATED (with HTTP 401): thrown errors;
 * - a userError code (e.g. VALIDATION) when that is the expected refusal.
 */
export type Outcome = 'OK' | 'NOT_FOUND' | 'EMPTY' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'VALIDATION';

/** One outcome for both targets, or [in scope, out of scope]. */
export type Expected = Outcome | readonly [Outcome, Outcome];

/** Every role that can sign in is stated on every row; the deactivated user and no token default to UNAUTHENTICATED. */
export type Expectations = Record<LiveRole, Expected> & Partial<Record<'deactivated' | 'anonymous', Expected>>;

/** What a case's answer shows, before the runner decides whether a refusal reads like not found. */
export type Observer<T> = (data: any, target: T) => string;

export interface Row<T = any> {
  /** `Query.x` or `Mutation.y`: the root field the row covers. */
  field: string;
  /** Tells apart several rows of one field (e.g. the stage the target is in). */
  variant?: string;
  document: string;
  /** Builds a fresh target for one role and side; rows without one (e.g. `viewer`) run once per role. */
  target?: (w: World, role: RoleKey, side: Side) => Promise<T>;
  variables?: (target: T, w: World, role: RoleKey) => Record<string, unknown>;
  /** The ids that put the target in or out of scope (default: its `id`); a refusal must read like these naming nothing. */
  names?: (target: T) => (string | null)[];
  observe: Observer<T>;
  expect: Expectations;
  /** Run the cases one at a time: for a mutation on one shared object (e.g. the rule set's version), where concurrent cases would race each other. */
  serial?: boolean;
}

export const row = <T>(field: string, spec: Omit<Row<T>, 'field'>): Row<T> => ({ field, ...spec });

/** The same outcome for every role that can sign in. */
export const everyRole = (outcome: Expected): Expectations => Object.fromEntries(LIVE_ROLES.map((role) => [role, outcome])) as Expectations;

// Shorthands for the table.
export const SCOPED: Expected = ['OK', 'NOT_FOUND'];
export const LISTED_IN_SCOPE: Expected = ['OK', 'EMPTY'];
export const FORBIDDEN_IN_SCOPE: Expected = ['FORBIDDEN', 'NOT_FOUND'];

/** A single object: OK when it is the target. */
export const single =
  <T extends { id: string }>(field: string): Observer<T> =>
  (data, target) => {
    const value = data?.[field];
    if (value == null) return 'ABSENT';
    return value.id === target.id ? 'OK' : `another object (${value.id})`;
  };

/** A list or connection: OK when it holds the target; `filtered` lists must otherwise be empty. */
export const listed =
  <T>(field: string, options: { filtered?: boolean; idOf?: (target: T) => string } = {}): Observer<T> =>
  (data, target) => {
    const value = data?.[field];
    const items: { id?: string }[] | undefined = Array.isArray(value) ? value : value?.nodes;
    if (!items) return 'ABSENT';
    const id = options.idOf ? options.idOf(target) : (target as { id: string }).id;
    if (items.some((item) => item?.id === id)) return 'OK';
    if (options.filtered && items.length > 0) return `a list of ${items.length} other items`;
    return 'EMPTY';
  };

/** A mutation payload: OK when it succeeded with its object; otherwise the userError codes. */
export const payload =
  (field: string, objectKey: string): Observer<unknown> =>
  (data) => {
    const result = data?.[field];
    if (!result) return 'ABSENT';
    if (result.userErrors.length) return [...new Set(result.userErrors.map((e: { code: string }) => e.code))].join('+');
    return result[objectKey] != null ? 'OK' : `no ${objectKey}`;
  };

/** Any non-null answer (e.g. `viewer`, a map, a report). */
export const answered =
  (field: string): Observer<unknown> =>
  (data) =>
    data?.[field] != null ? 'OK' : 'ABSENT';

export interface CaseResult {
  field: string;
  role: RoleKey;
  side: Side | null;
  expected: Outcome;
  actual: string;
  detail: string;
}

export function expectedOf(r: { field: string; expect: Expectations }, role: RoleKey, side: Side | null): Outcome {
  const stated = r.expect[role as LiveRole] ?? (role === 'deactivated' || role === 'anonymous' ? 'UNAUTHENTICATED' : undefined);
  if (stated === undefined) throw new Error(`${r.field}: no expectation for ${role}`);
  if (typeof stated === 'string') return stated;
  if (side === null) throw new Error(`${r.field} has no target, so ${role} cannot differ between in and out of scope`);
  return stated[side === 'in' ? 0 : 1];
}

const GLOBAL_ID = /^[A-Z][A-Za-z]*:[0-9a-f-]{36}$/;
const decode = (value: string) => Buffer.from(value, 'base64').toString('utf8');

/** The same variables naming, instead of the target's ids, ids of the same types that exist nowhere; null when they name none. */
function ghostVariables(variables: Record<string, unknown>, ids: (string | null)[]): Record<string, unknown> | null {
  let json = JSON.stringify(variables);
  for (const id of ids) {
    if (!id || !GLOBAL_ID.test(decode(id)) || !json.includes(id)) continue;
    json = json.split(id).join(World.ghostId(decode(id).split(':')[0]));
  }
  return json === JSON.stringify(variables) ? null : JSON.parse(json);
}

/** Where in the variables the ids are, as a userError's `field` names an input (e.g. `input.customerId`). */
function pathsOf(value: unknown, ids: (string | null)[], path: string[] = []): string[] {
  if (typeof value === 'string') return ids.includes(value) ? [path.join('.')] : [];
  if (Array.isArray(value)) return value.some((item) => ids.includes(item)) ? [path.join('.')] : [];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => pathsOf(inner, ids, [...path, key]));
  return [];
}

/** Whether the answer's userErrors all name one of `paths`. */
function userErrorsOn(res: GqlResponse, paths: string[]): boolean {
  const errors = Object.values(res.body.data ?? {}).flatMap((value) => (value && typeof value === 'object' && 'userErrors' in value ? (value.userErrors as { field?: string[] | null }[]) : []));
  return errors.length > 0 && errors.every((e) => paths.includes((e.field ?? []).join('.')));
}

/** What a client can tell apart in an answer: the status, the error codes and messages, the data. */
const visible = (res: GqlResponse) => JSON.stringify({ status: res.status, errors: (res.body.errors ?? []).map((e) => [e.extensions?.code, e.message]), data: res.body.data });

const brief = (res: GqlResponse) => `HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 600)}`;

async function runCase(t: TestApp, w: World, r: Row, role: RoleKey, side: Side | null): Promise<CaseResult> {
  const expected = expectedOf(r, role, side);
  const target = r.target && side ? await r.target(w, role, side) : undefined;
  const variables = r.variables ? r.variables(target, w, role) : {};
  const as = SCOPES[role].employeeNo;
  const res = await t.gql(as, r.document, variables);
  const codes = errorCodes(res);
  const result = (actual: string, detail = brief(res)): CaseResult => ({ field: r.field, role, side, expected, actual, detail });
  if (codes.includes('UNAUTHENTICATED')) return result(res.status === 401 ? 'UNAUTHENTICATED' : `UNAUTHENTICATED with HTTP ${res.status}`);
  if (codes.includes('FORBIDDEN')) return result('FORBIDDEN');
  const seen = codes.length ? codes.join('+') : r.observe(res.body.data, target);
  if (seen === 'OK' || seen === 'EMPTY') return result(seen);
  // A refusal must read exactly like a target that does not exist (DOMAIN.md: Who sees what).
  const ids = target === undefined ? [] : r.names ? r.names(target) : [(target as { id?: string }).id ?? null];
  const claimsMissing = seen === 'ABSENT' || seen === 'NOT_FOUND';
  const ghost = ghostVariables(variables, ids);
  if (ghost) {
    const unknown = await t.gql(as, r.document, ghost);
    // Like an unknown id, and about the target (not, say, a missing contract the input also lacks for an unknown id).
    const aboutTarget = claimsMissing || codes.length > 0 || userErrorsOn(res, pathsOf(variables, ids));
    if (visible(res) === visible(unknown) && aboutTarget) return result('NOT_FOUND');
    return claimsMissing ? result(`${seen}, unlike an unknown id`, `${brief(res)}\n      unknown id: ${brief(unknown)}`) : result(seen);
  }
  return result(claimsMissing ? 'NOT_FOUND' : seen);
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order. */
export async function mapLimit<I, O>(items: readonly I[], limit: number, work: (item: I) => Promise<O>): Promise<O[]> {
  const out: O[] = new Array(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      out[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Every (role, target) case of a row: both targets when the row has one, else
 * one case per role. The deactivated user and no token are refused before
 * any target matters: they get the in-scope one only.
 */
export function casesOf(r: Row): { role: RoleKey; side: Side | null }[] {
  const signedIn = (role: RoleKey) => role !== 'deactivated' && role !== 'anonymous';
  return ROLE_KEYS.flatMap((role): { role: RoleKey; side: Side | null }[] => (!r.target ? [{ role, side: null }] : signedIn(role) ? SIDES.map((side) => ({ role, side })) : [{ role, side: 'in' }]));
}

export function runRow(t: TestApp, w: World, r: Row, concurrency = 12): Promise<CaseResult[]> {
  return mapLimit(casesOf(r), r.serial ? 1 : concurrency, ({ role, side }) => runCase(t, w, r, role, side));
}

/** The cases whose outcome differs from the table, one line each with the answer. */
export function mismatches(results: CaseResult[]): string[] {
  return results.filter((c) => c.actual !== c.expected).map((c) => `${c.field} as ${c.role}${c.side ? ` (${c.side} scope)` : ''}: expected ${c.expected}, got ${c.actual}\n      ${c.detail}`);
}
