import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { isPartner, Viewer } from './auth/viewer';
import type { Context } from './context';
import type { CostMeter } from './graphql/limits';

/** What a principal may spend in one minute. */
export interface RateBudget {
  costPerMinute: number;
  mutationsPerMinute: number;
}

export interface RateLimits {
  enabled: boolean;
  staff: RateBudget;
  partner: RateBudget;
}

export interface RateCharge {
  allowed: boolean;
  costRemaining: number;
  mutationsRemaining: number;
  /** Seconds until the minute ends and the budget is whole again. */
  resetSeconds: number;
}

export function budgetFor(limits: RateLimits, viewer: Viewer): RateBudget {
  return isPartner(viewer) ? limits.partner : limits.staff;
}

/** An instance takes a fiftieth of a user's minute budget at a time... */
const SLICE_OF_BUDGET = 50;
/** ...when that pays for at least this many requests like the one asking; with a small budget every request asks the database. */
const SLICE_MIN_REQUESTS = 10;

/** Budget this instance took from a principal's row and has not spent yet, for one minute of the database's clock. */
interface Slice {
  window: number;
  cost: number;
  /** Where the row stood after the charge that took the slice. */
  rowCostRemaining: number;
  mutationsRemaining: number;
  /** This instance's clock at the end of the window. */
  until: number;
}

/**
 * Charges requests to their principal's budget for the current minute. The
 * budget lives in one row per principal (migration RateUsage), so every API
 * instance on the database shares it, and a request over budget spends
 * nothing (the row remembers it was refused).
 *
 * A query need not ask the database each time: a charge may take a slice of
 * the budget along (a fiftieth, when that covers ten requests like it), and
 * this instance spends the slice before it asks again, handing back what is
 * left with its next charge. The row counts slices as spent, so instances
 * together never pass the budget; at most one slice per other instance can
 * make one refuse a little early. Slices end with their minute. Mutations
 * always ask the database, as does any request when budgets are small.
 */
export class RateAccounts {
  private readonly slices = new Map<string, Slice>();

  constructor(private readonly db: DataSource) {}

  async charge(principal: string, budget: RateBudget, cost: number, mutation: boolean): Promise<RateCharge> {
    const now = Date.now();
    let slice = this.slices.get(principal);
    if (slice && now >= slice.until) {
      this.slices.delete(principal);
      slice = undefined;
    }
    if (slice && !mutation && slice.cost >= cost) {
      slice.cost -= cost;
      return { allowed: true, costRemaining: slice.rowCostRemaining + slice.cost, mutationsRemaining: slice.mutationsRemaining, resetSeconds: Math.max(1, Math.ceil((slice.until - now) / 1000)) };
    }
    const wanted = Math.floor(budget.costPerMinute / SLICE_OF_BUDGET);
    const take = !mutation && wanted >= cost * SLICE_MIN_REQUESTS ? wanted : 0;
    // What is left of the slice goes back with this charge (the row keeps it if the charge is refused).
    const handedBack = slice?.cost ?? 0;
    const handedBackWindow = slice?.window ?? 0;
    if (slice) slice.cost = 0;
    const row = await chargeRow(this.db, principal, budget, cost, mutation, take, handedBack, handedBackWindow);
    const until = Date.now() + row.resetMs;
    const current = this.slices.get(principal);
    let kept: Slice;
    if (current && current.window === row.window) {
      kept = current;
      kept.rowCostRemaining = Math.min(kept.rowCostRemaining, budget.costPerMinute - row.cost);
      kept.mutationsRemaining = Math.min(kept.mutationsRemaining, budget.mutationsPerMinute - row.mutations);
    } else {
      kept = { window: row.window, cost: 0, rowCostRemaining: budget.costPerMinute - row.cost, mutationsRemaining: budget.mutationsPerMinute - row.mutations, until };
      if (!current || current.window < row.window) this.slices.set(principal, kept);
    }
    if (row.refused && handedBackWindow === row.window) kept.cost += handedBack;
    kept.cost += row.slice;
    return {
      allowed: !row.refused,
      costRemaining: Math.max(0, budget.costPerMinute - row.cost + kept.cost),
      mutationsRemaining: Math.max(0, budget.mutationsPerMinute - row.mutations),
      resetSeconds: Math.max(1, Math.ceil(row.resetMs / 1000)),
    };
  }
}

