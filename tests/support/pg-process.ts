import { createInterface } from 'node:readline';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from '../../src/platform/embedded-postgres';
import { createLogger } from '../../src/platform/logger';

/**
 * A dedicated embedded PostgreSQL that a test can stop and start again, run
 * as a child process (`node -r ts-node/register/transpile-only`): Jest's VM
 * cannot do the dynamic import() the package needs. Usage:
 *
 *   node -r ts-node/register/transpile-only tests/support/pg-process.ts <data dir>
 *
 * prints `READY <url>`, then obeys lines on stdin — `stop` (fast shutdown,
 * prints STOPPED), `start` (same folder and port, prints STARTED) — and stops
 * the cluster and exits when stdin closes, so it never outlives its test.
 */
async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: pg-process.ts <data dir>');
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const password = 'test';
  let pg: EmbeddedPostgresHandle | null = await startEmbeddedPostgres({ dir, password, log });
  const port = pg.port;
  process.stdout.write(`READY ${pg.url('postgres')}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'stop' && pg) {
      await pg.stop();
      pg = null;
      process.stdout.write('STOPPED\n');
    } else if (line === 'start' && !pg) {
      pg = await startEmbeddedPostgres({ dir, port, password, log });
      process.stdout.write('STARTED\n');
    }
  }
  await pg?.stop();
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
