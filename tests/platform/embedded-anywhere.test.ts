import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresUnavailable, firstClosedDirectory, socketDirectoryFor, startEmbeddedPostgres } from '../../src/platform/embedded-postgres';
import { createLogger } from '../../src/platform/logger';

/**
 * A clone in a folder other users cannot enter (e.g. under /root, mode 700):
 * as root the embedded PostgreSQL runs as the `postgres` user, so it must
 * either work or stop with one clear line — never an unhandled error.
 */
const ROOT = path.resolve(__dirname, '../..');
const asRoot = process.getuid?.() === 0;

describe('embedded PostgreSQL in a private folder', () => {
  let privateDir: string;
  beforeAll(() => {
    privateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-private-'));
    fs.chmodSync(privateDir, 0o700);
  });
  afterAll(() => fs.rmSync(privateDir, { recursive: true, force: true }));

  it('finds the first folder on the way that a user may not enter', () => {
    const inner = path.join(privateDir, 'a', 'b');
    fs.mkdirSync(inner, { recursive: true });
    const stranger = { uid: 54321, gids: [54321] };
    expect(firstClosedDirectory(inner, stranger)).toBe(privateDir);
    expect(firstClosedDirectory(path.join(inner, 'not-yet'), stranger)).toBe(privateDir);
    const owner = { uid: fs.statSync(privateDir).uid, gids: [] };
    expect(firstClosedDirectory(inner, owner)).toBeNull();
    fs.chmodSync(privateDir, 0o701);
    expect(firstClosedDirectory(inner, stranger)).toBeNull();
    fs.chmodSync(privateDir, 0o700);
  });

  (asRoot ? it : it.skip)('as root, refuses to start with a clear reason instead of crashing', async () => {
    const log = createLogger('silent');
    const attempt = startEmbeddedPostgres({ dir: path.join(privateDir, 'data', 'pg'), password: 'x', log });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresUnavailable);
    await expect(attempt).rejects.toThrow(new RegExp(`cannot enter ${privateDir}.*chmod o\\+x ${privateDir}.*DATABASE_URL`));
  });

  // Not as root, the cluster runs as this user, who owns the folder: server-process.test.ts covers a normal start.
  (asRoot ? it : it.skip)(
    'npm start says what to do in one line and exits 1',
    async () => {
      const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'development',
          DATABASE_URL: '',
          EMBEDDED_PG_DIR: path.join(privateDir, 'start', 'pg'),
          PORT: '0',
          LOG_LEVEL: 'silent',
          JWT_SECRET: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^Group CRM cannot start: The embedded PostgreSQL runs as the user "postgres", who cannot enter /);
    },
    60000,
  );
});

describe('embedded PostgreSQL connections', () => {
  it('take the data folder for a Unix socket, unless that path is too long for one', () => {
    expect(socketDirectoryFor('/srv/crm/.data/pg', 5432)).toBe('/srv/crm/.data/pg');
    expect(socketDirectoryFor(`/srv/${'x'.repeat(90)}/pg`, 5432)).toBeNull();
  });

  // The run's own embedded server (tests/setup/global-setup.ts) is started as `npm start` starts one.
  (process.env.DATABASE_URL ? it.skip : it)('go over that socket, not TCP', async () => {
    const url = process.env.CRM_TEST_SERVER_URL!;
    expect(new URL(url).searchParams.get('host')).toMatch(/crm-test-pg-.*\/pg$/);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      // inet_server_addr() is NULL on a Unix-socket connection.
      expect((await client.query('SELECT inet_server_addr() AS addr')).rows[0].addr).toBeNull();
    } finally {
      await client.end();
    }
  });
});
