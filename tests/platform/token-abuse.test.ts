import http from 'node:http';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { startTestApp, TestApp } from '../support/harness';

/**
 * Tokens a hostile client might forge, against a server that trusts an SSO
 * (RS256 keys from a JWKS URL) and its own HS256 secret, with issuer and
 * audience configured: every one is refused with UNAUTHENTICATED.
 */
const VIEWER = '{ viewer { employeeNo } }';
const ISSUER = 'https://sso.example';
const AUDIENCE = 'group-crm';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('token abuse', () => {
  let t: TestApp;
  let jwks: http.Server;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  const claims = () => ({ sub: 'xa-am1', iss: ISSUER, aud: AUDIENCE, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 300 });
  const rs256 = (header: Record<string, unknown> = {}, payload: Record<string, unknown> = {}, key = keys.privateKey) =>
    new SignJWT({ ...claims(), ...payload }).setProtectedHeader({ alg: 'RS256', kid: 'sso-1', ...header }).sign(key);
  const post = (token: string) => request(t.app.express).post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${token}`).send({ query: VIEWER });

  beforeAll(async () => {
    keys = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'sso-1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as { port: number };
    t = await startTestApp({ JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, JWT_SECRET: 's'.repeat(40), JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
  });
  afterAll(async () => {
    await t.close();
    jwks.close();
  });

  it('accepts the genuine article', async () => {
    expect((await post(await rs256())).body.data.viewer.employeeNo).toBe('xa-am1');
  });

  it.each<[string, () => Promise<string>]>([
    [
      'the RS256 public key used as an HS256 secret',
      async () => {
        const pem = await exportSPKI(keys.publicKey);
        return new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'sso-1' }).sign(new TextEncoder().encode(pem));
      },
    ],
    ['alg: none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
    ['alg: none with a signature', async () => `${b64({ alg: 'none' })}.${b64(claims())}.${Buffer.from('x').toString('base64url')}`],
    ['kid injection (path)', async () => rs256({ kid: '../../../../dev/null' }, {}, (await generateKeyPair('RS256')).privateKey)],
    ['kid injection (SQL)', async () => rs256({ kid: "sso-1' OR '1'='1" }, {}, (await generateKeyPair('RS256')).privateKey)],
    ['a right kid with another key', async () => rs256({}, {}, (await generateKeyPair('RS256')).privateKey)],
    [
      'an embedded jwk header',
      async () => {
        const own = await generateKeyPair('RS256', { extractable: true });
        return rs256({ jwk: await exportJWK(own.publicKey) }, {}, own.privateKey);
      },
    ],
    ['nbf in the future', async () => rs256({}, { nbf: Math.floor(Date.now() / 1000) + 3600 })],
    ['a wrong issuer', async () => rs256({}, { iss: 'https://evil.example' })],
    ['no issuer', async () => rs256({}, { iss: undefined })],
    ['a wrong audience', async () => rs256({}, { aud: 'another-app' })],
    ['an expired token', async () => rs256({}, { exp: Math.floor(Date.now() / 1000) - 10 })],
    ['our HS256 secret with a wrong audience', async () => new SignJWT({ ...claims(), aud: 'x' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('s'.repeat(40)))],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await rs256()).split('.');
        return `${header}.${b64({ ...claims(), sub: 'admin' })}.${signature}`;
      },
    ],
  ])('refuses %s', async (_label, forge) => {
    const res = await post(await forge());
    expect(res.status).toBe(401);
    expect(res.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a genuine token of a deactivated staff member', async () => {
    await t.db.query(`UPDATE staff SET active = false WHERE employee_no = 'xa-am2'`);
    const res = await post(await rs256({}, { sub: 'xa-am2' }));
    expect(res.status).toBe(401);
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
