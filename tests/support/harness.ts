import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAppDataSource, createAppServer } from '../../src/app';
import { signToken } from '../../src/platform/auth/tokens';
import { Config, loadConfig } from '../../src/platform/config';
import { createLogger } from '../../src/platform/logger';
import type { App } from '../../src/platform/server';

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  body: { data: T; errors: { message: string; path?: string[]; extensions: Record<string, any> }[] };
  /** SQL statements the request ran (x-sql-statements). */
  sql: number;
  headers: Record<string, string>;
}

export interface TestApp {
  app: App;
  db: DataSource;
  config: Config;
  url: string;
  /** Runs a GraphQL operation as the user with that employee number (null: no token). */
  gql<T = Record<string, any>>(as: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  token(employeeNo: string, ttl?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = process.env.CRM_TEST_SERVER_URL;
  const template = process.env.CRM_TEST_TEMPLATE;
  if (!serverUrl || !template) throw new Error('tests/setup/global-setup.ts did not run');
  const name = `crm_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A fresh database cloned from the template (or `env.DATABASE_URL`, which the
 * caller owns) and the app on it, driven in-process by supertest.
 */
export interface TestAppOptions {
  /** The GraphiQL bundle to serve (none by default: the IDE answers that it is not built). */
  ideAssetsDir?: string;
  /** Prefill a token for this user in GraphiQL (reaches the page only when NODE_ENV is development). */
  ideDevTokenFor?: string;
}

export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = env.DATABASE_URL ? { url: env.DATABASE_URL, drop: async () => undefined } : await createTestDatabase();
  // Tests change roles and active flags straight in SQL and expect the next request to see it; the viewer cache has its own test.
  // Rate limits and partners' trusted documents have their own tests; elsewhere tests send what documents they like.
  // The live checks write on a timer; tests run them when they mean to (app.live.checks.runOnce()).
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    VIEWER_CACHE_MS: '0',
    RATE_LIMITS: 'off',
    PARTNER_TRUSTED_DOCUMENTS: 'off',
    LIVE_CHECK_INTERVAL_MS: '0',
    ...env,
  });
  const log = createLogger(config.logLevel);
  const db = createAppDataSource({
    url: database.url,
    // Wide enough for the concurrency tests, unless a test sets its own.
    poolSize: env.DB_POOL_SIZE ? config.db.poolSize : 20,
    statementTimeoutMs: config.db.statementTimeoutMs,
    connectTimeoutMs: config.db.connectTimeoutMs,
    logger: log,
  });
  await db.initialize();
  const tokens = new Map<string, string>();
  const token = async (employeeNo: string, ttl = '1h') => {
    const key = `${employeeNo}:${ttl}`;
    if (!tokens.has(key)) tokens.set(key, await signToken(config.jwt, employeeNo, ttl));
    return tokens.get(key)!;
  };
  const ide = {
    assetsDir: options.ideAssetsDir ?? path.join(os.tmpdir(), 'crm-no-ide-bundle'),
    devToken: options.ideDevTokenFor ? () => token(options.ideDevTokenFor!, '8h') : undefined,
  };
  const app = await createAppServer(config, db, log, { ide });
  return {
    app,
    db,
    config,
    url: database.url,
    token,
    async gql(as, query, variables) {
      let req = request(app.express).post('/graphql').set('content-type', 'application/json');
      if (as) req = req.set('authorization', `Bearer ${await token(as)}`);
      const res = await req.send({ query, variables });
      return { status: res.status, body: res.body, sql: Number(res.headers['x-sql-statements'] ?? NaN), headers: res.headers as Record<string, string> };
    },
    async close() {
      await app.apollo.stop();
      await db.destroy();
      await database.drop();
    },
  };
}

/** Asserts a mutation payload failed with that user error code (and optional field) and returns the error. */
export function expectUserError(payload: { userErrors: { code: string; field?: string[] | null; message: string }[] } | undefined, code: string, field?: string) {
  expect(payload).toBeDefined();
  const match = payload!.userErrors.find((e) => e.code === code && (field === undefined || (e.field ?? []).join('.') === `input.${field}`));
  if (!match) throw new Error(`expected userError ${code}${field ? ` on ${field}` : ''}, got ${JSON.stringify(payload!.userErrors)}`);
  return match;
}

/** Asserts the response carried no GraphQL errors and returns its data. */
export function dataOf<T>(res: GqlResponse<T>): T {
  if (res.body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.body.errors)}`);
  return res.body.data as T;
}

export function errorCodes(res: GqlResponse): string[] {
  return (res.body.errors ?? []).map((e) => String(e.extensions?.code));
}
