import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/platform/config';
import { createAppDataSource as createDataSource } from '../../src/app';
import { createLogger } from '../../src/platform/logger';
import { ensureBootstrapAdmin } from '../../src/seed/bootstrap';
import { organisationSeed } from '../../src/seed/organisation.seed';
import { runSeedSteps } from '../../src/seed/runner';
import { errorCodes, startTestApp, TestApp } from '../support/harness';

/**
 * PostgreSQL restarts while 20 clients write (issue 15). On a PostgreSQL of
 * its own (tests/support/pg-process.ts), never the shared test cluster that
 * other test files use at the same time.
 */
const ROOT = path.resolve(__dirname, '../..');
const CLIENTS = 20;

/** The child that runs the dedicated PostgreSQL, and a way to wait for what it prints. */
function startPostgresProcess(dir: string) {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'tests/support/pg-process.ts', dir], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(output);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        output = output.slice(match.index + match[0].length);
        waiter.resolve(match);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const expectLine = (pattern: RegExp, timeoutMs = 60000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PostgreSQL process did not print ${pattern}:\n${output}`)), timeoutMs);
      waiters.push({ pattern, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      onData(Buffer.alloc(0));
    });
  const command = async (line: 'stop' | 'start', answer: RegExp) => {
    child.stdin!.write(`${line}\n`);
    await expectLine(answer);
  };
  return { child, expectLine, command };
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** A migrated database with the bootstrap admin and the demo organisation, on the dedicated server. */
async function prepareDatabase(serverUrl: string): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE crm ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/crm';
  const db = createDataSource({ url: url.toString() });
  await db.initialize();
  await db.runMigrations();
  await ensureBootstrapAdmin(db, loadConfig({ NODE_ENV: 'test' }));
  await runSeedSteps(db, [organisationSeed], createLogger('silent'));
  await db.destroy();
  return url.toString();
}

type Outcome = { name: string; answer: 'ok' | 'error' | 'userError'; detail: string; at: number; message?: string };

describe('a PostgreSQL restart under load', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-restart-'));
  let pg: ReturnType<typeof startPostgresProcess>;
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    if (pg) {
      pg.child.stdin!.end(); // the child stops its cluster and exits when stdin closes
      const timer = setTimeout(() => pg.child.kill('SIGKILL'), 30000);
      await exited(pg.child);
      clearTimeout(timer);
    }
    fs.rmSync(base, { recursive: true, force: true });
  }, 60000);

  it('keeps every write answered OK, none answered with an error, and answers again within 5 s of the database coming back', async () => {
    // As root the cluster runs as the postgres user, who must reach the folder.
    fs.chmodSync(base, 0o755);
    pg = startPostgresProcess(path.join(base, 'pg'));
    const [, serverUrl] = await pg.expectLine(/READY (\S+)\n/);
    const url = await prepareDatabase(serverUrl);
    t = await startTestApp({ DATABASE_URL: url, DB_CONNECT_TIMEOUT_MS: '1000' });
    const app = t;
    const [{ id: region }] = await app.db.query(`SELECT id FROM region WHERE code = '6101'`);
    const regionId = Buffer.from(`Region:${region}`).toString('base64');

    const outcomes: Outcome[] = [];
    let writing = true;
    const write = async (client: number) => {
      for (let n = 0; writing; n++) {
        const name = `重启测试客户-${client}-${n}`;
        let outcome: Outcome;
        try {
          const res = await app.gql('xa-am1', `mutation($input: CreateGroupCustomerInput!) { createGroupCustomer(input: $input) { groupCustomer { code } userErrors { code } } }`, {
            input: { name, industry: 'GOVERNMENT', grade: 'C', managementLevel: 'CITY', regionId },
          });
          const payload = res.body.data?.createGroupCustomer;
          const codes = errorCodes(res);
          outcome =
            codes.length || !payload
              ? {
                  name,
                  answer: 'error',
                  detail: `${res.status} ${codes.join(',')}`,
                  at: Date.now(),
                  message: res.body.errors?.map((e) => e.message).join('; '),
                }
              : payload.userErrors.length
                ? { name, answer: 'userError', detail: JSON.stringify(payload.userErrors), at: Date.now() }
                : { name, answer: 'ok', detail: payload.groupCustomer.code, at: Date.now() };
        } catch (error) {
          outcome = { name, answer: 'error', detail: `no HTTP answer: ${(error as Error).message}`, at: Date.now() };
        }
        outcomes.push(outcome);
        if (outcome.answer !== 'ok') await sleep(100); // a client backs off a little while the database is away
      }
    };
    const oks = () => outcomes.filter((o) => o.answer === 'ok').length;
    const writers = Array.from({ length: CLIENTS }, (_, client) => write(client));

    await until('writes before the restart', () => oks() >= 2 * CLIENTS, 60000);
    await pg.command('stop', /STOPPED\n/);
    const down = Date.now();
    await until('writes refused while the database is down', () => outcomes.filter((o) => o.at > down && o.answer === 'error').length >= CLIENTS, 30000);
    await pg.command('start', /STARTED\n/);
    const back = Date.now();

    // The server answers again (readiness and GraphQL) within 5 s of the database coming back.
    let answered = 0;
    await until(
      'an answer after the restart',
      async () => {
        const res = await app.gql('admin', '{ viewer { employeeNo } }').catch(() => null);
        if (res?.status === 200 && res.body.data?.viewer) answered = Date.now();
        return answered > 0;
      },
      30000,
    );
    expect(answered - back).toBeLessThan(5000);
    const okBefore = oks();
    await until('writes after the restart', () => oks() >= okBefore + 2 * CLIENTS, 30000);
    writing = false;
    await Promise.all(writers);

    const check = new Client({ connectionString: url });
    await check.connect();
    const stored = new Set((await check.query(`SELECT name FROM group_customer WHERE name LIKE '重启测试客户-%'`)).rows.map((r) => r.name as string));
    await check.end();
    const lostOk = outcomes.filter((o) => o.answer === 'ok' && !stored.has(o.name));
    const keptError = outcomes.filter((o) => o.answer !== 'ok' && stored.has(o.name));
    expect({ lostOk, keptError }).toEqual({ lostOk: [], keptError: [] });
    // Every refusal was the clear "try again shortly", never an internal error or a business error.
    const refusals = outcomes.filter((o) => o.answer !== 'ok');
    expect(refusals.length).toBeGreaterThanOrEqual(CLIENTS);
    expect(refusals.filter((o) => o.detail !== '503 SERVICE_UNAVAILABLE')).toEqual([]);
    expect(oks()).toBeGreaterThanOrEqual(4 * CLIENTS);
  }, 240000);
});
