import 'reflect-metadata';
import { appDataModel, createAppServer, startBackgroundJobs } from './app';
import { signToken } from './platform/auth/tokens';
import { ConfigError, loadConfig } from './platform/config';
import { createLogger } from './platform/logger';
import { EmbeddedPostgresUnavailable } from './platform/embedded-postgres';
import { openDatabase } from './platform/runtime';
import { ensureBootstrapAdmin } from './seed/bootstrap';
import { loadDemoData } from './seed';

/** Start-up: config → database → server, and an orderly shutdown on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config, log, appDataModel);
  await ensureBootstrapAdmin(database.db, config);
  if (config.seedDemo) await loadDemoData(database.db, log);

  // GraphiQL prefills a fresh token for the bootstrap admin on each page load, in development only.
  const devToken = config.env === 'development' && config.jwt.secret ? () => signToken(config.jwt, config.bootstrapAdmin, '8h') : undefined;
  const app = await createAppServer(config, database.db, log, { ide: { devToken } });
  const jobs = startBackgroundJobs(config, database.db, log);
  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  const metricsServer = config.metrics.port ? app.metricsApp.listen(config.metrics.port, config.host) : null;
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}/graphql`;
  log.info({ url, database: database.embedded ? 'embedded' : 'DATABASE_URL' }, 'server ready');
  if (config.env !== 'production') {
    const token = config.jwt.secret ? await signToken(config.jwt, config.bootstrapAdmin, '8h') : null;
    process.stdout.write(
      `\nGroup CRM is ready at ${url}\n` +
        (database.embedded ? `Embedded PostgreSQL: ${database.url.replace(/:[^:@/]+@/, ':***@')} (data in ${config.embeddedPg.dir})\n` : '') +
        (token ? `Dev token for ${config.bootstrapAdmin} (8h):\n  ${token}\n` : '') +
        (config.graphiql ? `GraphiQL: open ${url} in a browser${devToken ? ' (the dev token is filled in)' : ''}\n` : '') +
        `Try: curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -d '{"query":"{ viewer { name roles } }"}'\n\n`,
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5000);
    force.unref();
    try {
      metricsServer?.close();
      jobs.stop();
      await app.apollo.stop(); // drains and closes the HTTP server first
      await database.close(); // then the pool, then the embedded PostgreSQL
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof EmbeddedPostgresUnavailable) {
    process.stderr.write(`Group CRM cannot start: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Group CRM failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
