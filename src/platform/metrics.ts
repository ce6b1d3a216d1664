import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import type { Pool } from 'pg';
import { Aggregator, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Context } from './context';
import { currentRequestScope } from './request-scope';

/**
 * Prometheus metrics (prom-client), one registry per app: request latency by
 * operation and outcome, SQL statements per request, errors by code,
 * rate-limit refusals, the database pool, and Node's own (event-loop lag,
 * memory, CPU, handles). docs/operations.md has alert rules.
 */

/** Operation names come from clients: only tidy names are labels, and only so many of them. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_LABELS = 200;

export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  readonly requestDuration = new Histogram({
    name: 'crm_graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation name and outcome (ok or the first error code)',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly sqlStatements = new Histogram({
    name: 'crm_graphql_sql_statements',
    help: 'SQL statements one GraphQL request ran',
    buckets: [1, 2, 3, 5, 8, 13, 21, 34, 55, 89],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'crm_graphql_errors_total',
    help: 'GraphQL errors by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({ name: 'crm_rate_limit_refusals_total', help: 'Requests refused with RATE_LIMITED', registers: [this.registry] });

  constructor(db: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const pool = (db.driver as unknown as { master?: Pool }).master;
    const poolGauge = (name: string, help: string, read: (p: Pool) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          if (pool) this.set(read(pool));
        },
      });
    poolGauge('crm_db_pool_connections', 'Connections the pool holds', (p) => p.totalCount);
    poolGauge('crm_db_pool_idle', 'Idle connections in the pool', (p) => p.idleCount);
    poolGauge('crm_db_pool_waiting', 'Requests waiting for a connection', (p) => p.waitingCount);
  }

  /**
   * A gauge read at each scrape, e.g. a count a module exports; a failing read leaves the last value. With several workers
   * (platform/cluster.ts) their values are combined by `aggregate`: `sum` for what each instance holds, `max` for what each
   * reads from the same database.
   */
  addGauge(name: string, help: string, read: () => Promise<number>, aggregate: Aggregator = 'max'): void {
    new Gauge({
      name,
      help,
      aggregator: aggregate,
      registers: [this.registry],
      async collect() {
        try {
          this.set(await read());
        } catch {
          /* the database may be down: the pool gauges say so */
        }
      },
    });
  }

  operationLabel(name: string | null | undefined): string {
    if (!name || !OPERATION_NAME.test(name)) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  plugin(): ApolloServerPlugin<Context> {
    const record = (operationName: string | null | undefined, codes: string[], seconds: number) => {
      for (const code of codes) this.errors.inc({ code });
      if (codes.includes('RATE_LIMITED')) this.rateLimited.inc();
      this.requestDuration.observe({ operation: this.operationLabel(operationName), outcome: codes[0] ?? 'ok' }, seconds);
      const statements = currentRequestScope()?.sqlStatements;
      if (statements !== undefined) this.sqlStatements.observe(statements);
    };
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse({ response, operationName }) {
            const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
            const codes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
            record(operationName, codes, Number(process.hrtime.bigint() - started) / 1e9);
          },
        };
      },
    };
  }

  /** What a scrape answers: this registry, or in a worker every worker's (platform/cluster.ts clusterMetrics). */
  private read: () => Promise<string> = () => this.registry.metrics();

  readFrom(read: () => Promise<string>): void {
    this.read = read;
  }

  /** The scrape endpoint; with a token, only `Authorization: Bearer <token>` may read it. */
  handler(token: string | null) {
    return async (req: Request, res: Response, next: NextFunction) => {
      if (token && req.header('authorization') !== `Bearer ${token}`) {
        res.status(401).type('text/plain').send('metrics need the METRICS_TOKEN bearer token\n');
        return;
      }
      try {
        res.type(this.registry.contentType).send(await this.read());
      } catch (error) {
        next(error);
      }
    };
  }
}
