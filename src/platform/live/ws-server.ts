import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { ExecutionArgs, getOperationAST, GraphQLError, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';
import type { Viewer } from '../auth/viewer';
import type { Config } from '../config';
import { Context, Loaders } from '../context';
import { formatError } from '../graphql/errors';
import { CostMeter, validationRules } from '../graphql/limits';
import { documentId, TrustedDocuments } from '../graphql/trusted-documents';
import type { Logger } from '../logger';
import type { LiveListener } from './listener';

export interface SubscriptionServerDependencies {
  httpServer: http.Server;
  schema: GraphQLSchema;
  config: Config;
  db: DataSource;
  log: Logger;
  listener: LiveListener;
  meter: CostMeter;
  trustedDocuments: TrustedDocuments;
  /** The same check as for HTTP: the token's user, active now, or null. */
  authenticate(token: string): Promise<Viewer | null>;
  /** The user behind an employee number as of now (the viewer cache), or null once deactivated. */
  viewerNow(employeeNo: string): Promise<Viewer | null>;
}

type ConnectionState = {
  viewer?: Viewer;
  /** Subscriptions running on this socket. */
  running?: Set<string>;
};

/** One client does not need more live streams than this on one socket. */
const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;

/** The bearer token of `connection_init`: `{ authorization: "Bearer …" }` (as the HTTP header), or `{ token: "…" }`. */
function tokenOf(params: Readonly<Record<string, unknown>> | undefined): string | null {
  const header = params?.authorization ?? params?.Authorization;
  if (typeof header === 'string') return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
  return typeof params?.token === 'string' && params.token ? params.token : null;
}

const error = (message: string, code: string) => new GraphQLError(message, { extensions: { code } });

/**
 * GraphQL subscriptions over WebSocket (the graphql-ws protocol) on the API's
 * own port and path, /graphql. The token comes in `connection_init` and is
 * checked exactly as the HTTP bearer header is; without a valid one the
 * socket is closed with 4403 before anything runs. Only subscription
 * operations are served here (queries and mutations go to POST /graphql,
 * where the deadlines, rate limits and logs are), under the same depth,
 * alias, token and cost limits and the partners' trusted documents.
 */
export function mountSubscriptions(deps: SubscriptionServerDependencies): { close(): Promise<void> } {
  const { config, db, log, schema } = deps;
  const wss = new WebSocketServer({ server: deps.httpServer, path: '/graphql', maxPayload: config.limits.maxBodyBytes });
  const rules = [...specifiedRules, ...validationRules(config.limits)];
  const format = formatError(config.env === 'production');
  const server = useServer<Record<string, unknown> | undefined, ConnectionState>(
    {
      schema,
      connectionInitWaitTimeout: 5000,
      onConnect: async (ctx) => {
        const token = tokenOf(ctx.connectionParams);
        const viewer = token ? await deps.authenticate(token).catch(() => null) : null;
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        ctx.extra.running = new Set();
        return true;
      },
      onSubscribe: async (ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        const viewer = ctx.extra.viewer!;
        if (ctx.extra.running!.size >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [error(`At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions run on one connection`, 'QUERY_TOO_COMPLEX')];
        }
        let document;
        try {
          document = parse(payload.query, { maxTokens: config.limits.maxTokens });
        } catch (e) {
          return [error((e as Error).message, 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length) return invalid;
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== 'subscription') return [error('Only subscriptions are served over WebSocket; send queries and mutations to POST /graphql', 'BAD_REQUEST')];
        const variables = (payload.variables ?? {}) as Record<string, unknown>;
        const cost = deps.meter(document, variables, payload.operationName ?? undefined);
        if (cost !== null && cost > config.limits.maxCost) return [error(`Query cost ${cost} exceeds the limit of ${config.limits.maxCost}`, 'QUERY_TOO_COMPLEX')];
        if (deps.trustedDocuments.restricted(viewer) && !(await deps.trustedDocuments.isTrusted(db, documentId(document)))) {
          return [error(`Partner tokens run only registered documents; this one (${documentId(document)}) is not registered.`, 'DOCUMENT_NOT_TRUSTED')];
        }
        const requestId = randomUUID();
        const contextValue: Context = {
          requestId,
          viewer,
          db,
          config,
          log: log.child({ requestId, subscription: payload.operationName ?? undefined }),
          loaders: new Loaders(),
          live: {
            events: () => deps.listener.events(),
            currentViewer: async () => {
              const now = await deps.viewerNow(viewer.employeeNo);
              // Deactivated meanwhile (DOMAIN.md: their tokens stop working at once): the socket goes, not only this subscription.
              if (!now) ctx.extra.socket.close(4403, 'Forbidden');
              return now;
            },
          },
        };
        log.info({ requestId, viewer: viewer.employeeNo, operation: payload.operationName ?? undefined }, 'graphql subscription');
        ctx.extra.running!.add(id);
        return { schema, document, variableValues: variables, operationName: payload.operationName, contextValue };
      },
      // What a resolver throws is shown as over HTTP: known codes pass, anything else without SQL or stack.
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        for (const e of result.errors) if (!e.extensions?.code || e.extensions.code === 'INTERNAL_SERVER_ERROR') log.error({ err: e.originalError ?? e, path: e.path }, 'subscription resolver failed');
        return { ...result, errors: result.errors.map((e) => format(e.toJSON(), e)) };
      },
      onComplete: (ctx, id) => {
        ctx.extra.running?.delete(id);
      },
      onError: (_ctx, _id, _payload, errors) => {
        log.warn({ errors: errors.map((e) => e.message) }, 'subscription refused');
      },
    },
    wss,
  );
  return {
    async close() {
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
