import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { NextFunction, Request, Response } from 'express';
import { DocumentNode, execute, GraphQLFormattedError, GraphQLSchema, parse, validate } from 'graphql';
import { DataSource } from 'typeorm';
import type { Viewer } from './auth/viewer';
import { TokenVerifier } from './auth/tokens';
import { ViewerCache } from './auth/viewer-cache';
import type { Config } from './config';
import { Context, Loaders, QueryResult } from './context';
import { createExpressServer } from './express-server';
import { databaseTrouble, formatError, unauthenticated, unavailableStatusPlugin } from './graphql/errors';
import { IdeDependencies, mountIde } from './ide';
import { LiveListener } from './live/listener';
import { ScheduledCheck, ScheduledChecks } from './live/scheduler';
import { mountSubscriptions } from './live/ws-server';
import { costLimitPlugin, costMeter, validationRules } from './graphql/limits';
import { TrustedDocuments, trustedDocumentsPlugin } from './graphql/trusted-documents';
import type { Logger } from './logger';
import { Metrics } from './metrics';
import { RateAccounts, rateLimitPlugin } from './rate-limit';
import { isStoppedStatement, stopRequest, stopTrackingStatements, trackStatements } from './request-deadline';
import { currentRequestScope, RequestScope, runInRequestScope } from './request-scope';
import { ReportSlots, useReportSlots } from './report-slots';
import { prepareShapedStatements } from './sql-shapes';

export interface AppDependencies {
  config: Config;
  db: DataSource;
  log: Logger;
  /** The API, built by the composition root (src/app.ts). */
  schema: GraphQLSchema;
  tokens: TokenVerifier;
  /** The active staff member behind an employee number, or null. */
  findViewer: (db: DataSource, employeeNo: string) => Promise<Viewer | null>;
  /** Who may run only registered documents, and which are. */
  trustedDocuments: TrustedDocuments;
  /** Where the GraphiQL bundle is and the development token it may prefill (src/platform/ide.ts). */
  ide?: IdeDependencies;
  /** Time-driven live events the app's modules publish (overdue steps, care falling due), run once per interval across instances. */
  scheduledChecks?: readonly ScheduledCheck[];
  /** Extra routes beside /graphql, mounted after the request id, with the same bearer authentication (e.g. file import and export). */
  routes?: (router: express.Router, auth: AuthenticatedRoutes) => void;
}

/** What a route beside /graphql uses to authenticate as /graphql does. */
export interface AuthenticatedRoutes {
  /** The request's Context (viewer, db, log, loaders) from its bearer header; throws UNAUTHENTICATED as /graphql does. */
  context(req: Request): Promise<Context>;
}

