import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAppDataSource } from '../app';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { createLogger } from '../platform/logger';

/**
 * `npm run migration:generate -- AddSomething`: applies every migration to a
 * scratch database (embedded, or DATABASE_URL), diffs it against the
 * entities, and writes the difference as a reversible migration.
 */
async function main() {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    process.stderr.write('usage: npm run migration:generate -- PascalCaseName\n');
    process.exit(2);
  }
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const scratchDir = process.env.DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'crm-migrate-'));
  const scratch = scratchDir ? await startEmbeddedPostgres({ dir: path.join(scratchDir, 'pg'), password: 'scratch', log }) : null;
  const db = createAppDataSource({ url: process.env.DATABASE_URL ?? scratch!.url('postgres') });
  try {
    await db.initialize();
    await db.runMigrations();
    const sql = await db.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      process.stdout.write('Entities and migrations agree: nothing to generate.\n');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const q = (s: string) => '`' + s.replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
    const up = sql.upQueries.map((query) => `    await queryRunner.query(${q(query.query)}${query.parameters?.length ? `, ${JSON.stringify(query.parameters)}` : ''});`);
    const down = sql.downQueries.reverse().map((query) => `    await queryRunner.query(${q(query.query)}${query.parameters?.length ? `, ${JSON.stringify(query.parameters)}` : ''});`);
    const file = path.join('migrations', `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.ts`);
    fs.writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${up.join('\n')}\n  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n${down.join('\n')}\n  }\n}\n`,
    );
    process.stdout.write(`Wrote ${file} (class ${className}); add it to migrations/index.ts.\n`);
  } finally {
    if (db.isInitialized) await db.destroy();
    await scratch?.stop();
    if (scratchDir) fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
