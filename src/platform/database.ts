import type { Pool, PoolClient } from 'pg';
import { DataSource, DefaultNamingStrategy, Logger as OrmLogger, NamingStrategyInterface, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError, Table } from 'typeorm';
import type { Logger } from './logger';
import { currentRequestScope } from './request-scope';
import { pgTypeParsers } from './pg-types';

/** Tables and columns are snake_case; TypeScript properties stay camelCase. */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(className: string, customName?: string): string {
    return customName ?? snake(className);
  }
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    return snake(prefixes.concat(customName ?? propertyName).join('_'));
  }
  override relationName(propertyName: string): string {
    return snake(propertyName);
  }
  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snake(`${relationName}_${referencedColumnName}`);
  }
  override joinTableName(firstTableName: string, secondTableName: string, firstPropertyName: string): string {
    return snake(`${firstTableName}_${firstPropertyName.replace(/\./g, '_')}_${secondTableName}`);
  }
  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snake(`${tableName}_${columnName ?? propertyName}`);
  }
  override primaryKeyName(tableOrName: Table | string): string {
    return `pk_${typeof tableOrName === 'string' ? tableOrName : tableOrName.name}`;
  }
}

function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** Counts every statement against the request that ran it; logs failures and slow statements. */
class SqlLogger implements OrmLogger {
  constructor(private readonly logger?: Logger) {}
  logQuery(): void {
    const scope = currentRequestScope();
    if (scope) scope.sqlStatements += 1;
  }
  logQueryError(error: string | Error, query: string): void {
    this.logQuery();
    this.logger?.warn({ err: error instanceof Error ? error.message : error, query: query.slice(0, 500) }, 'sql statement failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger?.warn({ ms: time, query: query.slice(0, 500) }, 'slow sql statement');
  }
  logSchemaBuild(message: string): void {
    this.logger?.debug({ message }, 'schema build');
  }
  logMigration(message: string): void {
    this.logger?.info({ message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger?.warn({ message }, 'typeorm');
    else this.logger?.debug({ message }, 'typeorm');
  }
}

/** What the database holds: the composition root (src/app.ts) passes the app's entities and the migrations that build their tables. */
export interface DataModel {
  entities: Function[];
  migrations: Function[];
}

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  logger?: Logger;
}

/** The one DataSource definition, used by the server, the CLI (ormconfig.ts) and the tests. */
export function createDataSource(model: DataModel, options: DatabaseOptions): DataSource {
  const statementTimeout = options.statementTimeoutMs ?? 10000;
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: model.entities,
    migrations: model.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: true,
    logger: new SqlLogger(options.logger),
    maxQueryExecutionTime: 1000,
    applicationName: 'group-crm',
    extra: {
      max: options.poolSize ?? 10,
      // Every statement has a server-side timeout; a dead server fails fast instead of hanging.
      statement_timeout: statementTimeout,
      // Many short requests at once share few cores: a parallel plan's workers cost more to start than the page they help read.
      // Prepared statements (platform/sql-shapes.ts) are planned for their parameters each time, as unnamed ones are.
      options: '-c max_parallel_workers_per_gather=0 -c plan_cache_mode=force_custom_plan',
      query_timeout: statementTimeout + 2000,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
      idleTimeoutMillis: 30000,
      types: pgTypeParsers,
    },
  });
}

/** True when the error means "the database cannot be reached", not "the statement was wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: unknown } | null;
  if (!e) return false;
  if (e.driverError && isDatabaseUnavailable(e.driverError)) return true;
  // TypeORM releases a transaction's query runner as soon as its connection emits 'error' (the server went away
  // between two statements); the next statement then fails with one of these instead of the driver's error.
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const code = e.code ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) return true;
  // A Unix socket whose file is gone: the server is not running (the embedded one connects so: embedded-postgres.ts).
  if (code === 'ENOENT' && (e as { syscall?: string }).syscall === 'connect') return true;
  // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx connection exceptions
  if (/^(57P0[123]|08\d\d\d)$/.test(code)) return true;
  const message = e.message ?? '';
  return /Connection terminated|Client has encountered a connection error|connect ECONNREFUSED/i.test(message);
}

/**
 * True when every pooled connection stayed busy for the whole connect
 * timeout: the database answers, the server has more work than connections.
 * (A new connection that cannot be opened in time is "unavailable" above.)
 */
export function isPoolExhausted(error: unknown): boolean {
  for (let e = error as { message?: string; driverError?: unknown } | null | undefined; e; e = e.driverError as typeof e) {
    if (e.message === 'timeout exceeded when trying to connect') return true;
  }
  return false;
}

/** A pooled connection's `query`, as pg takes it. */
export type PooledQuery = (...args: unknown[]) => unknown;

/**
 * Puts `wrap` around `query` of every connection the DataSource's pool hands
 * out, once per connection (`key` marks it); `wrap` gets the connection and
 * its `query` as it stands. Later wrappers go outside earlier ones.
 */
export function wrapPooledQueries(db: DataSource, key: symbol, wrap: (client: PoolClient, query: PooledQuery) => PooledQuery): void {
  const pool = (db.driver as unknown as { master: Pool }).master;
  pool.on('acquire', (client) => {
    const marked = client as PoolClient & { [key: symbol]: boolean };
    if (marked[key]) return;
    marked[key] = true;
    (client as unknown as { query: PooledQuery }).query = wrap(client, client.query.bind(client) as PooledQuery);
  });
}
