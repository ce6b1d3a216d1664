import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { ReportOpportunityInput } from '../../examples/partner-portal/generated/graphql';
import { GraphQLRequestError, NetworkError, PartnerPortalClient, PartnerPortalOptions, Registration } from '../../examples/partner-portal/client';
import { nextCreditCode } from '../customers/builders';
import { startTestApp, TestApp } from '../support/harness';

/**
 * The example partner-portal client (examples/partner-portal/client.ts)
 * against a listening server with trusted documents on, as 陕西华信's
 * `p-huaxin`: every document it sends must be a registered one. Between the
 * two sits a small proxy that counts requests and can lose an answer after
 * the server has acted on it — the case idempotency keys exist for.
 */
const ROOT = path.resolve(__dirname, '../..');

interface Faults {
  /** Lose the answer to the next request of this operation: the server sees it, the client gets a reset connection. */
  dropAnswerTo?: string;
  /** Answer the next request of this operation ourselves (the server never sees it). */
  answer?: { operation: string; status: number; headers: Record<string, string>; body: string };
}

/** Forwards to the server; counts operations by name; injects one fault at a time. */
async function startProxy(upstream: string) {
  const seen: string[] = [];
  const faults: Faults = {};
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String((JSON.parse(body.toString() || '{}') as { operationName?: string }).operationName);
      seen.push(operation);
      if (faults.answer?.operation === operation) {
        const { status, headers, body: answer } = faults.answer;
        faults.answer = undefined;
        res.writeHead(status, headers).end(answer);
        return;
      }
      const forward = http.request(`${upstream}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(upstream).host } }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          if (faults.dropAnswerTo === operation) {
            // The server has answered, so it has committed: the client never learns it.
            faults.dropAnswerTo = undefined;
            req.socket.destroy();
            return;
          }
          const headers = { ...answer.headers };
          delete headers['transfer-encoding'];
          delete headers.connection;
          res.writeHead(answer.statusCode ?? 502, headers).end(Buffer.concat(parts));
        });
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    faults,
    /** How many requests of this operation the proxy received since the last reset. */
    count: (operation: string) => seen.filter((o) => o === operation).length,
    reset: () => void (seen.length = 0),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const aReport = (overrides: Partial<ReportOpportunityInput> = {}): Omit<ReportOpportunityInput, 'idempotencyKey'> => ({
  customer: { creditCode: nextCreditCode(), name: '西安示例客户' },
  title: '专线报备',
  products: ['INTERNET_LINE'],
  estimatedAmount: '120000.00',
  expectedCloseDate: inDays(60),
  ...overrides,
});

let t: TestApp;
let server: string;
let proxy: Awaited<ReturnType<typeof startProxy>>;
const retries: string[] = [];
const client = (as = 'p-huaxin', options: Partial<PartnerPortalOptions> = {}) =>
  new PartnerPortalClient({ url: proxy.url, token: () => t.token(as), baseDelayMs: 5, onRetry: ({ reason }) => void retries.push(reason), ...options });

beforeAll(async () => {
  t = await startTestApp({ PARTNER_TRUSTED_DOCUMENTS: 'on' });
  await new Promise<void>((resolve) => t.app.httpServer.listen(0, '127.0.0.1', resolve));
  server = `http://127.0.0.1:${(t.app.httpServer.address() as AddressInfo).port}`;
  proxy = await startProxy(server);
});
afterAll(async () => {
  await proxy?.close();
  await t?.close();
});
beforeEach(() => {
  retries.length = 0;
  proxy?.reset();
});

async function collect(iterable: AsyncIterable<Registration>): Promise<Registration[]> {
  const all: Registration[] = [];
  for await (const item of iterable) all.push(item);
  return all;
}

