import fc from 'fast-check';
import { errorCodes } from '../support/harness';
import { openFuzzDatabase, FuzzDatabase } from './fuzz-database';
import { changedTables, Checked, InvariantChecker } from './invariants';
import { Action, OPERATIONS, Payload, RunMemory } from './operations';
import { Tape, World } from './world';

/**
 * Property-based fuzzing (issue 15): random but valid sequences of
 * operations by random demo users through the GraphQL API, each run on a
 * fresh copy of the demo province, with the invariants of invariants.ts
 * checked in SQL after every operation.
 *
 *   npm test                      FUZZ_OPERATIONS (default 1,000) in runs of FUZZ_STEPS (default 200)
 *   npm run fuzz                  100,000 operations (about 45 min alone on 2 cores)
 *   FUZZ_SEED=… FUZZ_PATH=… npx jest tests/fuzz    replays the failing run a failure printed
 *   FUZZ_SHRINK=1                 also shrinks a failure (slow: every attempt is a run)
 */
/** What `npm test` affords on a 2-core CI machine beside the other test files (about a minute); docs/testing.md. */
const OPERATIONS_PER_CI_RUN = 1000;
const total = Number(process.env.FUZZ_OPERATIONS ?? OPERATIONS_PER_CI_RUN);
const steps = Number(process.env.FUZZ_STEPS ?? 200);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const replayPath = process.env.FUZZ_PATH || undefined;
const runs = replayPath ? 1 : Math.max(1, Math.ceil(total / steps));

/** GraphQL errors an operation may meet: authorisation, and input the schema's scalars refuse. */
const ALLOWED_ERRORS = new Set(['FORBIDDEN', 'BAD_USER_INPUT']);

const operation = fc.record({
  op: fc.oneof(...OPERATIONS.map((o, index) => ({ arbitrary: fc.constant(index), weight: o.weight }))),
  tape: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
});

interface Stats {
  operations: number;
  succeeded: number;
  refused: number;
  byKind: Record<string, [number, number]>;
}

function describe_(action: Action, body: unknown): string {
  return `${action.as} ${action.kind} ${JSON.stringify(action.variables)} → ${JSON.stringify(body).slice(0, 400)}`;
}

/** One run: a fresh database, then every operation with the invariants after each. Throws what broke, with the run's log. */
async function runOnce(fdb: FuzzDatabase, ops: { op: number; tape: number[] }[], stats: Stats, fresh: boolean): Promise<void> {
  if (!fresh) await fdb.reset();
  const world = new World(fdb.sql);
  await world.load();
  const checker = new InvariantChecker(() => fdb.sql);
  let state: Checked = await checker.check();
  if (state.violations.length) throw new Error(`the demo data breaks the invariants before any operation:\n${state.violations.join('\n')}`);
  // What the successful mutations so far must have written to the history (the witnesses count from zero on a fresh clone).
  let events = 0;
  let changes = 0;
  const memory: RunMemory = { reports: new Map() };
  const log: string[] = [];

  for (const [index, { op, tape }] of ops.entries()) {
    const action = await OPERATIONS[op].op(world, new Tape(tape), memory);
    if (!action) continue;
    const res = await fdb.app.gql(action.as, action.query, action.variables);
    stats.operations += 1;
    log.push(`#${index} ${describe_(action, res.body)}`);
    const problems: string[] = [];
    const codes = errorCodes(res);
    if (res.status >= 500) problems.push(`HTTP ${res.status}`);
    for (const code of codes) if (!ALLOWED_ERRORS.has(code)) problems.push(`GraphQL error ${code}: ${JSON.stringify(res.body.errors)}`);
    const payload = action.field ? (res.body.data?.[action.field] as Payload | undefined) : undefined;
    const ok = codes.length === 0 && (action.field === null || (!!payload && payload.userErrors.length === 0));
    const userCodes = payload?.userErrors.map((e) => e.code) ?? [];
    const after = await checker.check();
    const changed = changedTables(state.digest, after.digest);
    const report = action.report;
    const retry = report?.previous && report.previous.input === report.input ? report.previous : undefined;

    if (action.field === null) {
      if (Object.keys(changed).length) problems.push(`a read changed ${JSON.stringify(changed)}`);
    } else if (!ok) {
      // A refusal changes nothing — except that a refused partner report is kept as a registration attempt (DOMAIN.md: 撞单).
      const keptAttempt = report && !report.previous && userCodes.includes('DUPLICATE_OPPORTUNITY');
      const allowed = keptAttempt ? { 'partner_report_request:INSERT': 1, 'registration_attempt:INSERT': 1 } : {};
      if (JSON.stringify(changed) !== JSON.stringify(allowed)) problems.push(`refused, yet changed ${JSON.stringify(changed)} (allowed ${JSON.stringify(allowed)})`);
      if (keptAttempt) memory.reports.set(report.slot, { input: report.input, answer: { duplicate: payload!.userErrors[0].message } });
      if (retry && !('duplicate' in retry.answer && payload?.userErrors[0]?.message === retry.answer.duplicate))
        problems.push(`a retried report answered differently: ${JSON.stringify(retry.answer)} before`);
      // A reused key with other input: IDEMPOTENCY_MISMATCH, unless the input is invalid anyway (checked first).
      if (report?.previous && !retry && !userCodes.some((c) => c === 'IDEMPOTENCY_MISMATCH' || c === 'VALIDATION'))
        problems.push(`a key reused with other input was refused with ${userCodes} instead of IDEMPOTENCY_MISMATCH`);
      if (keptAttempt) {
        const [row] = (
          await fdb.sql.query(
            activeOverlapSql('customer_id = (SELECT customer_id FROM registration_attempt ORDER BY at DESC LIMIT 1)', 'NULL', `(SELECT products FROM registration_attempt ORDER BY at DESC LIMIT 1)`),
          )
        ).rows;
        if (!row) problems.push('a report was refused as 撞单 with no active registration protecting the customer and product line');
      }
    } else {
      if (action.stale) problems.push('succeeded with a stale expectedVersion');
      const owed = action.history!(payload!);
      if (owed.events < 0 || owed.events > 1 || owed.changes < 0 || owed.changes > 1) problems.push(`a version moved by ${JSON.stringify(owed)}`);
      events += owed.events;
      changes += owed.changes;
      if (report) {
        if (report.previous && !retry) problems.push('a key reused with other input was accepted');
        if (retry) {
          if (!('opportunityId' in retry.answer) || retry.answer.opportunityId !== payload!.opportunity.id)
            problems.push(`a retried report answered differently: ${JSON.stringify(retry.answer)} before`);
          if (Object.keys(changed).length) problems.push(`a retried report changed ${JSON.stringify(changed)}`);
        } else {
          memory.reports.set(report.slot, { input: report.input, answer: { opportunityId: payload!.opportunity.id } });
          const id = payload!.opportunity.id as string;
          const uuid = Buffer.from(id, 'base64').toString('utf8').split(':')[1];
          const others = (
            await fdb.sql.query(activeOverlapSql(`customer_id = (SELECT customer_id FROM opportunity WHERE id = '${uuid}')`, `'${uuid}'`, `(SELECT products FROM opportunity WHERE id = '${uuid}')`))
          ).rows;
          if (others.length) problems.push(`a partner report was accepted while ${others.map((o) => o.code).join(', ')} protected the customer and product line`);
        }
      }
    }
    const written = { events: after.digest['opportunity_event:INSERT'] ?? 0, changes: after.digest['customer_change:INSERT'] ?? 0 };
    if (written.events !== events) problems.push(`opportunity_event has ${written.events} new rows, the successful mutations must have written ${events}`);
    if (written.changes !== changes) problems.push(`customer_change has ${written.changes} new rows, the successful mutations must have written ${changes}`);
    problems.push(...after.violations);
    const kind = (stats.byKind[action.kind] ??= [0, 0]);
    kind[ok ? 0 : 1] += 1;
    if (ok) stats.succeeded += 1;
    else stats.refused += 1;
    if (problems.length) {
      // Keep the counters right for the next check, then stop this run with everything needed to understand it.
      throw new Error(`operation #${index} broke:\n  ${problems.join('\n  ')}\nthe run so far:\n${log.join('\n')}`);
    }
    state = after;
  }
}

