import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The real start-up path (src/main.ts) as `npm start` runs it, on its own
 * embedded PostgreSQL: first start, crash (kill -9), recovery, graceful stop.
 */
const ROOT = path.resolve(__dirname, '../..');

interface Running {
  child: ChildProcess;
  url: string;
  token: string;
  output: () => string;
}

/** Every server a test started: one a failed test left running is stopped after it, with its database. */
const started: ChildProcess[] = [];

function start(dataDir: string, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: '',
      EMBEDDED_PG_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      JWT_SECRET: '',
      WORKERS: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not become ready:\n${output}`)), 45000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /ready at (http:\/\/\S+)/.exec(output)?.[1];
      const token = /Dev token for admin \(8h\):\n\s+(\S+)/.exec(output)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ child, url: url.replace('localhost', '127.0.0.1'), token, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

async function gql(server: Running, query: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code))));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the server process', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-process-'));
  const dataDir = path.join(base, 'pg');
  afterEach(async () => {
    for (const child of started.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      await exited(child);
    }
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('starts on an empty folder, survives kill -9, and stops its database on SIGTERM', async () => {
    const first = await start(dataDir);
    expect((await gql(first, '{ viewer { employeeNo } }')).data.viewer.employeeNo).toBe('admin');
    const created = await gql(first, '{ regions { id } }');
    const province = created.data.regions[0].id;
    const made = await gql(first, `mutation { createRegion(input: { code: "CRASH-1", name: "崩溃测试", level: CITY, parentId: "${province}" }) { region { code } } }`);
    expect(made.data.createRegion.region.code).toBe('CRASH-1');

    first.child.kill('SIGKILL');
    await exited(first.child);
    const postmasterPid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(postmasterPid)).toBe(true);

    const second = await start(dataDir);
    const cities = await gql(second, `{ regions(parentId: "${province}") { code } }`);
    expect(cities.data.regions.map((r: { code: string }) => r.code)).toContain('CRASH-1');
    const seeded = await gql(second, '{ staffMembers(filter: { text: "xa-am1" }) { totalCount } }');
    expect(seeded.data.staffMembers.totalCount).toBe(1); // demo data loaded once, not twice

    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(second.output()).toMatch(/"msg":"stopped"/);
    expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  }, 120000);

  it('with WORKERS=2: two workers share the port and the metrics, one that dies is replaced, SIGTERM stops them all and the database', async () => {
    const server = await start(path.join(base, 'cluster-pg'), { WORKERS: '2', METRICS_TOKEN: 'cluster-metrics' });
    const workerPids = () => [...server.output().matchAll(/"pid":(\d+),"msg":"worker ready"/g)].map((m) => Number(m[1]));
    expect(new Set(workerPids()).size).toBe(2);
    for (let i = 0; i < 10; i++) expect((await gql(server, '{ viewer { employeeNo } }')).data.viewer.employeeNo).toBe('admin');
    // Each worker counts its own requests; a scrape, whichever worker takes it, answers the sum.
    const scrape = async () => {
      const res = await fetch(server.url.replace('/graphql', '/metrics'), { headers: { authorization: 'Bearer cluster-metrics' } });
      const counts = [...(await res.text()).matchAll(/^crm_graphql_request_duration_seconds_count\{[^}]*\} (\d+)$/gm)].map((m) => Number(m[1]));
      return counts.reduce((a, b) => a + b, 0);
    };
    expect(await scrape()).toBe(10);
    expect(await scrape()).toBe(10);

    const [victim] = workerPids();
    process.kill(victim, 'SIGKILL');
    const deadline = Date.now() + 30000;
    while (workerPids().length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.output()).toMatch(/"msg":"worker exited; starting another"/);
    expect(new Set(workerPids()).size).toBe(3);
    for (let i = 0; i < 4; i++) expect((await gql(server, '{ viewer { employeeNo } }')).data.viewer.employeeNo).toBe('admin');

    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
    expect(server.output().match(/"msg":"stopped"/g)).toHaveLength(3);
    for (const pid of workerPids()) expect(alive(pid)).toBe(false);
    expect(fs.existsSync(path.join(base, 'cluster-pg', 'postmaster.pid'))).toBe(false);
  }, 120000);
});
