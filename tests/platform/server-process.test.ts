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

function start(dataDir: string): Promise<Running> {
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
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
});
