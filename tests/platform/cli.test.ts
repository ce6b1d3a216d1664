import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { createTokenVerifier } from '../../src/platform/auth/tokens';
import { loadConfig } from '../../src/platform/config';

const ROOT = path.resolve(__dirname, '../..');
const run = (...args: string[]) =>
  execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/token.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', JWT_SECRET: '' },
    encoding: 'utf8',
  });

describe('npm run token', () => {
  it('prints a token for an employee number that the server accepts, with the asked lifetime', async () => {
    const token = run('xa-am1', '--ttl', '2h').trim();
    const claims = decodeJwt(token);
    expect(claims.sub).toBe('xa-am1');
    expect(claims.exp! - claims.iat!).toBe(7200);
    expect(await createTokenVerifier(loadConfig({ NODE_ENV: 'development' }).jwt).verify(token)).toBe('xa-am1');
  });

  it('refuses a call without an employee number', () => {
    expect(() => execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/token.ts'], { cwd: ROOT, stdio: 'pipe' })).toThrow();
  });
});
