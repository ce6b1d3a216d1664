import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { isLoopback } from '../../src/platform/ide';
import { startTestApp, TestApp } from '../support/harness';

/**
 * GET /graphql in a browser is our own GraphiQL (src/platform/ide.ts); every
 * GraphQL-over-HTTP request is still Apollo's. The bundle here is a stand-in:
 * tests/platform/ide-browser.test.ts builds and drives the real one.
 */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

const bundle = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-ide-stand-in-'));
for (const file of ['graphiql.js', 'graphiql.css', 'editor.worker.js', 'graphql.worker.js', 'json.worker.js']) fs.writeFileSync(path.join(bundle, file), `/* ${file} */\n`);
afterAll(() => fs.rmSync(bundle, { recursive: true, force: true }));

const openInBrowser = (t: TestApp, url = '/graphql') => request(t.app.express).get(url).set('accept', BROWSER_ACCEPT);

describe('GraphiQL outside production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { ideAssetsDir: bundle, ideDevTokenFor: 'admin' });
  });
  afterAll(() => t.close());

  it('a browser opening /graphql gets our page, which loads only from our origin', async () => {
    const res = await openInBrowser(t);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<script type="module" src="/graphiql/graphiql.js"></script>');
    expect(res.text).toContain('<link rel="stylesheet" href="/graphiql/graphiql.css">');
    // Every URL in the page is ours; Apollo's landing page (its CDN) is gone.
    expect(res.text.match(/(?:src|href)="[^"]*"/g)).toEqual(['href="data:,"', 'href="/graphiql/graphiql.css"', 'src="/graphiql/graphiql.js"']);
    expect(res.text).not.toMatch(/apollo|cdn|https?:/i);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:|\*|unsafe-eval/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['vary']).toMatch(/Accept/);
  });

  it('serves the bundle and Monaco workers under /graphiql/, with the same policy', async () => {
    for (const file of ['graphiql.js', 'graphql.worker.js', 'editor.worker.js', 'json.worker.js']) {
      const res = await request(t.app.express).get(`/graphiql/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['etag']).toBeDefined();
    }
    expect((await request(t.app.express).get('/graphiql/graphiql.css')).headers['content-type']).toMatch(/^text\/css/);
    expect((await request(t.app.express).get('/graphiql/nope.js')).status).toBe(404);
    expect((await request(t.app.express).get('/graphiql/../package.json')).status).toBe(404);
  });

  it('prefills no token outside development, even when one is offered', async () => {
    const res = await openInBrowser(t);
    expect(res.text).not.toContain('crm-dev-token');
  });

  it('GraphQL over HTTP is unchanged: POST, GET with a query, and GET asking for JSON', async () => {
    const token = await t.token('admin');
    const post = await request(t.app.express).post('/graphql').set('authorization', `Bearer ${token}`).send({ query: '{ viewer { name } }' });
    expect(post.body).toEqual({ data: { viewer: { name: '系统管理员' } } });
    // A browser-like Accept with a query in the URL is an operation, not the IDE.
    const get = await request(t.app.express)
      .get('/graphql')
      .query({ query: '{ viewer { name } }' })
      .set('accept', BROWSER_ACCEPT)
      .set('apollo-require-preflight', 'true')
      .set('authorization', `Bearer ${token}`);
    expect(get.status).toBe(200);
    expect(JSON.parse(get.text)).toEqual({ data: { viewer: { name: '系统管理员' } } });
    const json = await request(t.app.express).get('/graphql').set('accept', 'application/json');
    // Apollo's CSRF prevention answers a GET without an operation, as before.
    expect(json.status).toBe(400);
    expect(json.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    const curl = await request(t.app.express).get('/graphql').set('accept', '*/*');
    expect(curl.headers['content-type']).toMatch(/json/);
  });
});

describe('the development token', () => {
  it('is in the page in development, fresh on each load and valid', async () => {
    const t = await startTestApp({ NODE_ENV: 'development' }, { ideAssetsDir: bundle, ideDevTokenFor: 'admin' });
    try {
      const res = await openInBrowser(t);
      const token = /<meta name="crm-dev-token" content="([^"]+)">/.exec(res.text)?.[1];
      expect(token).toBeDefined();
      const viewer = await request(t.app.express).post('/graphql').set('authorization', `Bearer ${token}`).send({ query: '{ viewer { employeeNo } }' });
      expect(viewer.body).toEqual({ data: { viewer: { employeeNo: 'admin' } } });
    } finally {
      await t.close();
    }
  });

  it('goes only to a browser on this machine', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.0.1.1']) expect(isLoopback(address)).toBe(true);
    for (const address of ['10.0.0.7', '192.168.1.20', '::ffff:10.0.0.7', 'fe80::1', undefined]) expect(isLoopback(address)).toBe(false);
  });
});

describe('GraphiQL in production', () => {
  const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) };

  it('is off by default: a browser gets a GraphQL error in JSON, not a page, and no bundle', async () => {
    const t = await startTestApp(PRODUCTION, { ideAssetsDir: bundle, ideDevTokenFor: 'admin' });
    try {
      const res = await openInBrowser(t);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/json/);
      expect(res.text).not.toMatch(/<html|<script|cdn/i);
      expect((await request(t.app.express).get('/graphiql/graphiql.js')).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('is on with GRAPHIQL=true, and never carries a token', async () => {
    const t = await startTestApp({ ...PRODUCTION, GRAPHIQL: 'true' }, { ideAssetsDir: bundle, ideDevTokenFor: 'admin' });
    try {
      const res = await openInBrowser(t);
      expect(res.status).toBe(200);
      expect(res.text).toContain('/graphiql/graphiql.js');
      expect(res.text).not.toContain('crm-dev-token');
    } finally {
      await t.close();
    }
  });
});

describe('an unbuilt IDE', () => {
  it('says how to build it instead of serving a broken page', async () => {
    const t = await startTestApp({}, { ideAssetsDir: path.join(bundle, 'missing') });
    try {
      const res = await openInBrowser(t);
      expect(res.status).toBe(503);
      expect(res.text).toMatch(/npm run build/);
    } finally {
      await t.close();
    }
  });
});