/**
 * One statement on the principal's row: a new minute starts from nothing;
 * the request's cost, less what an earlier slice of the same minute hands
 * back, is charged if it fits, with `take` more when that fits too.
 */
async function chargeRow(db: DataSource, principal: string, budget: RateBudget, cost: number, mutation: boolean, take: number, handedBack: number, handedBackWindow: number) {
  // In SET, u.* is the row before this request.
  const same = `u.window_start = EXCLUDED.window_start`;
  const spentCost = `CASE WHEN ${same} THEN u.cost ELSE 0 END`;
  const spentMutations = `CASE WHEN ${same} THEN u.mutations ELSE 0 END`;
  const net = `($2::int - CASE WHEN ${same} AND extract(epoch FROM u.window_start) = $8::float8 THEN $7::int ELSE 0 END)`;
  const fits = `(${spentCost} + ${net} <= $4::int AND ${spentMutations} + $3::int <= $5::int)`;
  const slice = `CASE WHEN ${fits} AND ${spentCost} + ${net} + $6::int <= $4::int THEN $6::int ELSE 0 END`;
  const [row]: { cost: number; mutations: number; refused: boolean; slice: number; window_epoch: number; reset_ms: number }[] = await db.query(
    `INSERT INTO rate_usage AS u (principal, window_start, cost, mutations, refused, slice)
     SELECT $1::varchar, date_trunc('minute', now()), CASE WHEN f THEN $2::int + g ELSE 0 END, CASE WHEN f THEN $3::int ELSE 0 END, NOT f, CASE WHEN f THEN g ELSE 0 END
       FROM (SELECT $2::int <= $4::int AND $3::int <= $5::int AS f, CASE WHEN $2::int + $6::int <= $4::int THEN $6::int ELSE 0 END AS g) first
     ON CONFLICT (principal) DO UPDATE SET
       window_start = EXCLUDED.window_start,
       cost = ${spentCost} + CASE WHEN ${fits} THEN ${net} + ${slice} ELSE 0 END,
       mutations = ${spentMutations} + CASE WHEN ${fits} THEN $3::int ELSE 0 END,
       refused = NOT ${fits},
       slice = ${slice}
     RETURNING u.cost, u.mutations, u.refused, u.slice, extract(epoch FROM u.window_start)::float8 AS window_epoch,
       greatest(0, extract(epoch FROM (u.window_start + interval '1 minute' - now())) * 1000)::float8 AS reset_ms`,
    [principal, cost, mutation ? 1 : 0, budget.costPerMinute, budget.mutationsPerMinute, take, handedBack, handedBackWindow],
  );
  return { cost: row.cost, mutations: row.mutations, refused: row.refused, slice: row.slice, window: Number(row.window_epoch), resetMs: Number(row.reset_ms) };
}

/** Rate-limit headers and refusals: after the cost limit, before anything runs. */
export function rateLimitPlugin(limits: RateLimits, meter: CostMeter, accounts: RateAccounts): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let charge: RateCharge | undefined;
      let budget: RateBudget | undefined;
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          if (!limits.enabled) return;
          budget = budgetFor(limits, contextValue.viewer);
          const cost = meter(document, request.variables ?? {}, request.operationName ?? undefined) ?? 1;
          charge = await accounts.charge(contextValue.viewer.staffId, budget, cost, operation?.operation === 'mutation');
          if (!charge.allowed) {
            throw new GraphQLError(`Rate limit reached: ${budget.costPerMinute} cost points and ${budget.mutationsPerMinute} mutations a minute; retry in ${charge.resetSeconds} s`, {
              extensions: {
                code: 'RATE_LIMITED',
                retryAfterSeconds: charge.resetSeconds,
                http: { status: 429, headers: new Map([['retry-after', String(charge.resetSeconds)]]) },
              },
            });
          }
        },
        async willSendResponse({ response }) {
          if (!charge || !budget) return;
          response.http.headers.set('x-ratelimit-cost-limit', String(budget.costPerMinute));
          response.http.headers.set('x-ratelimit-cost-remaining', String(charge.costRemaining));
          response.http.headers.set('x-ratelimit-mutations-limit', String(budget.mutationsPerMinute));
          response.http.headers.set('x-ratelimit-mutations-remaining', String(charge.mutationsRemaining));
          response.http.headers.set('x-ratelimit-reset', String(charge.resetSeconds));
        },
      };
    },
  };
}
