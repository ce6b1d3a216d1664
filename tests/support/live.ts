import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApp } from './harness';

/** The app's WebSocket URL; starts it listening on a free loopback port the first time. */
export async function wsUrl(t: TestApp): Promise<string> {
  if (!t.app.httpServer.listening) await new Promise<void>((resolve) => t.app.httpServer.listen(0, '127.0.0.1', resolve));
  return `ws://127.0.0.1:${(t.app.httpServer.address() as AddressInfo).port}/graphql`;
}

export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface LiveSubscription<T = any> {
  received: T[];
  errors: any[];
  /** The close code once the server closed the socket (4403: refused token). */
  closedWith: number | null;
  /** Resolves with the `n`th event (1-based), waiting up to `timeoutMs`. */
  nth(n: number, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Subscribes over graphql-ws as `as` (or with `token` as given; null: none)
 * and resolves once the server runs the subscription (or refused it).
 */
export async function subscribe<T = any>(t: TestApp, as: string | null, query: string, variables: Record<string, unknown> = {}, token?: string | null): Promise<LiveSubscription<T>> {
  const bearer = token !== undefined ? token : as ? await t.token(as) : null;
  const listener = t.app.live.listener;
  const before = listener.streamsOpened;
  const sub: LiveSubscription<T> = {
    received: [],
    errors: [],
    closedWith: null,
    async nth(n, timeoutMs = 5000) {
      await waitFor(() => sub.received.length >= n || sub.errors.length > 0, timeoutMs, `event #${n}`);
      if (sub.received.length < n) throw new Error(`subscription failed: ${JSON.stringify(sub.errors)}`);
      return sub.received[n - 1];
    },
    async stop() {
      unsubscribe();
      await client.dispose();
    },
  };
  const client = createClient({
    url: await wsUrl(t),
    webSocketImpl: WebSocket,
    connectionParams: bearer ? { authorization: `Bearer ${bearer}` } : {},
    retryAttempts: 0,
    on: { closed: (event) => (sub.closedWith = (event as { code: number }).code) },
  });
  const unsubscribe = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => (value.errors ? sub.errors.push(...value.errors) : sub.received.push(value.data as T)),
      error: (error) => sub.errors.push(error),
      complete: () => undefined,
    },
  );
  await waitFor(() => listener.streamsOpened > before || sub.errors.length > 0 || sub.closedWith !== null, 5000, 'the subscription to start');
  return sub;
}

/** Gives the server time to deliver anything still on its way, then asserts nothing came. */
export async function expectNothing(sub: LiveSubscription, ms = 400): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  expect(sub.received).toEqual([]);
}
