import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the platform tracks for the request being served, found without
 * passing it around: the SQL logger counts statements here.
 */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
  /** Set when the request is stopped (deadline passed, client gone); see request-deadline.ts. */
  stopped?: StopState;
}

export interface StopState {
  reason: 'deadline' | 'disconnected' | null;
  /** Backend pids of this request's statements still running. */
  running: Set<number>;
  /** The cancellation of the statements that were running when the request stopped. */
  cancelled?: Promise<void>;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Runs `fn` as if outside any request: its statements belong to no request. */
export function outsideRequestScope<T>(fn: () => T): T {
  return storage.exit(fn);
}
