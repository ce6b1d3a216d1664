import type { EntityManager } from 'typeorm';

/**
 * Live events 实时推送: what changed, by id only. Published with pg_notify
 * inside the writing transaction, so PostgreSQL delivers them to every
 * instance's listener when — and only when — that transaction commits. A
 * subscriber never receives the payload as such: each module loads the object
 * it names through its own service, as the subscriber, and drops the event
 * when the subscriber may not read it (docs/subscriptions.md).
 */
export interface LiveEvent {
  /** Which stream: `approval`, `opportunity`, `care` … (modules choose). */
  topic: string;
  /** What happened, e.g. OPENED, DECIDED. */
  kind: string;
  /** The id (uuid) of the object it is about. */
  id: string;
}

/** The one NOTIFY channel of the app. */
export const LIVE_CHANNEL = 'crm_live';

/** Queues events to be sent when `tx` commits; sent to nobody when it rolls back. */
export async function publish(tx: EntityManager, ...events: LiveEvent[]): Promise<void> {
  if (events.length === 0) return;
  // One statement whatever the count; PostgreSQL folds identical payloads of one transaction into one.
  await tx.query(`SELECT pg_notify($1, e) FROM unnest($2::text[]) AS e`, [LIVE_CHANNEL, events.map((event) => JSON.stringify(event))]);
}

export function parseLiveEvent(payload: string | undefined): LiveEvent | null {
  try {
    const event = JSON.parse(payload ?? '') as LiveEvent;
    return typeof event?.topic === 'string' && typeof event.kind === 'string' && typeof event.id === 'string' ? event : null;
  } catch {
    return null;
  }
}
