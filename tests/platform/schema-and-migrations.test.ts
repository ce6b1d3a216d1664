import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createAppDataSource, printAppSchema } from '../../src/app';
import { createTestDatabase } from '../support/harness';

describe('schema contract', () => {
  it('schema/schema.graphql is exactly the schema the code builds (run `npm run schema` when this fails)', async () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8');
    expect(await printAppSchema()).toBe(committed);
  });
});

describe('migrations', () => {
  it('applied to an empty database leave nothing for the entities to change, and revert cleanly', async () => {
    const serverUrl = process.env.CRM_TEST_SERVER_URL!;
    const name = `crm_empty_${Date.now()}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const db = createAppDataSource({ url: url.toString() });
    try {
      await db.initialize();
      const applied = await db.runMigrations();
      expect(applied.length).toBe(db.migrations.length);
      const drift = await db.driver.createSchemaBuilder().log();
      expect(drift.upQueries.map((q) => q.query)).toEqual([]);

      for (let i = 0; i < applied.length; i++) await db.undoLastMigration();
      const tables = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
      expect(tables).toEqual([]);
      const types = await db.query(`SELECT typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`);
      expect(types).toEqual([]);

      expect((await db.runMigrations()).length).toBe(applied.length);
    } finally {
      if (db.isInitialized) await db.destroy();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('a cloned test database is UTF-8 and round-trips Chinese text', async () => {
    const database = await createTestDatabase();
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const [{ server_encoding }] = (await client.query('SHOW server_encoding')).rows;
    const [{ name }] = (await client.query(`SELECT name FROM region WHERE code = '6101'`)).rows;
    await client.end();
    await database.drop();
    expect(server_encoding).toBe('UTF8');
    expect(name).toBe('西安市');
  });
});
