import 'reflect-metadata';
import cluster from 'node:cluster';
import { appDataModel, createAppServer, startBackgroundJobs } from './app';
import { signToken } from './platform/auth/tokens';
import { clusterMetrics, isClusterWorker, joinCluster, runPrimary } from './platform/cluster';
import { Config, ConfigError, loadConfig } from './platform/config';
import { createLogger, Logger, writeAfterLog } from './platform/logger';
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
  const rootLog = createLogger(config.logLevel);
  if (config.workers > 1 && cluster.isPrimary) return startPrimary(config, rootLog);
  const worker = isClusterWorker();
  const log = worker ? rootLog.child({ worker: cluster.worker!.id }) : rootLog;
  // A worker's primary has started the database, migrated it and loaded the demo data, and passes it on as DATABASE_URL.
  const database = await openDatabase(config, log, appDataModel);
  if (!worker) {
    await ensureBootstrapAdmin(database.db, config);
    if (config.seedDemo) await loadDemoData(database.db, log);
  }

  const app = await createAppServer(config, database.db, log, { ide: { devToken: devTokenFor(config) } });
  const jobs = startBackgroundJobs(config, database.db, log);
  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const metricsServer = config.metrics.port && !worker ? app.metricsApp.listen(config.metrics.port, config.host) : null;
  if (worker) {
    app.metrics.readFrom(clusterMetrics);
    joinCluster(app.metrics.registry, port, () => void shutdown('primary'));
  } else {
    log.info({ url: urlOf(port), database: database.embedded ? 'embedded' : 'DATABASE_URL' }, 'server ready');
    await printBanner(config, port, database.embedded ? database.url : null, log);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping && signal === 'primary') return;
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
  // A worker leaves Ctrl-C (sent to the whole process group) to its primary, which asks each worker to stop in turn.
  process.on('SIGINT', () => (worker ? undefined : void shutdown('SIGINT')));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** WORKERS > 1: the database, migrations and demo data here, then the workers (platform/cluster.ts). */
async function startPrimary(config: Config, log: Logger): Promise<void> {
  const database = await openDatabase(config, log, appDataModel);
  await ensureBootstrapAdmin(database.db, config);
  if (config.seedDemo) await loadDemoData(database.db, log);
  await database.db.destroy(); // each worker has its own pool
  runPrimary({
    workers: config.workers,
    workerEnv: { DATABASE_URL: database.url },
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    metrics: { port: config.metrics.port, host: config.host, token: config.metrics.token },
    log,
    onReady: (port) => {
      log.info({ url: urlOf(port), database: database.embedded ? 'embedded' : 'DATABASE_URL', workers: config.workers }, 'server ready');
      void printBanner(config, port, database.embedded ? database.url : null, log);
    },
    onStopped: () => database.close(),
  });
}

const urlOf = (port: number) => `http://localhost:${port}/graphql`;

// GraphiQL prefills a fresh token for the bootstrap admin on each page load, in development only.
const devTokenFor = (config: Config) => (config.env === 'development' && config.jwt.secret ? () => signToken(config.jwt, config.bootstrapAdmin, '8h') : undefined);

async function printBanner(config: Config, port: number, embeddedUrl: string | null, log: Logger): Promise<void> {
  if (config.env === 'production') return;
  const url = urlOf(port);
  const token = config.jwt.secret ? await signToken(config.jwt, config.bootstrapAdmin, '8h') : null;
  // Through the log's own destination: the lines logged before "ready" (each worker's) come out before the banner, not after it.
  writeAfterLog(
    log,
    `\nGroup CRM is ready at ${url}\n` +
      (embeddedUrl ? `Embedded PostgreSQL: ${embeddedUrl.replace(/:[^:@/]+@/, ':***@')} (data in ${config.embeddedPg.dir})\n` : '') +
      (token ? `Dev token for ${config.bootstrapAdmin} (8h):\n  ${token}\n` : '') +
      (config.graphiql ? `GraphiQL: open ${url} in a browser${devTokenFor(config) ? ' (the dev token is filled in)' : ''}\n` : '') +
      `Try: curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -d '{"query":"{ viewer { name roles } }"}'\n\n`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof EmbeddedPostgresUnavailable) {
    process.stderr.write(`Group CRM cannot start: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Group CRM failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
