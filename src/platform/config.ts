import os from 'node:os';
import path from 'node:path';
import { MAX_VIEWER_CACHE_MS } from './auth/viewer-cache';
import type { RateLimits } from './rate-limit';

/**
 * The whole runtime configuration, read and validated once at start-up.
 * Every variable is documented in `.env.example` and the README.
 */
export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  /** null: start the embedded PostgreSQL. */
  databaseUrl: string | null;
  embeddedPg: { dir: string; port: number; password: string };
  /** `reportConnections`: how many reports may run at once per process, each on one of the pool's connections (platform/report-slots.ts). */
  db: { poolSize: number; statementTimeoutMs: number; connectTimeoutMs: number; reportConnections: number };
  jwt: { secret: string | null; jwksUrl: string | null; issuer: string | null; audience: string | null };
  bootstrapAdmin: string;
  /** The root region created on an empty database, which the bootstrap admin belongs to. */
  bootstrapProvince: { code: string; name: string };
  seedDemo: boolean;
  logLevel: string;
  shutdownTimeoutMs: number;
  /** API processes sharing the port (platform/cluster.ts); 1 runs the server in this process. */
  workers: number;
  /** Whole-request deadline: past it, the request's running SQL is cancelled (src/platform/request-deadline.ts). */
  requestTimeoutMs: number;
  limits: { maxDepth: number; maxCost: number; maxAliases: number; maxTokens: number; maxBodyBytes: number };
  /** Adds `x-sql-statements` to responses: how many SQL statements the request ran. */
  exposeQueryStats: boolean;
  /** How long a signed-in user's roles and region are reused before they are read again (0: every request). */
  viewerCacheMs: number;
  /** Partner tokens may run only registered documents (src/platform/graphql/trusted-documents.ts). */
  partnerTrustedDocuments: boolean;
  /** Prometheus metrics: on a port of their own (0: none), and/or at /metrics behind a bearer token. */
  metrics: { port: number; token: string | null };
  /** Budgets per principal and minute, shared by every instance through the database (src/platform/rate-limit.ts). */
  rateLimits: RateLimits;
  /** Serve the GraphiQL IDE at GET /graphql for browsers (src/platform/ide.ts). */
  graphiql: boolean;
  /** Live events (src/platform/live): how often the time-driven checks run (overdue steps, care falling due); 0: never. */
  live: { checkIntervalMs: number };
  /** Bulk import (docs/loading-a-province.md): file size, rows, XLSX unpacking limits, rows per committed batch. */
  imports: { maxBytes: number; maxRows: number; maxEntries: number; maxUncompressedBytes: number; batchRows: number; workers: number };
  /** Export jobs: where their files are written (shared by every instance that may serve a download) and how long they are kept. */
  exports: { dir: string; keepHours: number };
  /** How often each instance looks whether the stored churn risk needs recomputing (0: never; docs/api.md: Retention). */
  retentionRefreshMinutes: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

