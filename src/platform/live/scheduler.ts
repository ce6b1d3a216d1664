import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger';

/** A check that finds what changed with time (a step became overdue, care fell due) and publishes it; returns how many events. */
export interface ScheduledCheck {
  name: string;
  run(tx: EntityManager): Promise<number>;
}

/**
 * Time-driven events (DOMAIN.md: a step "shows as overdue after" its due
 * time; seed 003: "the system timer reminds"). Every instance wakes up each
 * interval, but only the one that takes a check's transaction-scoped advisory
 * lock runs that check; the others skip it this round. Each check remembers what it
 * announced in its own rows, updated in the same transaction as the
 * notifications, so a check that dies half-way announces nothing and the
 * next round does it whole, and nothing is announced twice.
 */
export class ScheduledChecks {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly checks: readonly ScheduledCheck[],
    private readonly log: Logger,
  ) {}

  start(intervalMs: number): void {
    if (intervalMs <= 0 || this.checks.length === 0) return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.runOnce().finally(() => (this.running = null));
    }, intervalMs);
    this.timer.unref();
  }

  /** One round: each check in its own transaction under its own lock, so one that fails holds up no other. True when this instance ran any. */
  async runOnce(): Promise<boolean> {
    let ran = false;
    for (const check of this.checks) {
      try {
        const events = await this.db.transaction(async (tx) => {
          const [{ locked }] = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [`group-crm:live-check:${check.name}`]);
          return locked ? check.run(tx) : null;
        });
        if (events === null) continue;
        ran = true;
        if (events) this.log.info({ check: check.name, events }, 'scheduled check published events');
      } catch (error) {
        this.log.warn({ check: check.name, err: (error as Error).message }, 'scheduled check failed; retried next round');
      }
    }
    return ran;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