describe('the example partner-portal client', () => {
  it('reports an opportunity and finds it among its registrations, paging with after', async () => {
    const reported = [];
    for (let i = 0; i < 5; i++) reported.push(await client().reportOpportunity(aReport({ title: `分页报备 ${i}` })));
    expect(reported.map((r) => r.status)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
    proxy.reset();

    const registrations = await collect(client().registrations(2));
    expect(proxy.count('MyRegistrations')).toBe(Math.ceil(registrations.length / 2));
    expect(new Set(registrations.map((r) => r.id)).size).toBe(registrations.length);
    const codes = reported.map((r) => (r.status === 'ACCEPTED' ? r.opportunity.code : ''));
    expect(registrations.filter((r) => r.outcome === 'ACCEPTED').map((r) => r.opportunity?.code)).toEqual(expect.arrayContaining(codes));
    const times = registrations.map((r) => Date.parse(r.registeredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('a lost answer: the retry with the same key returns the same opportunity, and only one is registered', async () => {
    const input = aReport({ title: '断网重试' });
    proxy.faults.dropAnswerTo = 'ReportOpportunity';
    const outcome = await client().reportOpportunity(input, 'portal-draft-4711');

    expect(proxy.count('ReportOpportunity')).toBe(2);
    expect(retries).toHaveLength(1);
    expect(outcome.status).toBe('ACCEPTED');
    if (outcome.status !== 'ACCEPTED') return;
    expect(outcome.idempotencyKey).toBe('portal-draft-4711');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM opportunity WHERE title = '断网重试'`);
    expect(count).toBe(1);
    const [{ attempts }] = await t.db.query(`SELECT count(*)::int AS attempts FROM registration_attempt WHERE opportunity_id = (SELECT id FROM opportunity WHERE title = '断网重试')`);
    expect(attempts).toBe(1);

    // Sent once more, even much later: still the first answer.
    const again = await client().reportOpportunity(input, 'portal-draft-4711');
    expect(again).toEqual(outcome);
  });

  it('撞单: DUPLICATE_OPPORTUNITY is handled by its code and not retried', async () => {
    const creditCode = nextCreditCode();
    const first = await client('p-huaxin').reportOpportunity(aReport({ customer: { creditCode, name: '撞单客户' } }));
    expect(first.status).toBe('ACCEPTED');
    proxy.reset();
    const late = await client('p-zhilian').reportOpportunity(aReport({ customer: { creditCode, name: '撞单客户' } }));
    expect(late.status).toBe('DUPLICATE');
    if (late.status === 'DUPLICATE' && first.status === 'ACCEPTED') expect(late.message).toContain(first.opportunity.code);
    expect(proxy.count('ReportOpportunity')).toBe(1);
    expect(retries).toEqual([]);

    const [refused] = await collect(client('p-zhilian').registrations(1));
    expect(refused).toMatchObject({
      outcome: 'REFUSED_DUPLICATE',
      opportunity: null,
      collidedWith: { code: first.status === 'ACCEPTED' ? first.opportunity.code : '' },
    });
  });

  it('the same key with other input: IDEMPOTENCY_MISMATCH, reported as a portal bug and not retried', async () => {
    const input = aReport();
    expect((await client().reportOpportunity(input, 'reused-key')).status).toBe('ACCEPTED');
    proxy.reset();
    const changed = await client().reportOpportunity({ ...input, estimatedAmount: '999999.00' }, 'reused-key');
    expect(changed).toMatchObject({ status: 'KEY_REUSED', idempotencyKey: 'reused-key' });
    expect(proxy.count('ReportOpportunity')).toBe(1);
  });

  it('other userErrors come back with the input field they name', async () => {
    const outcome = await client().reportOpportunity(aReport({ estimatedAmount: '-5.00' }));
    expect(outcome.status).toBe('REFUSED');
    if (outcome.status === 'REFUSED') expect(outcome.userErrors).toEqual([expect.objectContaining({ code: 'VALIDATION', field: ['input', 'estimatedAmount'] })]);
    expect(retries).toEqual([]);
  });

  it('reads the won opportunities and the statistics through their registered documents', async () => {
    const won = await client().wonOpportunities(5);
    expect(won.nodes).toEqual([]);
    const year = new Date().getFullYear();
    const figures = await client().statistics({ from: `${year - 1}-01-01`, to: `${year + 1}-12-31` });
    expect(figures).toMatchObject({ won: 0, commissionPaid: '0.00' });
    expect(figures!.reported).toBeGreaterThanOrEqual(8);
  });

  it('a document outside examples/partner-portal is refused for a partner token: DOCUMENT_NOT_TRUSTED, with the request id, not retried', async () => {
    const free = parse('query Free { opportunities(first: 3) { nodes { code } } }') as TypedDocumentNode<unknown, Record<string, never>>;
    const error = await client()
      .execute(free, {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error).toMatchObject({ code: 'DOCUMENT_NOT_TRUSTED', status: 403, requestId: expect.stringMatching(/\.1$/) });
    expect(proxy.count('Free')).toBe(1);
  });

  it('429 RATE_LIMITED: waits Retry-After, then sends again', async () => {
    const body = JSON.stringify({ errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATE_LIMITED', requestId: 'r-1' } }] });
    proxy.faults.answer = { operation: 'MyRegistrations', status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1' }, body };
    const started = Date.now();
    const [latest] = await collect(client().registrations(1));
    expect(latest).toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(retries).toEqual(['Rate limit exceeded']);
  });

  it('a mutation without an idempotency key is never sent twice', async () => {
    const register = parse('mutation Once($input: ReportOpportunityInput!) { reportOpportunity(input: $input) { opportunity { code } } }') as TypedDocumentNode<unknown, { input: unknown }>;
    const body = JSON.stringify({ errors: [{ message: 'database unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    proxy.faults.answer = { operation: 'Once', status: 503, headers: { 'content-type': 'application/json' }, body };
    await expect(client().execute(register, { input: {} })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(proxy.count('Once')).toBe(1);
  });

  it('no server at all: gives up after its retries with a NetworkError', async () => {
    const nowhere = new PartnerPortalClient({
      url: 'http://127.0.0.1:9/graphql',
      token: 'unused',
      retries: 2,
      baseDelayMs: 1,
      onRetry: ({ reason }) => void retries.push(reason),
    });
    const error = await nowhere
      .registrations()
      .next()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).attempts).toBe(3);
    expect(retries).toHaveLength(2);
  });

  it('the demo script runs against the server as printed in docs/clients.md', async () => {
    const run = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'examples/partner-portal/demo.ts'], {
      cwd: ROOT,
      env: { ...process.env, CRM_URL: `${server}/graphql`, CRM_TOKEN: await t.token('p-huaxin2') },
    });
    let out = '';
    run.stdout.on('data', (c: Buffer) => (out += c.toString()));
    run.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => run.on('exit', resolve));
    expect(out).toMatch(/报备成功 \S+ \(SUBMITTED\) for 西安某科技公司/);
    expect(out).toContain('Registration attempts, newest first:');
    expect(out).toMatch(/This year: reported \d+/);
    expect(code).toBe(0);
  });
});
