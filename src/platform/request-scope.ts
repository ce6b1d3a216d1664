import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the platform tracks for the request being served, found without
 * passing it around: the SQL logger counts statements here.
 */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