/** Active registrations (DOMAIN.md: 撞单) of a customer overlapping some products, except one opportunity. */
function activeOverlapSql(customer: string, exceptId: string, products: string): string {
  return `SELECT code FROM opportunity WHERE ${customer} AND id IS DISTINCT FROM ${exceptId} AND products && ${products}
          AND stage NOT IN ('LOST', 'REJECTED', 'CANCELLED') AND protected_until > now()`;
}

describe('fuzzing the API with random operations by random users', () => {
  let fdb: FuzzDatabase;
  beforeAll(async () => {
    fdb = await openFuzzDatabase();
  }, 120000);
  afterAll(() => fdb?.close());

  it(
    `keeps every invariant through ${runs * steps} operations (${runs} runs of ${steps})`,
    async () => {
      const stats: Stats = { operations: 0, succeeded: 0, refused: 0, byKind: {} };
      let fresh = true;
      const started = Date.now();
      const result = await fc.check(
        fc.asyncProperty(fc.array(operation, { minLength: steps, maxLength: steps }), async (ops) => {
          const isFresh = fresh;
          fresh = false;
          await runOnce(fdb, ops, stats, isFresh);
        }),
        { numRuns: runs, seed, path: replayPath, endOnFailure: process.env.FUZZ_SHRINK !== '1' },
      );
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (result.failed) {
        const replay = `FUZZ_SEED=${result.seed} FUZZ_PATH=${result.counterexamplePath} FUZZ_STEPS=${steps} npx jest tests/fuzz`;
        throw new Error(
          `fuzzing failed (seed ${result.seed}, path ${result.counterexamplePath}); replay it with:\n  ${replay}\n\n${result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)}`,
        );
      }
      const kinds = Object.entries(stats.byKind)
        .sort()
        .map(([k, [s, r]]) => `${k} ${s}/${s + r}`)
        .join(', ');
      // The figures issue 15 asks for (operations fuzzed, and how long) belong in the test output.
      // eslint-disable-next-line no-console
      console.log(`fuzz: ${stats.operations} operations in ${seconds} s (seed ${result.seed}); ${stats.succeeded} succeeded, ${stats.refused} refused\n  succeeded/tried: ${kinds}`);
      expect(stats.operations).toBeGreaterThanOrEqual(runs * steps * 0.95);
    },
    120000 + total * 150,
  );
});