const DEV_JWT_SECRET = 'group-crm-development-secret-not-for-production';

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (nodeEnv !== 'development' && nodeEnv !== 'test' && nodeEnv !== 'production') {
    throw new ConfigError('NODE_ENV', `must be development, test or production, got "${nodeEnv}"`);
  }
  const production = nodeEnv === 'production';

  const jwksUrl = url(env, 'JWT_JWKS_URL', ['https:', 'http:']);
  let secret = env.JWT_SECRET && env.JWT_SECRET !== '' ? env.JWT_SECRET : null;
  if (secret !== null && production && Buffer.byteLength(secret) < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 bytes in production');
  }
  if (secret === null && !jwksUrl) {
    if (production) throw new ConfigError('JWT_SECRET', 'is required in production (or set JWT_JWKS_URL)');
    secret = DEV_JWT_SECRET;
  }

  const logLevel = env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `unknown level "${logLevel}"`);
  }

  const bootstrapAdmin = (env.BOOTSTRAP_ADMIN ?? 'admin').trim();
  if (!/^[A-Za-z0-9_.-]{1,32}$/.test(bootstrapAdmin)) {
    throw new ConfigError('BOOTSTRAP_ADMIN', 'must be 1–32 letters, digits, dot, dash or underscore');
  }

  const maxCost = integer(env, 'GRAPHQL_MAX_COST', 50000, 10, 10000000);
  const poolSize = integer(env, 'DB_POOL_SIZE', 10, 1, 200);
  return {
    env: nodeEnv,
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST && env.HOST !== '' ? env.HOST : '0.0.0.0',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    embeddedPg: {
      dir: path.resolve(env.EMBEDDED_PG_DIR && env.EMBEDDED_PG_DIR !== '' ? env.EMBEDDED_PG_DIR : '.data/pg'),
      port: integer(env, 'EMBEDDED_PG_PORT', 0, 0, 65535),
      password: env.EMBEDDED_PG_PASSWORD && env.EMBEDDED_PG_PASSWORD !== '' ? env.EMBEDDED_PG_PASSWORD : 'group-crm',
    },
    db: {
      poolSize,
      statementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 10000, 100, 600000),
      connectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', 2000, 100, 60000),
      reportConnections: integer(env, 'DB_REPORT_CONNECTIONS', Math.max(1, Math.floor(poolSize / 2)), 1, poolSize),
    },
    jwt: {
      secret,
      jwksUrl,
      issuer: env.JWT_ISSUER && env.JWT_ISSUER !== '' ? env.JWT_ISSUER : null,
      audience: env.JWT_AUDIENCE && env.JWT_AUDIENCE !== '' ? env.JWT_AUDIENCE : null,
    },
    bootstrapAdmin,
    bootstrapProvince: {
      code: env.PROVINCE_CODE && env.PROVINCE_CODE !== '' ? env.PROVINCE_CODE : '61',
      name: env.PROVINCE_NAME && env.PROVINCE_NAME !== '' ? env.PROVINCE_NAME : '陕西省',
    },
    seedDemo: boolean(env, 'SEED_DEMO', !production),
    logLevel,
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10000, 0, 600000),
    // In production one per core: Node runs JavaScript on one thread. In development one process, for one log and a debugger.
    workers: integer(env, 'WORKERS', production ? os.availableParallelism() : 1, 1, 64),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 10000, 100, 600000),
    limits: {
      maxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 12, 2, 100),
      maxCost,
      maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 30, 1, 1000),
      maxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', 5000, 100, 1000000),
      maxBodyBytes: integer(env, 'HTTP_MAX_BODY_BYTES', 1048576, 1024, 104857600),
    },
    exposeQueryStats: boolean(env, 'EXPOSE_QUERY_STATS', !production),
    retentionRefreshMinutes: integer(env, 'RETENTION_REFRESH_MINUTES', 60, 0, 1440),
    // DOMAIN.md: People and rules — a deactivated user's tokens stop working at once: no cache may outlive a second.
    viewerCacheMs: integer(env, 'VIEWER_CACHE_MS', MAX_VIEWER_CACHE_MS, 0, MAX_VIEWER_CACHE_MS),
    rateLimits: rateLimits(env, maxCost),
    partnerTrustedDocuments: boolean(env, 'PARTNER_TRUSTED_DOCUMENTS', true),
    metrics: {
      port: integer(env, 'METRICS_PORT', 0, 0, 65535),
      token: env.METRICS_TOKEN && env.METRICS_TOKEN !== '' ? env.METRICS_TOKEN : null,
    },
    graphiql: boolean(env, 'GRAPHIQL', !production),
    live: { checkIntervalMs: integer(env, 'LIVE_CHECK_INTERVAL_MS', 30000, 0, 86400000) },
    imports: {
      maxBytes: integer(env, 'IMPORT_MAX_BYTES', 64 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxRows: integer(env, 'IMPORT_MAX_ROWS', 100000, 1, 1000000),
      maxEntries: integer(env, 'IMPORT_XLSX_MAX_ENTRIES', 1000, 10, 100000),
      maxUncompressedBytes: integer(env, 'IMPORT_XLSX_MAX_UNPACKED_BYTES', 512 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
      batchRows: integer(env, 'IMPORT_BATCH_ROWS', 1000, 1, 10000),
      workers: integer(env, 'IMPORT_WORKERS', 2, 1, 8),
    },
    exports: {
      dir: path.resolve(env.EXPORT_DIR && env.EXPORT_DIR !== '' ? env.EXPORT_DIR : path.join(os.tmpdir(), 'group-crm-exports')),
      keepHours: integer(env, 'EXPORT_KEEP_HOURS', 24, 1, 24 * 90),
    },
  };
}

/** Each budget must allow at least one query of the largest cost the cost limit lets through. */
function rateLimits(env: Env, maxCost: number): RateLimits {
  const costBudget = (name: string, fallback: number) => {
    const value = integer(env, name, fallback, 1, 1000000000);
    if (value < maxCost) throw new ConfigError(name, `must be at least GRAPHQL_MAX_COST (${maxCost}), or the costliest allowed query could never run`);
    return value;
  };
  return {
    enabled: boolean(env, 'RATE_LIMITS', true),
    staff: {
      costPerMinute: costBudget('RATE_LIMIT_STAFF_COST_PER_MINUTE', Math.max(1000000, maxCost)),
      mutationsPerMinute: integer(env, 'RATE_LIMIT_STAFF_MUTATIONS_PER_MINUTE', 600, 1, 1000000),
    },
    partner: {
      costPerMinute: costBudget('RATE_LIMIT_PARTNER_COST_PER_MINUTE', Math.max(200000, maxCost)),
      mutationsPerMinute: integer(env, 'RATE_LIMIT_PARTNER_MUTATIONS_PER_MINUTE', 60, 1, 1000000),
    },
  };
}
