import request from 'supertest';
import { startTestApp, TestApp } from '../support/harness';

/** Prometheus text format, parsed: sample name with labels → value. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    samples.set(match[1], Number(match[2]));
  }
  return samples;
}

describe('metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: 'scrape-secret' });
  });
  afterAll(() => t.close());
  const scrape = async () => {
    const res = await request(t.app.express).get('/metrics').set('authorization', 'Bearer scrape-secret');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parse(res.text);
  };

  it('needs the token', async () => {
    expect((await request(t.app.express).get('/metrics')).status).toBe(401);
    expect((await request(t.app.express).get('/metrics').set('authorization', 'Bearer wrong')).status).toBe(401);
  });

  it('counts requests by operation and outcome, SQL statements, errors by code, the pool and the process', async () => {
    await t.gql('admin', 'query Me { viewer { name } }');
    await t.gql('admin', 'query Me { viewer { name } }');
    await t.gql('admin', '{ nope }');
    await t.gql('admin', 'query Customer { groupCustomer(id: "bm90IGFuIGlk") { name } }');
    await request(t.app.express).post('/graphql').set('content-type', 'application/json').send({ query: '{ viewer { name } }' });
    const m = await scrape();
    expect(m.get('crm_graphql_request_duration_seconds_count{operation="Me",outcome="ok"}')).toBe(2);
    expect(m.get('crm_graphql_request_duration_seconds_count{operation="anonymous",outcome="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(m.get('crm_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}')).toBe(1);
    expect(m.get('crm_graphql_sql_statements_count')).toBeGreaterThanOrEqual(3);
    expect(m.get('crm_graphql_sql_statements_sum')).toBeGreaterThanOrEqual(2);
    expect(m.get('crm_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(m.get('crm_db_pool_waiting')).toBe(0);
    expect(m.has('crm_db_pool_idle')).toBe(true);
    expect([m.get('crm_reports_running'), m.get('crm_reports_waiting')]).toEqual([0, 0]);
    expect(m.get('nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(m.get('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(m.get('crm_approval_steps_overdue')).toBe(0);
  });

  it('shows overdue approval steps and rate-limit refusals', async () => {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM approval_step WHERE state = 'PENDING'`);
    await t.db.query(`UPDATE approval_step SET due_at = now() - interval '1 hour' WHERE state = 'PENDING'`);
    expect((await scrape()).get('crm_approval_steps_overdue')).toBe(n);

    const limited = await startTestApp({
      DATABASE_URL: t.url,
      METRICS_TOKEN: 'x',
      RATE_LIMITS: 'on',
      GRAPHQL_MAX_COST: '10',
      RATE_LIMIT_STAFF_COST_PER_MINUTE: '10',
    });
    try {
      while ((await limited.gql('xa-am2', '{ viewer { name } }')).status === 200);
      const res = await request(limited.app.express).get('/metrics').set('authorization', 'Bearer x');
      const m = parse(res.text);
      expect(m.get('crm_rate_limit_refusals_total')).toBe(1);
      expect(m.get('crm_graphql_errors_total{code="RATE_LIMITED"}')).toBe(1);
    } finally {
      await limited.close();
    }
  });

  it('keeps client-chosen operation names from growing the label set without bound', async () => {
    for (let i = 0; i < 205; i++) await t.gql('admin', `query Op${i} { viewer { name } }`);
    await t.gql('admin', 'query weird_名字 { viewer { name } }');
    const m = await scrape();
    const operations = new Set([...m.keys()].filter((k) => k.startsWith('crm_graphql_request_duration_seconds_count')).map((k) => /operation="([^"]*)"/.exec(k)![1]));
    expect(operations.size).toBeLessThanOrEqual(203);
    expect(operations.has('other')).toBe(true);
  });

  it('serves only behind the token, or on its own port, in production', async () => {
    const prod = await startTestApp({ DATABASE_URL: t.url, NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) });
    try {
      expect((await request(prod.app.express).get('/metrics')).status).toBe(404);
      const own = await request(prod.app.metricsApp).get('/metrics');
      expect(own.status).toBe(200);
      expect(parse(own.text).has('crm_db_pool_connections')).toBe(true);
    } finally {
      await prod.close();
    }
  });
});
