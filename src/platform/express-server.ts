import http from 'node:http';
import type { Express } from 'express';

type Constructor = (this: object, ...args: unknown[]) => void;

/** `fn` as an ES5 constructor, callable on an object made elsewhere, or null (an ES `class` throws when called so). */
const callableConstructor = (fn: unknown): Constructor | null => (typeof fn === 'function' && !Function.prototype.toString.call(fn).startsWith('class') ? (fn as Constructor) : null);

/** A constructor that runs `construct` on objects born with `prototype`. */
function bornWith<T>(construct: Constructor, prototype: object): T {
  const Born = function (this: object, ...args: unknown[]) {
    construct.apply(this, args);
  };
  Born.prototype = prototype;
  return Born as unknown as T;
}

/**
 * The HTTP server for an Express app whose requests and responses are born
 * with the app's prototypes.
 *
 * Express re-parents every request and response it handles
 * (`Object.setPrototypeOf(req, app.request)`). On Node 20 that change of
 * prototype costs more than the rest of a small request, and it keeps every
 * request's objects alive through the next young-generation collection, so
 * each scavenge copies and promotes megabytes of finished requests (measured
 * on a bare Express `GET /healthz` at 20 connections: 4,900 → 23,900 req/s;
 * 2.4–22 MB → 4 KB surviving a scavenge; docs/performance.md). Node's server
 * builds them with the constructors it is given; given the app's prototypes,
 * Express's re-parenting finds nothing to change.
 *
 * The constructors run Node's own on the new object (`.apply`): making it with
 * `Reflect.construct(…, newTarget)` instead brings the slow objects back.
 * Should Node's classes ever stop being callable so, the plain server is used.
 */
export function createExpressServer(app: Express): http.Server {
  const IncomingMessage = callableConstructor(http.IncomingMessage);
  const ServerResponse = callableConstructor(http.ServerResponse);
  if (!IncomingMessage || !ServerResponse) return http.createServer(app);
  return http.createServer(
    { IncomingMessage: bornWith<typeof http.IncomingMessage>(IncomingMessage, app.request), ServerResponse: bornWith<typeof http.ServerResponse>(ServerResponse, app.response) },
    app,
  );
}
