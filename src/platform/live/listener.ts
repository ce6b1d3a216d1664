import { Client } from 'pg';
import type { Logger } from '../logger';
import { LIVE_CHANNEL, LiveEvent, parseLiveEvent } from './events';

/** Events held for one slow subscriber before the oldest are dropped. */
const MAX_QUEUED = 1000;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

/**
 * The instance's one LISTEN connection (its own, outside the pool: a pooled
 * connection is handed to other work and loses its LISTEN). It hands each
 * committed event to every local subscriber. When the connection is lost —
 * PostgreSQL restarted, the backend was terminated — it reconnects with
 * backoff and listens again; events committed while it was away are not
 * replayed (docs/subscriptions.md: what a client must do after a gap).
 */
export class LiveListener {
  private client: Client | null = null;
  private readonly subscribers = new Map<(event: LiveEvent) => void, () => void>();
  private stopped = false;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly url: string,
    private readonly log: Logger,
  ) {}

  /** Starts listening; a database that is down now is retried in the background, the server starts anyway. */
  async start(): Promise<void> {
    await this.connect();
  }

  get listening(): boolean {
    return this.client !== null;
  }

  /** Resolves once the connection listens (at once when it does). */
  whenListening(): Promise<void> {
    return this.client ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** The backend pid of the LISTEN connection (tests terminate it to prove the reconnect). */
  async backendPid(): Promise<number | null> {
    const client = this.client;
    if (!client) return null;
    const [row] = (await client.query('SELECT pg_backend_pid() AS pid')).rows;
    return row.pid;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.url, application_name: 'group-crm-live', keepAlive: true });
    client.on('error', (error) => {
      this.log.warn({ err: error.message }, 'live events: LISTEN connection failed');
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel !== LIVE_CHANNEL) return;
      const event = parseLiveEvent(message.payload);
      if (event) for (const deliver of this.subscribers.keys()) deliver(event);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (error) {
      this.log.warn({ err: (error as Error).message, retryMs: this.retryMs }, 'live events: cannot LISTEN yet');
      client.removeAllListeners('end');
      void client.end().catch(() => undefined);
      this.retryLater();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    this.log.info('live events: listening');
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    if (!this.stopped) {
      this.log.warn('live events: LISTEN connection lost; reconnecting');
      this.retryLater();
    }
  }

  private retryLater(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  /** Every event from now on, in commit order, until the iterator is returned. */
  events(): AsyncIterableIterator<LiveEvent> {
    this.streamsOpened += 1;
    const queue: LiveEvent[] = [];
    let wake: (() => void) | null = null;
    let done = false;
    const deliver = (event: LiveEvent) => {
      if (queue.length >= MAX_QUEUED) queue.shift();
      queue.push(event);
      wake?.();
    };
    const finish = () => {
      done = true;
      this.subscribers.delete(deliver);
      wake?.();
    };
    this.subscribers.set(deliver, finish);
    const iterator: AsyncIterableIterator<LiveEvent> = {
      async next() {
        while (!done && queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        if (queue.length) return { value: queue.shift()!, done: false };
        return { value: undefined, done: true };
      },
      async return() {
        finish();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** Streams open now, and ever opened (tests wait on the latter to know a subscription runs). */
  get subscriberCount(): number {
    return this.subscribers.size;
  }
  streamsOpened = 0;

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    for (const finish of [...this.subscribers.values()]) finish();
    if (client) await client.end().catch(() => undefined);
  }
}
