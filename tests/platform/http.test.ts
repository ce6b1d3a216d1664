import request from 'supertest';
import { startTestApp, TestApp } from '../support/harness';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = await t.token('admin');
});
afterAll(() => t.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  request(t.app.express)
    .post('/graphql')
    .set('content-type', 'application/json')
    .set('authorization', `Bearer ${token}`)
    .set(headers)
    .send(body as object);

describe('HTTP conformance', () => {
  it('malformed JSON is a 400 in GraphQL error shape, with the request id', async () => {
    const res = await request(t.app.express).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${token}`).send('{"query":');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', requestId: res.headers['x-request-id'] });
  });

  it('unknown fields and wrong variable types are 400s, never 500s', async () => {
    const unknown = await post({ query: '{ viewer { nope } }' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const wrongType = await post({ query: 'query($p: ID) { regions(parentId: $p) { id } }', variables: { p: { nested: true } } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const noQuery = await post({ variables: {} });
    expect(noQuery.status).toBe(400);
    const syntax = await post({ query: '{ viewer { ' });
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('every error carries the request id, the one sent or a new one', async () => {
    const res = await post({ query: '{ viewer { nope } }' }, { 'x-request-id': 'trace-abc-123' });
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    expect(res.body.errors[0].extensions.requestId).toBe('trace-abc-123');
    const fresh = await post({ query: '{ viewer { nope } }' }, { 'x-request-id': 'bad id with spaces' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('batched requests are refused', async () => {
    const res = await post([{ query: '{ viewer { name } }' }, { query: '{ viewer { name } }' }]);
    expect(res.status).toBe(400);
  });

  it('introspection works in development', async () => {
    const res = await post({ query: '{ __schema { queryType { name } } }' });
    expect(res.body.data.__schema.queryType.name).toBe('Query');
  });
});

describe('request limits', () => {
  it('refuses documents deeper than the limit', async () => {
    let selection = 'code';
    for (let i = 0; i < 13; i++) selection = `parent { ${selection} }`;
    const res = await post({ query: `{ viewer { region { ${selection} } } }` });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toMatch(/exceeds maximum operation depth/);
  });

  it('refuses more aliases than allowed', async () => {
    const fields = Array.from({ length: 31 }, (_, i) => `a${i}: viewer { name }`).join(' ');
    const res = await post({ query: `{ ${fields} }` });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe('Query uses more than 30 aliases');
  });

  it('counts page sizes into the cost, also when they come from variables', async () => {
    const query = 'query($n: Int) { a: staffMembers(first: $n) { nodes { region { code } partner { code } } } b: staffMembers(first: $n) { nodes { region { code } } } }';
    const cheap = await post({ query, variables: { n: 10 } });
    expect(cheap.status).toBe(200);
    const strict = await startTestAppWithCost(100);
    const costly = await request(strict.app.express)
      .post('/graphql')
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${await strict.token('admin')}`)
      .send({ query, variables: { n: 100 } });
    expect(costly.status).toBe(400);
    expect(costly.body.errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 100 });
    await strict.close();
  });

  it('refuses documents with too many tokens', async () => {
    const ids = Array.from({ length: 6000 }, () => '"x"').join(', ');
    const res = await post({ query: `{ nodes(ids: [${ids}]) { id } }` });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toMatch(/more that 5000 tokens/);
  });
});

describe('production mode', () => {
  it('hides introspection and suggestions and never shows internals', async () => {
    const prod = await (await import('../support/harness')).startTestApp({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) });
    const auth = `Bearer ${await prod.token('admin')}`;
    const send = (body: object) => request(prod.app.express).post('/graphql').set('content-type', 'application/json').set('authorization', auth).send(body);
    const introspection = await send({ query: '{ __schema { queryType { name } } }' });
    expect(introspection.status).toBe(400);
    const typo = await send({ query: '{ viewr { name } }' });
    expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean/);
    const ok = await send({ query: '{ viewer { name } }' });
    expect(ok.body).toEqual({ data: { viewer: { name: '系统管理员' } } });
    expect(ok.headers['x-sql-statements']).toBeUndefined();
    await prod.close();
  });
});

async function startTestAppWithCost(maxCost: number) {
  const { startTestApp: start } = await import('../support/harness');
  return start({ GRAPHQL_MAX_COST: String(maxCost) });
}
