import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Config } from './config';
import { createDataSource, DataModel } from './database';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded-postgres';
import type { Logger } from './logger';

export interface OpenDatabase {
  db: DataSource;
  url: string;
  embedded: EmbeddedPostgresHandle | null;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = 'group_crm';
const MIGRATION_TIMEOUT_MS = 60 * 60 * 1000;

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await client.end();
  }
}

/**
 * The database the server uses: DATABASE_URL when set, otherwise the embedded
 * PostgreSQL in EMBEDDED_PG_DIR. Migrations run before anything else touches it.
 */
export async function openDatabase(config: Config, log: Logger, model: DataModel): Promise<OpenDatabase> {
  let embedded: EmbeddedPostgresHandle | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dir: config.embeddedPg.dir, port: config.embeddedPg.port, password: config.embeddedPg.password, log });
    await ensureDatabase(embedded.url('postgres'), EMBEDDED_DATABASE);
    url = embedded.url(EMBEDDED_DATABASE);
  }
  const db = createDataSource(model, {
    url,
    poolSize: config.db.poolSize,
    statementTimeoutMs: config.db.statementTimeoutMs,
    connectTimeoutMs: config.db.connectTimeoutMs,
    logger: log,
  });
  // Migrations rewrite whole tables on a province-sized database: they get a connection of their own without the per-request timeout.
  const migrator = createDataSource(model, {
    url,
    poolSize: 1,
    statementTimeoutMs: MIGRATION_TIMEOUT_MS,
    connectTimeoutMs: config.db.connectTimeoutMs,
    logger: log,
  });
  try {
    await migrator.initialize();
    const applied = await migrator.runMigrations({ transaction: 'each' });
    if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    await migrator.destroy();
    await db.initialize();
  } catch (error) {
    if (migrator.isInitialized) await migrator.destroy();
    if (db.isInitialized) await db.destroy();
    if (embedded) await embedded.stop();
    throw error;
  }
  return {
    db,
    url,
    embedded,
    async close() {
      if (db.isInitialized) await db.destroy();
      if (embedded) await embedded.stop();
    },
  };
}
