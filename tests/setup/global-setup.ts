import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createAppDataSource } from '../../src/app';
import { loadConfig } from '../../src/platform/config';
import { startEmbeddedPostgres } from '../../src/platform/embedded-postgres';
import { createLogger } from '../../src/platform/logger';
import { ensureBootstrapAdmin } from '../../src/seed/bootstrap';
import { organisationSeed } from '../../src/seed/organisation.seed';
import { runSeedSteps } from '../../src/seed/runner';

/**
 * Starts one PostgreSQL for the whole run (embedded unless DATABASE_URL is
 * set) and builds a template database: every migration, the bootstrap admin
 * and the demo organisation. Each test file clones it (tests/support/harness.ts).
 */
export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV = 'test';
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-test-pg-'));
    const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), password: 'test', log });
    (globalThis as Record<string, unknown>).__CRM_TEST_PG__ = { stop: pg.stop, dir };
    serverUrl = pg.url('postgres');
  }
  const template = `crm_template_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template} ENCODING 'UTF8' TEMPLATE template0`);
  await admin.end();

  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${template}`;
  const db = createAppDataSource({ url: templateUrl.toString() });
  await db.initialize();
  await db.runMigrations();
  await ensureBootstrapAdmin(db, loadConfig({ NODE_ENV: 'test' }));
  await runSeedSteps(db, [organisationSeed], log);
  await db.destroy();

  process.env.CRM_TEST_SERVER_URL = serverUrl;
  process.env.CRM_TEST_TEMPLATE = template;
}
