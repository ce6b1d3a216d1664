import type { Viewer } from '../auth/viewer';
import { Context, Loaders } from '../context';
import { badInput, databaseTrouble, unauthenticated } from '../graphql/errors';
import type { LiveEvent } from './events';

/** What a subscription's context carries (set by the WebSocket server, src/platform/live/ws-server.ts). */
export interface LiveSession {
  /** Every event this instance receives from now on. */
  events(): AsyncIterableIterator<LiveEvent>;
  /** The subscriber as of now: their roles and region today, null once deactivated. */
  currentViewer(): Promise<Viewer | null>;
}

/**
 * A subscription's stream: the events `accept` picks, each turned by
 * `deliver` into what the subscriber receives — or null, and then nothing is
 * sent. `deliver` must read through the module's own services with `ctx`, so
 * the subscriber's row scope and masking apply exactly as in the API. Each
 * event is judged as of its delivery: with the subscriber read again (a
 * deactivated one is cut off) and fresh loaders (nothing cached from the
 * event before).
 */
export function liveStream<T>(ctx: Context, accept: (event: LiveEvent) => boolean, deliver: (event: LiveEvent) => Promise<T | null>): AsyncIterable<T> {
  const live = ctx.live;
  if (!live) throw badInput('Subscriptions are served over WebSocket at /graphql (the graphql-ws protocol)');
  // Subscribed now, not at the first pull: nothing committed after the subscription started is missed.
  const events = live.events();
  async function* stream(): AsyncGenerator<T> {
    try {
      for await (const event of events) {
        if (!accept(event)) continue;
        const viewer = await live!.currentViewer();
        if (!viewer) throw unauthenticated('Unknown or inactive user');
        ctx.viewer = viewer;
        ctx.loaders = new Loaders();
        let value: T | null;
        try {
          value = await deliver(event);
        } catch (error) {
          // A database away or busy for a moment costs this event, not the subscription.
          const trouble = databaseTrouble(error);
          if (!trouble) throw error;
          ctx.log.warn({ err: (error as Error).message, event, code: trouble.extensions.code }, 'live event dropped');
          continue;
        }
        if (value != null) yield value;
      }
    } finally {
      await events.return?.();
    }
  }
  return stream();
}
