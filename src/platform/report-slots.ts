import type { DataSource } from 'typeorm';
import type { MiddlewareFn } from 'type-graphql';
import type { Context } from './context';
import { serverBusy } from './graphql/errors';
import { RequestStopped } from './request-deadline';
import { currentRequestScope } from './request-scope';

/**
 * Reports (the pipeline, rankings, retention, service and satisfaction
 * reports) read a whole scope and may take seconds. Run freely, a burst of
 * them takes every pooled connection and the pages everybody else reads wait
 * behind them. So at most `size` reports run at once in a process; the others
 * wait their turn in order, without a connection, until their request's
 * deadline (`maxWaitMs`), then answer SERVER_BUSY.
 */
export class ReportSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly size: number,
    private readonly maxWaitMs: number,
  ) {}

  get runningCount(): number {
    return this.running;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.size) this.running++;
    else await this.turn();
    try {
      // A request stopped while it waited (deadline, client gone) gives its turn on at once.
      const stopped = currentRequestScope()?.stopped?.reason;
      if (stopped) throw new RequestStopped(stopped);
      return await work();
    } finally {
      this.release();
    }
  }

  /** Resolves when a finishing report hands this one its slot; SERVER_BUSY after maxWaitMs. */
  private turn(): Promise<void> {
    return new Promise((resolve, reject) => {
      const granted = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(granted), 1);
        reject(serverBusy());
      }, this.maxWaitMs);
      this.waiting.push(granted);
    });
  }

  /** The slot passes to the first waiter, or is freed. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

const slotsOf = new WeakMap<DataSource, ReportSlots>();

/** The process's report slots for this database (server.ts sets them up with the app). */
export function useReportSlots(db: DataSource, slots: ReportSlots): void {
  slotsOf.set(db, slots);
}

/**
 * On a report's query: the resolver runs in one of the report slots of the
 * app it is served by. Outside an app (a service called from a script or a
 * test) there are none, and it runs as is.
 */
export const HeavyReport: MiddlewareFn<Context> = ({ context }, next) => {
  const slots = slotsOf.get(context.db);
  return slots ? slots.run(next) : next();
};
