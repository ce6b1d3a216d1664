import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, print } from 'graphql';
import type { DataSource } from 'typeorm';
import { createAppDataSource } from '../src/app';
import { documentId } from '../src/platform/graphql/trusted-documents';
import { signToken } from '../src/platform/auth/tokens';
import { loadConfig } from '../src/platform/config';
import { freePort, startEmbeddedPostgres } from '../src/platform/embedded-postgres';
import { createLogger } from '../src/platform/logger';
import { ensureBootstrapAdmin } from '../src/seed/bootstrap';
import { organisationSeed } from '../src/seed/organisation.seed';
import { runSeedSteps } from '../src/seed/runner';
import { loadData, SCALES } from './data';
import { pickFixtures } from './fixtures';
import { CONNECTIONS, LoadPlan, measure } from './load';
import { ensurePostgraphile, startPostgraphile } from './postgraphile';
import { machineInfo, markdownTable, Outcome, Row, ServerName, textTable, writeResults } from './report';
import { groupReady, killAllChildren, postJson, repoRoot, RunningServer, serverNodeFlags, startServer } from './servers';
import { buildWorkloads, Workload } from './workloads';
import { ImportResult, measureImport } from './import';
import { BENCH_PROCESSES } from './process-group';
import { exportLine, exportMarkdown, ExportResult, measureExport } from './export';

/**
 * `npm run bench` (issue 9): a scratch embedded PostgreSQL loaded at scale S
 * (default) or L (BENCH_SCALE=L), then three servers measured one after
 * another on it under the same load — raw node:http + pg, PostGraphile v5,
 * and this project as a user starts it. See docs/performance.md.
 */
const scale = SCALES[(process.env.BENCH_SCALE ?? 'S').toUpperCase() as 'S' | 'L'];
if (!scale) throw new Error(`BENCH_SCALE must be S or L, not ${process.env.BENCH_SCALE}`);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const say = (line: string) => process.stdout.write(`${line}\n`);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const logFile = (name: string) => path.join(os.tmpdir(), `crm-bench-${stamp}-${name}.log`);

let cleanup: (() => Promise<void>) | null = null;
async function cleanupOnce() {
  const run = cleanup;
  cleanup = null;
  killAllChildren();
  if (run) await run();
}
// Ctrl-C or a kill must not leave servers, the scratch PostgreSQL or its folder behind.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    say(`\n${signal}: stopping the servers and the scratch PostgreSQL …`);
    void cleanupOnce().finally(() => process.exit(130));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One probe before the load: a workload that errors is reported with its
 * message instead of being timed. Requests of the previous run that the load
 * generator abandoned may still hold the server's pool for a moment, so a
 * failed probe is retried a few times before the workload counts as failed.
 */
async function probe(server: RunningServer, plan: LoadPlan) {
  const first = plan.next(0);
  let last = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt) await sleep(2000);
    const res = await postJson(`${new URL(server.url).origin}${first.path}`, JSON.parse(first.body), first.headers);
    if (res.status >= 200 && res.status < 300 && (plan.ok ?? ((b: string) => !b.includes('"errors":')))(res.text)) return res;
    last = `HTTP ${res.status}: ${res.text.trim().slice(0, 400)}`;
    // A write's probe used its row whatever the answer: do not retry with the same row.
    if (plan.keepBodies) break;
  }
  throw new Error(last);
}

async function measureOn(start: () => Promise<RunningServer>, which: ServerName, workloads: Workload[], rows: Map<Workload, Row>, db: DataSource, restarts: string[]) {
  let server = await start();
  try {
    for (const w of workloads) {
      const plan: LoadPlan | undefined = w[which];
      if (!plan) continue;
      // Something outside the bench may stop the server (a shared machine); the rest of its rows still deserve a run.
      if (!server.alive()) {
        const note = `${which} had exited (see ${server.logFile}); restarted before ${w.id} ${w.title} / ${w.viewer}`;
        say(note);
        restarts.push(note);
        server = await start();
      }
      await measureOne(server, which, w, plan, rows.get(w)!, db);
    }
  } finally {
    await server.stop();
  }
}

