import { createRemoteJWKSet, jwtVerify, JWTPayload, SignJWT } from 'jose';
import type { Config } from '../config';

export interface TokenVerifier {
  /** The employee number (`sub`) of a valid token, or null. */
  verify(token: string): Promise<string | null>;
}

/** HS256 with JWT_SECRET, or the keys behind JWT_JWKS_URL for an SSO (API.md: Auth). */
export function createTokenVerifier(jwt: Config['jwt']): TokenVerifier {
  const secret = jwt.secret ? new TextEncoder().encode(jwt.secret) : null;
  const jwks = jwt.jwksUrl ? createRemoteJWKSet(new URL(jwt.jwksUrl)) : null;
  const options = { issuer: jwt.issuer ?? undefined, audience: jwt.audience ?? undefined };
  const subject = (payload: JWTPayload) => (typeof payload.sub === 'string' && payload.sub.length > 0 ? payload.sub : null);
  return {
    async verify(token) {
      if (secret) {
        try {
          const { payload } = await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] });
          return subject(payload);
        } catch {
          if (!jwks) return null;
        }
      }
      if (jwks) {
        try {
          const { payload } = await jwtVerify(token, jwks, options);
          return subject(payload);
        } catch {
          return null;
        }
      }
      return null;
    },
  };
}

/** Signs an HS256 token for an employee number (dev tokens, tests, `npm run token`). */
export async function signToken(jwt: Config['jwt'], employeeNo: string, ttl = '8h'): Promise<string> {
  if (!jwt.secret) throw new Error('JWT_SECRET is not set: tokens come from the SSO');
  let builder = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(employeeNo).setIssuedAt().setExpirationTime(ttl);
  if (jwt.issuer) builder = builder.setIssuer(jwt.issuer);
  if (jwt.audience) builder = builder.setAudience(jwt.audience);
  return builder.sign(new TextEncoder().encode(jwt.secret));
}