export interface App {
  express: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  metrics: Metrics;
  /** The scrape endpoint alone, for METRICS_PORT. */
  metricsApp: express.Express;
  /** Live events: this instance's LISTEN connection and the time-driven checks. */
  live: { listener: LiveListener; checks: ScheduledChecks };
}

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Logs every operation once, with its duration, SQL statement count and error codes. */
function loggingPlugin(log: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue, request }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (currentRequestScope()?.stopped?.reason && isStoppedStatement(error.originalError ?? error)) {
              contextValue.log.warn({ reason: currentRequestScope()!.stopped!.reason, path: error.path }, 'request stopped');
            } else if (!code || code === 'INTERNAL_SERVER_ERROR') {
              contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'resolver failed');
            }
          }
        },
        async willSendResponse({ response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
          log.info(
            {
              requestId: contextValue.requestId,
              viewer: contextValue.viewer.employeeNo,
              operation: request.operationName ?? undefined,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              sqlStatements: currentRequestScope()?.sqlStatements,
              errors: errors.length ? errors.map((e) => e.extensions?.code) : undefined,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/** Builds the HTTP app: /healthz, /readyz, /graphql (and GraphiQL for browsers), with auth, limits and logs. */
export async function createApp(deps: AppDependencies): Promise<App> {
  const { config, db, log, schema } = deps;
  const production = config.env === 'production';
  const app = express();
  app.disable('x-powered-by');
  // An ETag is a hash of every response body; no client revalidates a POSTed GraphQL answer. (GraphiQL's files keep theirs: express.static.)
  app.set('etag', false);
  const httpServer = createExpressServer(app);
  const baseFormat = formatError(production);
  const viewers = new ViewerCache(config.viewerCacheMs);
  const meter = costMeter(schema);
  const metrics = new Metrics(db);
  const viewerNow = (employeeNo: string) => viewers.get(employeeNo, (no) => deps.findViewer(db, no));
  const listener = new LiveListener((db.options as { url?: string }).url!, log);
  const checks = new ScheduledChecks(db, deps.scheduledChecks ?? [], log);
  let subscriptions: { close(): Promise<void> } | null = null;

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // main.ts owns shutdown order; Apollo's own handlers would re-raise the signal mid-way.
    stopOnTerminationSignals: false,
    validationRules: validationRules(config.limits),
    parseOptions: { maxTokens: config.limits.maxTokens },
    formatError: (formatted: GraphQLFormattedError, error: unknown) => {
      const scope = currentRequestScope();
      const stopped = scope?.stopped?.reason && isStoppedStatement(error);
      const result = stopped
        ? {
            message: scope!.stopped!.reason === 'deadline' ? `The request took longer than ${config.requestTimeoutMs} ms and was stopped` : 'The client went away',
            path: formatted.path,
            extensions: { code: 'REQUEST_TIMEOUT' },
          }
        : baseFormat(formatted, error);
      const requestId = scope?.requestId;
      return requestId ? { ...result, extensions: { ...result.extensions, requestId } } : result;
    },
    plugins: [
      // We send no cache hints; the default plugin would wrap every field resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing page loads its scripts from Apollo's CDN; browsers get our own GraphiQL (src/platform/ide.ts) or nothing.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        serverWillStart: async () => ({
          drainServer: async () => {
            await subscriptions?.close();
            await checks.stop();
            await listener.stop();
          },
        }),
      },
      { serverWillStart: async () => ({ serverWillStop: () => stopTrackingStatements(db) }) },
      trustedDocumentsPlugin(deps.trustedDocuments),
      costLimitPlugin(meter, config.limits.maxCost),
      rateLimitPlugin(config.rateLimits, meter, new RateAccounts(db)),
      loggingPlugin(log),
      metrics.plugin(),
      unavailableStatusPlugin(),
    ],
  });
  await apollo.start();
  trackStatements(db);
  prepareShapedStatements(db);
  const reports = new ReportSlots(config.db.reportConnections, config.requestTimeoutMs);
  useReportSlots(db, reports);
  await listener.start();
  subscriptions = mountSubscriptions({
    httpServer,
    schema,
    config,
    db,
    log,
    listener,
    meter,
    trustedDocuments: deps.trustedDocuments,
    authenticate: async (token) => {
      const employeeNo = await deps.tokens.verify(token);
      return employeeNo ? viewerNow(employeeNo) : null;
    },
    viewerNow,
  });
  checks.start(config.live.checkIntervalMs);
  metrics.addGauge('crm_live_subscriptions', 'Subscriptions open on this instance (graphql-ws)', async () => listener.subscriberCount, 'sum');
  metrics.addGauge('crm_reports_running', 'Reports running, at most DB_REPORT_CONNECTIONS per process', async () => reports.runningCount, 'sum');
  metrics.addGauge('crm_reports_waiting', 'Reports waiting for their turn (platform/report-slots.ts)', async () => reports.waitingCount, 'sum');
  metrics.addGauge('crm_live_listening', '1 while this instance listens for live events, 0 while it reconnects', async () => (listener.listening ? 1 : 0), 'min');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      await db.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch (error) {
      log.warn({ err: (error as Error).message }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  // On the API's own port only behind METRICS_TOKEN, or openly outside production; else on METRICS_PORT alone.
  if (config.metrics.token || !production) app.get('/metrics', metrics.handler(config.metrics.token));
  const metricsApp = express();
  metricsApp.disable('x-powered-by');
  metricsApp.get('/metrics', metrics.handler(config.metrics.token));

  // Request id first, so every later step (including JSON parse errors) can report it.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.header('x-request-id');
    const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('x-request-id', requestId);
    (req as Request & { requestId: string }).requestId = requestId;
    next();
  });

  if (config.graphiql) {
    // The development token reaches the page only in development, whatever the caller passed.
    mountIde(app, { assetsDir: deps.ide?.assetsDir, devToken: config.env === 'development' ? deps.ide?.devToken : undefined }, log);
  }

  app.use('/graphql', express.json({ limit: config.limits.maxBodyBytes }), (req: Request, res: Response, next: NextFunction) => {
    const scope: RequestScope = {
      requestId: (req as Request & { requestId: string }).requestId,
      sqlStatements: 0,
      stopped: { reason: null, running: new Set() },
    };
    const deadline = setTimeout(() => void stopRequest(db, scope, 'deadline'), config.requestTimeoutMs);
    res.on('close', () => {
      clearTimeout(deadline);
      if (!res.writableFinished) void stopRequest(db, scope, 'disconnected');
    });
    if (config.exposeQueryStats) {
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
      res.writeHead = ((...args: unknown[]) => {
        if (!res.headersSent) res.setHeader('x-sql-statements', String(scope.sqlStatements));
        return writeHead(...args);
      }) as typeof res.writeHead;
    }
    runInRequestScope(scope, () => next());
  });

  /** The bearer header's active user, as a request Context; UNAUTHENTICATED otherwise. */
  const contextOf = async (req: Request): Promise<Context> => {
    const requestId = currentRequestScope()?.requestId ?? (req as Request & { requestId?: string }).requestId ?? randomUUID();
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw unauthenticated('Send `Authorization: Bearer <token>`');
    const employeeNo = await deps.tokens.verify(match[1]);
    if (!employeeNo) throw unauthenticated('Invalid or expired token');
    let viewer: Viewer | null;
    try {
      viewer = await viewerNow(employeeNo);
    } catch (error) {
      throw databaseTrouble(error) ?? error;
    }
    if (!viewer) throw unauthenticated('Unknown or inactive user');
    const ctx: Context = { requestId, viewer, db, config, log: log.child({ requestId }), loaders: new Loaders() };
    ctx.execute = (document, variables) => executeAs(ctx, document, variables);
    return ctx;
  };

  const documents = new Map<string, DocumentNode>();
  const executeAs = async (ctx: Context, source: string, variables: Record<string, unknown>): Promise<QueryResult> => {
    let document = documents.get(source);
    if (!document) {
      document = parse(source);
      const invalid = validate(schema, document);
      if (invalid.length) throw invalid[0];
      documents.set(source, document);
    }
    const result = await execute({ schema, document, contextValue: { ...ctx, loaders: new Loaders(), execute: undefined }, variableValues: variables });
    // No data at all: the variables did not coerce — the client's input, as Apollo reports it.
    if (!('data' in result)) return { errors: result.errors!.map((error) => ({ message: error.message, extensions: { code: 'BAD_USER_INPUT' } })) };
    return { data: result.data, errors: result.errors?.map((error) => baseFormat(error.toJSON(), error)) };
  };

  if (deps.routes) {
    const router = express.Router();
    deps.routes(router, { context: contextOf });
    app.use(router);
  }

  app.use(
    '/graphql',
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => contextOf(req),
    }),
  );

  // Malformed JSON, oversized bodies and the like: a 4xx in GraphQL's error shape, never a 500 page.
  app.use((error: Error & { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    const requestId = (req as Request & { requestId?: string }).requestId;
    if (status === 500) log.error({ err: error, requestId }, 'http request failed');
    const message =
      error.type === 'entity.parse.failed' ? 'Malformed JSON body' : error.type === 'entity.too.large' ? 'Request body too large' : status === 500 ? 'Internal server error' : error.message;
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', requestId } }] });
  });

  return { express: app, httpServer, apollo, metrics, metricsApp, live: { listener, checks } };
}