/**
 * Waits until no other session runs a statement (up to 30 s), so that a
 * workload is not measured while the previous one's abandoned statements
 * still hold the database's cores.
 */
async function untilDatabaseIdle(db: DataSource) {
  const deadline = Date.now() + 30_000;
  await sleep(500);
  for (;;) {
    const [{ busy }] = await db.query(`SELECT count(*)::int AS busy FROM pg_stat_activity WHERE backend_type = 'client backend' AND state <> 'idle' AND pid <> pg_backend_pid()`);
    if (busy === 0) return;
    if (Date.now() > deadline) return say(`the database still ran ${busy} statement(s) of an earlier workload after 30 s; measuring anyway`);
    await sleep(250);
  }
}

async function measureOne(server: RunningServer, which: ServerName, w: Workload, plan: LoadPlan, row: Row, db: DataSource) {
  const label = `${which.padEnd(12)} ${w.id} ${w.title} / ${w.viewer}`;
  try {
    await untilDatabaseIdle(db);
    const started = new Date((await db.query('SELECT now() AS t'))[0].t);
    const first = await probe(server, plan);
    if (which === 'ours') row.sqlStatements = Number(first.headers.get('x-sql-statements') ?? NaN);
    // Writes go on from the second row; reads repeat the first.
    const offsetPlan: LoadPlan = w.write ? { ...plan, next: (i) => plan.next(i + 1) } : plan;
    const { okBodies, ...result } = await measure(server.url, offsetPlan, WARMUP, DURATION);
    row.results[which] = { status: 'ok', ...result };
    if (w.write) {
      const check = await verifyWrites(db, w.write, started, [first.text, ...okBodies]);
      row.verification = `${row.verification ? row.verification + '; ' : ''}${which}: ${check}`;
    }
    say(
      `${label}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${result.failures ? `, ${result.failures} FAILED` : ''}${which === 'ours' ? `, ${row.sqlStatements} SQL` : ''}`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    row.results[which] = { status: 'failed', error: message } as Outcome;
    say(`${label}: FAILED — ${message.split('\n')[0].slice(0, 200)}`);
  }
}

/**
 * W8: the database must hold exactly the rows the OK payloads returned — no
 * fewer (lost) and no more (a write done twice, or done while its request
 * failed) — and no target row written twice.
 */
async function verifyWrites(db: DataSource, kind: 'care' | 'approval', since: Date, okBodies: string[]): Promise<string> {
  const ids = okBodies.map((b) => {
    const match = /"(?:careActivity|step)":\{"id":"([^"]+)"/.exec(b);
    return match ? Buffer.from(match[1], 'base64').toString('utf8').split(':')[1] : null;
  });
  const returned = ids.filter((id): id is string => id != null);
  if (kind === 'care') {
    const [{ n, contacts, found }] = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT contact_id)::int AS contacts, count(*) FILTER (WHERE id = ANY($2::uuid[]))::int AS found FROM care_activity WHERE created_at >= $1`,
      [since, returned],
    );
    const good = n === okBodies.length && contacts === n && found === okBodies.length;
    return `${okBodies.length} OK payloads; care_activity +${n} rows on ${contacts} contacts, ${found} of the returned ids found ${good ? '✓' : '✗ MISMATCH'}`;
  }
  const [{ n, found }] = await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE id = ANY($2::uuid[]) AND state = 'APPROVED')::int AS found FROM approval_step WHERE decided_at >= $1`, [
    since,
    returned,
  ]);
  const [{ twice }] = await db.query(`SELECT count(*)::int AS twice FROM (SELECT opportunity_id FROM opportunity_event WHERE at >= $1 GROUP BY opportunity_id HAVING count(*) > 1) d`, [since]);
  const good = n === okBodies.length && found === okBodies.length && twice === 0;
  return `${okBodies.length} OK payloads; ${n} steps decided, ${found} of the returned steps APPROVED, ${twice} opportunities moved twice ${good ? '✓' : '✗ MISMATCH'}`;
}

