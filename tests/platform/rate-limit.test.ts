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
