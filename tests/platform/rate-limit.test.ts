import { errorCodes, startTestApp, TestApp } from '../support/harness';

/**
 * Budgets per principal and minute, kept in PostgreSQL (src/platform/rate-limit.ts):
 * cost points and mutations, partners lower than staff, shared by instances.
 */
const LIMITS = {
  RATE_LIMITS: 'on',
  GRAPHQL_MAX_COST: '100',
  RATE_LIMIT_STAFF_COST_PER_MINUTE: '120',
  RATE_LIMIT_STAFF_MUTATIONS_PER_MINUTE: '3',
  RATE_LIMIT_PARTNER_COST_PER_MINUTE: '100',
  RATE_LIMIT_PARTNER_MUTATIONS_PER_MINUTE: '1',
};
const VIEWER = '{ viewer { name } }';
const REGIONS = '{ regions { code name } }';
/** A mutation refused by validation: it still counts against the mutation budget. */
const BAD_MUTATION = 'mutation { addRelationship(input: { fromId: "nope", toId: "nope", type: KNOWS, strength: 3 }) { userErrors { code } } }';

/** Waits out the last seconds of a minute, so that a test's requests share one budget window. */
async function awayFromMinuteEnd() {
  const second = new Date().getUTCSeconds();
  if (second >= 52) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
}

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(LIMITS);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.db.query('DELETE FROM rate_usage');
    await awayFromMinuteEnd();
  });

  it('reports the remaining budget on every response and refuses with 429 once spent', async () => {
    const first = await t.gql('admin', VIEWER);
    expect(first.status).toBe(200);
    expect(first.headers['x-ratelimit-cost-limit']).toBe('120');
    const cost = 120 - Number(first.headers['x-ratelimit-cost-remaining']);
    expect(cost).toBeGreaterThan(0);
    expect(Number(first.headers['x-ratelimit-reset'])).toBeGreaterThanOrEqual(1);
    expect(Number(first.headers['x-ratelimit-reset'])).toBeLessThanOrEqual(60);

    let last = first;
    for (let spent = cost; spent + cost <= 120; spent += cost) last = await t.gql('admin', VIEWER);
    expect(last.status).toBe(200);
    const refused = await t.gql('admin', VIEWER);
    expect(refused.status).toBe(429);
    expect(errorCodes(refused)).toEqual(['RATE_LIMITED']);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body.errors[0].extensions.requestId).toEqual(expect.any(String));
    // A refused request spends nothing: what was left is still left.
    expect(refused.headers['x-ratelimit-cost-remaining']).toBe(last.headers['x-ratelimit-cost-remaining']);
    // Another principal has a budget of its own.
    expect((await t.gql('xa-am1', VIEWER)).status).toBe(200);
  });

  it('charges what the cost limit computes, so a costly query spends more', async () => {
    const cheap = await t.gql('admin', VIEWER);
    const costly = await t.gql('admin', REGIONS);
    const cheapCost = 120 - Number(cheap.headers['x-ratelimit-cost-remaining']);
    const costlyCost = Number(cheap.headers['x-ratelimit-cost-remaining']) - Number(costly.headers['x-ratelimit-cost-remaining']);
    expect(costlyCost).toBeGreaterThan(cheapCost);
  });

  it('counts mutations separately, refused ones included; partners get less', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.gql('admin', BAD_MUTATION);
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-mutations-remaining']).toBe(String(2 - i));
    }
    expect((await t.gql('admin', BAD_MUTATION)).status).toBe(429);
    expect((await t.gql('admin', VIEWER)).status).toBe(200); // queries still have budget

    const partner = await t.gql('p-huaxin', VIEWER);
    expect(partner.headers['x-ratelimit-cost-limit']).toBe('100');
    expect(partner.headers['x-ratelimit-mutations-limit']).toBe('1');
  });

  it('gives the whole budget back when a new minute starts', async () => {
    while ((await t.gql('admin', VIEWER)).status === 200);
    await t.db.query(`UPDATE rate_usage SET window_start = window_start - interval '1 minute'`);
    const res = await t.gql('admin', VIEWER);
    expect(res.status).toBe(200);
    expect(Number(res.headers['x-ratelimit-cost-remaining'])).toBeGreaterThan(100);
  });

  it('holds across two API instances on one database', async () => {
    const other = await startTestApp({ ...LIMITS, DATABASE_URL: t.url });
    try {
      const a = await t.gql('admin', VIEWER);
      const b = await other.gql('admin', VIEWER);
      expect(Number(b.headers['x-ratelimit-cost-remaining'])).toBeLessThan(Number(a.headers['x-ratelimit-cost-remaining']));
      let res = b;
      while (res.status === 200) res = await (res === b ? t : other).gql('admin', VIEWER);
      expect(res.status).toBe(429);
      expect((await t.gql('admin', VIEWER)).status).toBe(429);
      expect((await other.gql('admin', VIEWER)).status).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('does not lose a charge when 20 requests race', async () => {
    await Promise.all(Array.from({ length: 20 }, () => t.gql('xa-am1', BAD_MUTATION)));
    const [row] = await t.db.query(`SELECT u.mutations FROM rate_usage u JOIN staff s ON s.id::text = u.principal WHERE s.employee_no = 'xa-am1'`);
    expect(row.mutations).toBe(3); // exactly the budget: 3 admitted, 17 refused without spending
  });
});

/**
 * With a budget big enough for a slice (a fiftieth) to cover ten requests, an
 * instance takes one with a charge and spends it without a statement, handing
 * back the rest with its next charge.
 */
describe('rate limits in slices', () => {
  const BUDGET = 1000; // a slice of 20 covers ten { viewer } requests (2 points each)
  const SLICED = { ...LIMITS, RATE_LIMIT_STAFF_COST_PER_MINUTE: String(BUDGET) };
  const row = async (t: TestApp, employeeNo: string) =>
    (await t.db.query(`SELECT u.cost, u.slice FROM rate_usage u JOIN staff s ON s.id::text = u.principal WHERE s.employee_no = $1`, [employeeNo]))[0] as { cost: number; slice: number };
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(SLICED);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.db.query('DELETE FROM rate_usage');
    await awayFromMinuteEnd();
  });

  it('charges the row once per slice, and each response still says exactly what is left', async () => {
    const first = await t.gql('admin', VIEWER);
    const cost = BUDGET - Number(first.headers['x-ratelimit-cost-remaining']);
    expect(cost).toBe(2);
    expect(await row(t, 'admin')).toEqual({ cost: cost + 20, slice: 20 });
    for (let i = 2; i <= 11; i++) {
      const res = await t.gql('admin', VIEWER);
      expect(Number(res.headers['x-ratelimit-cost-remaining'])).toBe(BUDGET - i * cost);
    }
    // Ten requests spent the slice: the row did not move.
    expect(await row(t, 'admin')).toEqual({ cost: cost + 20, slice: 20 });
    // The twelfth finds the slice spent: one charge, and a new slice.
    const twelfth = await t.gql('admin', VIEWER);
    expect(Number(twelfth.headers['x-ratelimit-cost-remaining'])).toBe(BUDGET - 12 * cost);
    expect(await row(t, 'admin')).toEqual({ cost: 12 * cost + 20, slice: 20 });
  });

  it('hands an unspent slice back with a mutation, which always asks the database', async () => {
    await t.gql('admin', VIEWER); // 2 spent, 20 taken
    await t.gql('admin', VIEWER); // 2 more from the slice: 18 left
    const mutation = await t.gql('admin', BAD_MUTATION);
    const spent = BUDGET - Number(mutation.headers['x-ratelimit-cost-remaining']);
    expect(mutation.headers['x-ratelimit-mutations-remaining']).toBe('2');
    expect((await row(t, 'admin')).cost).toBe(spent); // the row holds exactly what was spent: the 16 left came back
  });

  it('never passes the budget across two instances, and refuses at most a slice early on each', async () => {
    const other = await startTestApp({ ...SLICED, DATABASE_URL: t.url });
    try {
      let admitted = 0;
      let refusedOn: TestApp | null = null;
      for (let i = 0; !refusedOn; i++) {
        const on = i % 3 === 0 ? other : t; // unevenly, so the two hold slices of different ages
        const res = await on.gql('admin', VIEWER);
        if (res.status === 200) admitted += 2;
        else refusedOn = on;
      }
      // The other instance may still spend what is left of its slice, then refuses too.
      const rest = refusedOn === t ? other : t;
      while ((await rest.gql('admin', VIEWER)).status === 200) admitted += 2;
      expect((await t.gql('admin', VIEWER)).status).toBe(429);
      expect(admitted).toBeLessThanOrEqual(BUDGET);
      expect(admitted).toBeGreaterThan(BUDGET - 2 * 20);
      expect((await row(t, 'admin')).cost).toBeLessThanOrEqual(BUDGET);
    } finally {
      await other.close();
    }
  });

  it('does not lose a charge when 40 requests race on one instance', async () => {
    const responses = await Promise.all(Array.from({ length: 40 }, () => t.gql('xa-am1', VIEWER)));
    expect(responses.every((res) => res.status === 200)).toBe(true);
    const next = await t.gql('xa-am1', VIEWER);
    expect(Number(next.headers['x-ratelimit-cost-remaining'])).toBe(BUDGET - 41 * 2);
    const { cost, slice } = await row(t, 'xa-am1');
    // The row counts every request and the slices this instance still holds, never less.
    expect(cost).toBeGreaterThanOrEqual(41 * 2);
    expect(cost - 41 * 2).toBeLessThanOrEqual(slice + 20 * 40);
  });
});