async function main() {
  const t0 = Date.now();
  say(`Group CRM bench — scale ${scale.name}, ${CONNECTIONS} connections, ${BENCH_PROCESSES} process(es) per server, ${WARMUP} s warm-up + ${DURATION} s per run`);
  say('Building (npm run build) …');
  execFileSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  const pgMissing = ensurePostgraphile(say);
  if (pgMissing) say(`PostGraphile will not run: ${pgMissing}`);

  const log = createLogger('warn');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-'));
  const pg = await startEmbeddedPostgres({ dir: path.join(scratch, 'pg'), password: 'bench', log });
  const db = createAppDataSource({ url: pg.url('postgres'), poolSize: 4, statementTimeoutMs: 900_000 });
  cleanup = async () => {
    if (db.isInitialized) await db.destroy().catch(() => undefined);
    await pg.stop().catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
  };

  await db.initialize();
  await db.runMigrations();
  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATABASE_URL: pg.url('postgres'), JWT_SECRET, SEED_DEMO: 'false' });
  await ensureBootstrapAdmin(db, config);
  await runSeedSteps(db, [organisationSeed], log);
  say(`Loading scale ${scale.name} …`);
  const loadStarted = Date.now();
  const loadTimings = await loadData(db, scale, say);
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  const rowCounts: Record<string, number> = {};
  for (const table of ['region', 'staff', 'group_customer', 'contact', 'care_activity', 'relationship', 'opportunity', 'approval_step']) {
    rowCounts[table] = (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  }
  say(
    `Loaded in ${loadSeconds.toFixed(1)} s: ${Object.entries(rowCounts)
      .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
      .join(', ')}`,
  );
  const [{ server_version: pgVersion }] = await db.query('SHOW server_version');

  const fixtures = await pickFixtures(db);
  const tokens = new Map<string, string>();
  for (const employeeNo of fixtures.employeeNos) tokens.set(employeeNo, await signToken(config.jwt, employeeNo, '2h'));
  say(`Account manager viewer: ${fixtures.viewers.accountManager} (${fixtures.accountManagerCustomers} customers)`);
  // BENCH_ONLY=W1,W8 runs a subset (while working on one workload); the default is all.
  const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim().toUpperCase());
  const workloads = buildWorkloads(fixtures, tokens).filter((w) => !only || only.includes(w.id));
  const rows = new Map<Workload, Row>(workloads.map((w) => [w, { id: w.id, title: w.title, viewer: w.viewer, results: {}, sqlStatements: null }]));
  // Partner tokens run only trusted documents: the partner's bench queries are registered, as a portal's would be.
  for (const query of new Set(workloads.filter((w) => w.viewer === fixtures.viewers.partner).flatMap((w) => [JSON.parse(w.ours.next(0).body).query as string]))) {
    const document = parse(query);
    await db.query(`INSERT INTO trusted_document (id, name, document, source) VALUES ($1, 'bench', $2, 'ADMIN') ON CONFLICT DO NOTHING`, [documentId(document), print(document)]);
  }
  const serverLogs: Record<string, string> = {};
  const restarts: string[] = [];
  const databaseUrl = pg.url('postgres');

  const runServer = async (which: ServerName, start: () => Promise<RunningServer>) => {
    if (!workloads.some((w) => w[which])) return;
    say(`\n— ${which} —`);
    const logged = async () => {
      const server = await start();
      serverLogs[which] = server.logFile;
      return server;
    };
    try {
      await measureOn(logged, which, workloads, rows, db, restarts);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      say(`${which} did not start: ${message}`);
      for (const w of workloads) if (w[which] && !rows.get(w)!.results[which]) rows.get(w)!.results[which] = { status: 'failed', error: `did not start: ${message.split('\n')[0]}` };
    }
  };

  await runServer('raw', async () => {
    const port = await freePort();
    return startServer({
      name: 'raw',
      command: process.execPath,
      args: ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'raw-server.ts')],
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), PROCESSES: String(BENCH_PROCESSES) },
      url: `http://127.0.0.1:${port}/`,
      logFile: logFile('raw'),
      ready: async () => groupReady(logFile('raw')) && (await fetch(`http://127.0.0.1:${port}/`)).ok,
    });
  });
  if (pgMissing) {
    for (const w of workloads) if (w.postgraphile) rows.get(w)!.results.postgraphile = { status: 'skipped', reason: pgMissing };
  } else {
    await runServer('postgraphile', () => startPostgraphile(databaseUrl, logFile('postgraphile')));
  }
  // Rate limits stay on, with budgets no load of the bench reaches: every request pays the accounting statement.
  const ourEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'info',
    EXPOSE_QUERY_STATS: 'true',
    GRAPHQL_MAX_COST: '1000000',
    RATE_LIMIT_STAFF_COST_PER_MINUTE: '1000000000',
    RATE_LIMIT_STAFF_MUTATIONS_PER_MINUTE: '1000000',
    RATE_LIMIT_PARTNER_COST_PER_MINUTE: '1000000000',
    RATE_LIMIT_PARTNER_MUTATIONS_PER_MINUTE: '1000000',
    HOST: '127.0.0.1',
    WORKERS: String(BENCH_PROCESSES),
  };
  await runServer('ours', async () => {
    const port = await freePort();
    return startServer({
      name: 'ours',
      command: process.execPath,
      args: [...serverNodeFlags, path.join(repoRoot, 'dist', 'src', 'main.js')],
      cwd: repoRoot,
      env: { ...ourEnv, PORT: String(port) },
      url: `http://127.0.0.1:${port}/graphql`,
      logFile: logFile('ours'),
      ready: async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok,
    });
  });
  // The same server with RATE_LIMITS=off, on the rows that name it: the price of the accounting statement.
  await runServer('unlimited', async () => {
    const port = await freePort();
    return startServer({
      name: 'unlimited',
      command: process.execPath,
      args: [...serverNodeFlags, path.join(repoRoot, 'dist', 'src', 'main.js')],
      cwd: repoRoot,
      env: { ...ourEnv, RATE_LIMITS: 'off', PORT: String(port) },
      url: `http://127.0.0.1:${port}/graphql`,
      logFile: logFile('unlimited'),
      ready: async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok,
    });
  });

  // Issue 17: a province's customers loaded from a file, on a server of its own (BENCH_ONLY=IMPORT runs this step alone).
  let importResult: ImportResult | { failed: string } | null = null;
  if (!only || only.includes('IMPORT')) {
    const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 100000);
    say(`\n— import: ${importRows.toLocaleString('en')} customers from CSV —`);
    const port = await freePort();
    const server = await startServer({
      name: 'import',
      command: process.execPath,
      args: [...serverNodeFlags, path.join(repoRoot, 'dist', 'src', 'main.js')],
      cwd: repoRoot,
      env: { ...ourEnv, PORT: String(port), IMPORT_MAX_BYTES: String(256 * 1024 * 1024) },
      url: `http://127.0.0.1:${port}/graphql`,
      logFile: logFile('import'),
      ready: async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok,
    });
    try {
      const token = await signToken(config.jwt, config.bootstrapAdmin, '2h');
      const result = await measureImport(`http://127.0.0.1:${port}`, token, importRows, async (sql) => (await db.query(sql))[0].n);
      importResult = result;
      say(
        `import: dry run ${result.dryRunSeconds.toFixed(1)} s (${result.dryRunRowsPerSecond.toFixed(0)} rows/s), commit ${result.commitSeconds.toFixed(1)} s (${result.commitRowsPerSecond.toFixed(0)} rows/s); ${result.verified}`,
      );
    } catch (error) {
      importResult = { failed: error instanceof Error ? error.message : String(error) };
      say(`import FAILED — ${importResult.failed}`);
    } finally {
      serverLogs.import = server.logFile;
      await server.stop();
    }
  }

  // Issue 17: every contact exported as CSV (and XLSX) while the server's memory is sampled, each format on a server of its own (BENCH_ONLY=EXPORT).
  const exportResults: (ExportResult | { format: string; failed: string })[] = [];
  if (!only || only.includes('EXPORT')) {
    const xlsx = (process.env.BENCH_EXPORT_XLSX ?? (scale.name === 'S' ? 'on' : 'off')).toLowerCase() !== 'off';
    const formats: ('csv' | 'xlsx')[] = xlsx ? ['csv', 'xlsx'] : ['csv'];
    const contacts = (await db.query('SELECT count(*)::int AS n FROM contact'))[0].n as number;
    const token = await signToken(config.jwt, fixtures.viewers.admin, '2h');
    for (const format of formats) {
      say(`\n— export: ${contacts.toLocaleString('en')} contacts as ${format.toUpperCase()}, as ${fixtures.viewers.admin} —`);
      const port = await freePort();
      const server = await startServer({
        name: `export-${format}`,
        command: process.execPath,
        args: ['--trace-gc', ...serverNodeFlags, ...(process.env.BENCH_EXPORT_NODE_ARGS?.split(' ').filter(Boolean) ?? []), path.join(repoRoot, 'dist', 'src', 'main.js')],
        cwd: repoRoot,
        // One process: the memory sampled from its pid is then the memory of the process streaming the export.
        env: { ...ourEnv, WORKERS: '1', PORT: String(port) },
        url: `http://127.0.0.1:${port}/graphql`,
        logFile: logFile(`export-${format}`),
        ready: async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok,
      });
      try {
        const result = await measureExport(`http://127.0.0.1:${port}`, token, { pid: server.pid!, logFile: server.logFile }, format, contacts);
        exportResults.push(result);
        say(exportLine(result));
        if (!result.ok) say(`\n!!! EXPORT ROW COUNT MISMATCH (${format}): ${result.verified} !!!\n`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // On a shared machine something may stop the server mid-export (its log then ends with a SIGTERM): say so, not just "terminated".
        const stopped = /"msg":"shutting down"/.test(fs.readFileSync(server.logFile, 'utf8'));
        const failed = stopped ? `${message} — the server was told to shut down mid-export (see ${server.logFile})` : message;
        exportResults.push({ format, failed });
        say(`export ${format} FAILED — ${failed}`);
      } finally {
        serverLogs[`export-${format}`] = server.logFile;
        await server.stop();
      }
    }
    if (!xlsx) say('(XLSX export skipped: BENCH_EXPORT_XLSX=on measures it)');
  }

  const totalSeconds = (Date.now() - t0) / 1000;
  const table = [...rows.values()];
  say(
    `\nScale ${scale.name}: ${rowCounts.group_customer.toLocaleString('en')} customers, ${rowCounts.contact.toLocaleString('en')} contacts; load ${loadSeconds.toFixed(0)} s; req/s of successes, latency ms; SQL = statements per request (ours)\n`,
  );
  say(textTable(table));
  const measuredExports = exportResults.filter((r): r is ExportResult => 'memory' in r);
  if (exportResults.length) say(`\nExport (server memory sampled every 200 ms):\n${exportResults.map((r) => `  ${'memory' in r ? exportLine(r) : `${r.format} FAILED — ${r.failed}`}`).join('\n')}`);
  if (restarts.length) say(`\nRestarts:\n${restarts.map((r) => `  ${r}`).join('\n')}`);
  const file = writeResults(scale.name, {
    scale: scale.name,
    date: new Date().toISOString(),
    machine: machineInfo(pgVersion),
    connections: CONNECTIONS,
    processesPerServer: BENCH_PROCESSES,
    warmupSeconds: WARMUP,
    durationSeconds: DURATION,
    rowCounts,
    loadSeconds,
    loadTimings,
    totalSeconds,
    viewers: fixtures.viewers,
    accountManagerCustomers: fixtures.accountManagerCustomers,
    postgraphile: pgMissing ? { ran: false, reason: pgMissing } : { ran: true },
    serverLogs,
    restarts,
    rows: table,
    import: importResult,
    export: exportResults.length ? { results: exportResults, markdown: exportMarkdown(measuredExports) } : null,
    markdown: markdownTable(table),
  });
  say(`\nTotal ${totalSeconds.toFixed(0)} s (load ${loadSeconds.toFixed(0)} s). Saved ${path.relative(process.cwd(), file)}; server logs: ${Object.values(serverLogs).join(', ')}`);
}

main()
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => void cleanupOnce().then(() => process.exit()));
