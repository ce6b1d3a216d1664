import { Client } from 'pg';
import { createAppDataSource as createDataSource } from '../../src/app';
import { trackStatements } from '../../src/platform/request-deadline';
import { createLogger } from '../../src/platform/logger';
import { demoSeedSteps } from '../../src/seed';
import { runSeedSteps } from '../../src/seed/runner';
import { installWitnesses } from './invariants';
import { createTestDatabase, startTestApp, TestApp } from '../support/harness';

/**
 * The fuzzer's databases: one template with the whole demo province (built
 * once per test file), cloned afresh for every fast-check run, so a run is
 * replayable from its seed alone. One app serves every run; its DataSource
 * is closed and reopened on each new clone.
 */
export interface FuzzDatabase {
  app: TestApp;
  /** The fuzzer's own connection to the current run's database (invariants, candidate picks). */
  sql: Client;
  /** Drops the current run's database and clones a fresh one from the template. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function openFuzzDatabase(): Promise<FuzzDatabase> {
  const serverUrl = process.env.CRM_TEST_SERVER_URL!;
  // The demo province on a clone of the migrated template, then that clone becomes the fuzzer's template.
  const seeded = await createTestDatabase();
  const seeder = createDataSource({ url: seeded.url });
  await seeder.initialize();
  await runSeedSteps(seeder, demoSeedSteps, createLogger('silent'));
  // Clones copy the planner's statistics: gather them once here, or every run plans blind.
  await seeder.query('ANALYZE');
  await installWitnesses(seeder);
  await seeder.destroy();
  const template = new URL(seeded.url).pathname.slice(1);
  const run = `${template}_run`;
  const runUrl = withDatabase(serverUrl, run);
  const clone = () =>
    admin(serverUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${run} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${run} TEMPLATE ${template}`);
    });
  await clone();
  const app = await startTestApp({ DATABASE_URL: runUrl });
  let sql = new Client({ connectionString: runUrl });
  await sql.connect();
  return {
    app,
    get sql() {
      return sql;
    },
    async reset() {
      await sql.end();
      await app.db.destroy();
      await clone();
      await app.db.initialize();
      trackStatements(app.db);
      sql = new Client({ connectionString: runUrl });
      await sql.connect();
    },
    async close() {
      await sql.end().catch(() => undefined);
      await app.close();
      await admin(serverUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${run} WITH (FORCE)`);
      });
      await seeded.drop();
    },
  };
}
