import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedPostgresUnavailable, firstClosedDirectory, startEmbeddedPostgres } from '../../src/platform/embedded-postgres';
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
