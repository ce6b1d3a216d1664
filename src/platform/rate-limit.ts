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

/**
 * Charges one request to its principal's budget for the current minute, in
 * one statement on a row per principal (migration RateUsage), so every API
 * instance sharing the database shares the budget. A request over budget
 * spends nothing; the row remembers that it was refused.
 */
export async function chargeRequest(db: DataSource, principal: string, budget: RateBudget, cost: number, mutation: boolean): Promise<RateCharge> {
  const mutations = mutation ? 1 : 0;
  // In SET, u.* is the row before this request; a new minute starts from nothing.
  const spentCost = `CASE WHEN u.window_start = EXCLUDED.window_start THEN u.cost ELSE 0 END`;
  const spentMutations = `CASE WHEN u.window_start = EXCLUDED.window_start THEN u.mutations ELSE 0 END`;
  const fits = `(${spentCost} + $2::int <= $4::int AND ${spentMutations} + $3::int <= $5::int)`;
  const [row]: { cost: number; mutations: number; refused: boolean; reset: number }[] = await db.query(
    `INSERT INTO rate_usage AS u (principal, window_start, cost, mutations, refused)
     SELECT $1::varchar, date_trunc('minute', now()), CASE WHEN f THEN $2::int ELSE 0 END, CASE WHEN f THEN $3::int ELSE 0 END, NOT f FROM (SELECT $2::int <= $4::int AND $3::int <= $5::int AS f) first
     ON CONFLICT (principal) DO UPDATE SET
       window_start = EXCLUDED.window_start,
       cost = ${spentCost} + CASE WHEN ${fits} THEN $2::int ELSE 0 END,
       mutations = ${spentMutations} + CASE WHEN ${fits} THEN $3::int ELSE 0 END,
       refused = NOT ${fits}
     RETURNING u.cost, u.mutations, u.refused, ceil(extract(epoch FROM (u.window_start + interval '1 minute' - now())))::int AS reset`,
    [principal, cost, mutations, budget.costPerMinute, budget.mutationsPerMinute],
  );
  return {
    allowed: !row.refused,
    costRemaining: Math.max(0, budget.costPerMinute - row.cost),
    mutationsRemaining: Math.max(0, budget.mutationsPerMinute - row.mutations),
    resetSeconds: Math.max(1, row.reset),
  };
}

/** Rate-limit headers and refusals: after the cost limit, before anything runs. */
export function rateLimitPlugin(limits: RateLimits, meter: CostMeter): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let charge: RateCharge | undefined;
      let budget: RateBudget | undefined;
      return {
        async didResolveOperation({ request, document, operation, contextValue }) {
          if (!limits.enabled) return;
          budget = budgetFor(limits, contextValue.viewer);
          const cost = meter(document, request.variables ?? {}, request.operationName ?? undefined) ?? 1;
          charge = await chargeRequest(contextValue.db, contextValue.viewer.staffId, budget, cost, operation?.operation === 'mutation');
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
