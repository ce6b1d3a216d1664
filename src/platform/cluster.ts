import cluster, { Worker } from 'node:cluster';
import http from 'node:http';
import { AggregatorRegistry, Registry } from 'prom-client';
import type { Logger } from './logger';

/*
 * WORKERS > 1: one primary process and that many workers (node:cluster),
 * each a whole API instance sharing the HTTP port. Node runs JavaScript on
 * one thread, so a single process leaves the other cores to PostgreSQL alone;
 * the instances already share everything that must be shared through the
 * database (rate limits, locks, live events), as separate servers do.
 *
 * The primary owns what there is one of: the embedded PostgreSQL, migrations
 * and demo data (before any worker starts), the metrics port, and shutdown.
 * It starts a worker again when one dies after start-up.
 */

type ToPrimary = { type: 'crm:ready'; port: number } | { type: 'crm:metrics'; id: number };
type ToWorker = { type: 'crm:shutdown' } | { type: 'crm:metrics'; id: number; text?: string; error?: string };

/** More than this many unplanned worker exits in a minute and the primary gives up. */
const MAX_RESTARTS_PER_MINUTE = 5;

export const isClusterWorker = (): boolean => cluster.isWorker;

export interface PrimaryOptions {
  workers: number;
  /** Added to each worker's environment (the database the primary opened). */
  workerEnv: Record<string, string>;
  shutdownTimeoutMs: number;
  metrics: { port: number; host: string; token: string | null };
  log: Logger;
  /** Once every worker listens, with the port they share. */
  onReady(port: number): void;
  /** After the last worker has exited: what the primary itself holds (the embedded database). */
  onStopped(): Promise<void>;
}

export function runPrimary(options: PrimaryOptions): void {
  const { log } = options;
  const aggregator = new AggregatorRegistry();
  const started = new Set<Worker>();
  const exits: number[] = [];
  let allStarted = false;
  let stopping = false;

  const onMessage = (worker: Worker, message: ToPrimary) => {
    if (message?.type === 'crm:ready') {
      started.add(worker);
      log.info({ worker: worker.id, pid: worker.process.pid }, 'worker ready');
      if (!allStarted && started.size === options.workers) {
        allStarted = true;
        options.onReady(message.port);
      }
    } else if (message?.type === 'crm:metrics') {
      aggregator.clusterMetrics().then(
        (text) => send(worker, { type: 'crm:metrics', id: message.id, text }),
        (error: Error) => send(worker, { type: 'crm:metrics', id: message.id, error: error.message }),
      );
    }
  };
  const fork = () => {
    const worker = cluster.fork(options.workerEnv);
    worker.on('message', (message: ToPrimary) => onMessage(worker, message));
  };

  cluster.on('exit', (worker, code, signal) => {
    started.delete(worker);
    if (stopping) return;
    if (!allStarted) {
      log.error({ worker: worker.id, code, signal }, 'a worker exited while starting; stopping');
      void stop(1);
      return;
    }
    const now = Date.now();
    exits.push(now);
    while (exits[0] < now - 60_000) exits.shift();
    if (exits.length > MAX_RESTARTS_PER_MINUTE) {
      log.error({ exits: exits.length }, 'workers keep exiting; stopping');
      void stop(1);
      return;
    }
    log.error({ worker: worker.id, code, signal }, 'worker exited; starting another');
    fork();
  });

  const metricsServer = options.metrics.port
    ? http
        .createServer((req, res) => {
          if (req.url?.split('?')[0] !== '/metrics') return void res.writeHead(404).end();
          if (options.metrics.token && req.headers.authorization !== `Bearer ${options.metrics.token}`) {
            return void res.writeHead(401, { 'content-type': 'text/plain' }).end('metrics need the METRICS_TOKEN bearer token\n');
          }
          aggregator.clusterMetrics().then(
            (text) => res.writeHead(200, { 'content-type': aggregator.contentType }).end(text),
            (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
          );
        })
        .listen(options.metrics.port, options.metrics.host)
    : null;

  const stop = async (exitCode: number) => {
    stopping = true;
    metricsServer?.close();
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    const force = setTimeout(() => {
      log.error('workers did not stop in time; killing them');
      for (const worker of workers) worker.process.kill('SIGKILL');
    }, options.shutdownTimeoutMs + 5000);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            send(worker, { type: 'crm:shutdown' });
          }),
      ),
    );
    clearTimeout(force);
    try {
      await options.onStopped();
      log.info('stopped');
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      exitCode = 1;
    }
    process.exit(exitCode);
  };

  const onSignal = (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }
    log.info({ signal, workers: options.workers }, 'shutting down');
    void stop(0);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  for (let i = 0; i < options.workers; i++) fork();
}

function send(worker: Worker, message: ToWorker): void {
  if (worker.isConnected()) worker.send(message);
}

/** In a worker: tells the primary it listens; `shutdown` runs when the primary asks it to stop. */
export function joinCluster(registry: Registry, port: number, shutdown: () => void): void {
  AggregatorRegistry.setRegistries([registry]);
  new AggregatorRegistry(); // answers the primary's requests for this worker's metrics
  process.on('message', (message: ToWorker) => {
    if (message?.type === 'crm:shutdown') shutdown();
  });
  process.send!({ type: 'crm:ready', port } satisfies ToPrimary);
}

let metricsRequests = 0;

/** In a worker: the metrics of every worker, summed by the primary, for a scrape this worker received. */
export function clusterMetrics(): Promise<string> {
  const id = ++metricsRequests;
  return new Promise((resolve, reject) => {
    const onReply = (message: ToWorker) => {
      if (message?.type !== 'crm:metrics' || message.id !== id) return;
      process.off('message', onReply);
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? '');
    };
    process.on('message', onReply);
    process.send!({ type: 'crm:metrics', id } satisfies ToPrimary);
  });
}
