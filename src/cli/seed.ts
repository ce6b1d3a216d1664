import 'reflect-metadata';
import { appDataModel } from '../app';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { openDatabase } from '../platform/runtime';
import { ensureBootstrapAdmin } from '../seed/bootstrap';
import { loadDemoData } from '../seed';

/** `npm run seed`: migrates, then loads the demo data steps this database has not had yet. */
async function main() {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'info');
  const database = await openDatabase(config, log, appDataModel);
  try {
    await ensureBootstrapAdmin(database.db, config);
    const ran = await loadDemoData(database.db, log);
    process.stdout.write(ran.length ? `Loaded: ${ran.join(', ')}\n` : 'Demo data already loaded; nothing to do.\n');
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
