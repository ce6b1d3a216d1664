import request from 'supertest';
import { SignJWT } from 'jose';
import { errorCodes, startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const VIEWER = '{ viewer { employeeNo } }';
const post = (authorization?: string) => {
  const req = request(t.app.express).post('/graphql').set('content-type', 'application/json');
  return (authorization ? req.set('authorization', authorization) : req).send({ query: VIEWER });
};
const sign = (secret: string, sub: string | undefined, exp: string | number) => {
  let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(exp);
  if (sub) jwt = jwt.setSubject(sub);
  return jwt.sign(new TextEncoder().encode(secret));
};

describe('authentication', () => {
  it('health endpoints answer without a token; /graphql does not', async () => {
    expect((await request(t.app.express).get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await request(t.app.express).get('/readyz')).body).toEqual({ status: 'ready' });
    const res = await post();
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a valid token signs the user in', async () => {
    const res = await post(`Bearer ${await t.token('xa-am1')}`);
    expect(res.body.data.viewer.employeeNo).toBe('xa-am1');
  });

  it.each([
    ['a malformed header', async () => 'Token abc'],
    ['garbage', async () => 'Bearer not.a.jwt'],
    ['another secret', async () => `Bearer ${await sign('x'.repeat(48), 'admin', '1h')}`],
    ['an expired token', async () => `Bearer ${await sign(t.config.jwt.secret!, 'admin', Math.floor(Date.now() / 1000) - 60)}`],
    ['no subject', async () => `Bearer ${await sign(t.config.jwt.secret!, undefined, '1h')}`],
    ['an unknown employee', async () => `Bearer ${await sign(t.config.jwt.secret!, 'nobody', '1h')}`],
  ])('refuses %s with UNAUTHENTICATED', async (_label, header) => {
    const res = await post(await header());
    expect(res.status).toBe(401);
    expect(res.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    expect(res.body.data).toBeUndefined();
  });

  it('an inactive staff member, or a user of an inactive partner, is refused', async () => {
    await t.db.query(`UPDATE staff SET active = false WHERE employee_no = 'bj-am1'`);
    expect(errorCodes(await t.gql('bj-am1', VIEWER))).toEqual(['UNAUTHENTICATED']);
    await t.db.query(`UPDATE partner SET active = false WHERE code = 'P-ZHILIAN'`);
    expect(errorCodes(await t.gql('p-zhilian', VIEWER))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.gql('p-huaxin', VIEWER))).toEqual([]);
  });
});

describe('tokens from an SSO (JWKS)', () => {
  it('accepts RS256 tokens signed by a key the JWKS URL publishes, and still HS256 ones', async () => {
    const { generateKeyPair, exportJWK } = await import('jose');
    const http = await import('node:http');
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'sso-1', alg: 'RS256', use: 'sig' };
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const sso = await startTestApp({ JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, JWT_SECRET: 'h'.repeat(40), JWT_ISSUER: 'https://sso.example' });
    try {
      const rs256 = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'sso-1' })
        .setSubject('xa-am1')
        .setIssuer('https://sso.example')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      const ok = await request(sso.app.express).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${rs256}`).send({ query: VIEWER });
      expect(ok.body.data.viewer.employeeNo).toBe('xa-am1');
      const wrongIssuer = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'sso-1' })
        .setSubject('xa-am1')
        .setIssuer('https://evil.example')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      const refused = await request(sso.app.express).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${wrongIssuer}`).send({ query: VIEWER });
      expect(refused.status).toBe(401);
      const hs = await sso.token('xa-am2');
      const local = await request(sso.app.express).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${hs}`).send({ query: VIEWER });
      expect(local.body.data.viewer.employeeNo).toBe('xa-am2');
    } finally {
      await sso.close();
      server.close();
    }
  });
});

describe('the viewer cache (VIEWER_CACHE_MS)', () => {
  it('reads who a user is once per window, and sees a deactivation when the window ends', async () => {
    const cached = await startTestApp({ VIEWER_CACHE_MS: '400' });
    try {
      const first = await cached.gql('xa-am2', VIEWER);
      const second = await cached.gql('xa-am2', VIEWER);
      expect(first.body.data.viewer.employeeNo).toBe('xa-am2');
      // The second request reads no staff: who signs in (the viewer cache) and the staff row `viewer` shows (staff-directory.ts).
      expect(second.sql).toBe(first.sql - 2);
      await cached.db.query(`UPDATE staff SET active = false WHERE employee_no = 'xa-am2'`);
      expect(errorCodes(await cached.gql('xa-am2', VIEWER))).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(errorCodes(await cached.gql('xa-am2', VIEWER))).toEqual(['UNAUTHENTICATED']);
      // An unknown user is never remembered: once created, it signs in at once.
      expect(errorCodes(await cached.gql('nobody-yet', VIEWER))).toEqual(['UNAUTHENTICATED']);
      await cached.db.query(`INSERT INTO staff (employee_no, name, roles, region_id) SELECT 'nobody-yet', '新人', '{ACCOUNT_MANAGER}', region_id FROM staff WHERE employee_no = 'xa-am1'`);
      expect(errorCodes(await cached.gql('nobody-yet', VIEWER))).toEqual([]);
    } finally {
      await cached.close();
    }
  });
});
