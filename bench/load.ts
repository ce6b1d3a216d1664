import autocannon from 'autocannon';

/** One HTTP request of a workload, as the load generator sends it. */
export interface LoadRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * What to send: `next(i)` builds the i-th request. Reads cycle through a
 * fixed list; writes hand out a distinct row each time (W8), so the same
 * counter runs through warm-up and measurement.
 */
export interface LoadPlan {
  next(i: number): LoadRequest;
  /** Does a 2xx body count as success? Default: no `errors`. Writes also need empty `userErrors`. */
  ok?: (body: string) => boolean;
  /** Writes keep their OK bodies, so the bench can find every returned row in the database. */
  keepBodies?: boolean;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx responses, GraphQL errors, userErrors, socket errors and timeouts: never silently timed as successes. */
  failures: number;
  firstFailure: string | null;
  /** 2xx responses whose body passed `ok`, warm-up included (what W8 checks against the database). */
  okResponses: number;
  /** Requests handed to the load generator, warm-up included. */
  sent: number;
  okBodies: string[];
}

export const CONNECTIONS = 20;

const defaultOk = (body: string) => !body.includes('"errors":');

interface State {
  i: number;
  ok: number;
  failures: number;
  first: string | null;
  okBodies: string[];
}

/** Runs for `seconds`, or — for writes — until exactly `amount` responses are in, so none is abandoned mid-flight. */
async function run(url: string, plan: LoadPlan, limit: { seconds: number } | { amount: number }, state: State) {
  const base = new URL(url);
  const isOk = plan.ok ?? defaultOk;
  const instance = autocannon({
    url: base.origin,
    connections: CONNECTIONS,
    ...('amount' in limit ? { amount: limit.amount } : { duration: limit.seconds }),
    method: 'POST',
    timeout: 30,
    requests: [
      {
        setupRequest: (req: any) => {
          const r = plan.next(state.i++);
          return { ...req, method: 'POST', path: r.path, headers: { 'content-type': 'application/json', ...r.headers }, body: r.body };
        },
        onResponse: (status: number, body: string) => {
          if (status >= 200 && status < 300 && isOk(body)) {
            state.ok++;
            if (plan.keepBodies) state.okBodies.push(body);
          } else {
            state.failures++;
            state.first ??= `HTTP ${status}: ${String(body).trim().slice(0, 300)}`;
          }
        },
      },
    ],
  });
  return (await instance) as autocannon.Result;
}

/**
 * Warm-up (discarded), then `seconds` measured at CONNECTIONS connections.
 * Writes (plan.keepBodies) run a fixed number of requests sized from the
 * warm-up's rate instead: a timed run abandons the requests in flight at its
 * end, which the server may still commit, and W8 must count exactly.
 */
export async function measure(url: string, plan: LoadPlan, warmupSeconds: number, seconds: number): Promise<LoadResult> {
  const state: State = { i: 0, ok: 0, failures: 0, first: null, okBodies: [] };
  const writes = plan.keepBodies === true;
  let warmupRate = 0;
  if (warmupSeconds > 0) {
    const started = Date.now();
    const warm = await run(url, plan, writes ? { amount: CONNECTIONS * 5 } : { seconds: warmupSeconds }, state);
    warmupRate = warm.requests.sent / ((Date.now() - started) / 1000);
  }
  const okBefore = state.ok;
  const failuresBefore = state.failures;
  const started = Date.now();
  const result = await run(url, plan, writes ? { amount: Math.max(CONNECTIONS * 5, Math.round(warmupRate * seconds)) } : { seconds }, state);
  const elapsed = writes ? (Date.now() - started) / 1000 : seconds;
  const socketFailures = result.errors + result.timeouts;
  if (socketFailures && !state.first) state.first = `${result.errors} socket errors, ${result.timeouts} timeouts`;
  const measuredOk = state.ok - okBefore;
  const measuredFailures = state.failures - failuresBefore + socketFailures;
  return {
    // Only successes count as throughput: a fast error is not a served request.
    requestsPerSecond: measuredOk / elapsed,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: measuredOk + measuredFailures,
    failures: measuredFailures,
    firstFailure: state.first,
    okResponses: state.ok,
    sent: state.i,
    okBodies: state.okBodies,
  };
}
