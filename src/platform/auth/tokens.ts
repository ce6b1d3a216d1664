import { createSecretKey } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, JWTPayload, SignJWT } from 'jose';
import type { Config } from '../config';

export interface TokenVerifier {
  /** The employee number (`sub`) of a valid token, or null. */
  verify(token: string): Promise<string | null>;
}

/** How long a verified token is taken on trust before its signature is checked again (a JWKS key withdrawn by the SSO stops working within it). */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
const VERIFIED_TOKENS_MAX = 10_000;

/**
 * HS256 with JWT_SECRET, or the keys behind JWT_JWKS_URL for an SSO (API.md: Auth).
 * A client sends the same token with every request, so a verified token's
 * subject is remembered (at most VERIFIED_TOKEN_TTL_MS, never past its
 * `exp`): checking the signature each time was a tenth of a small request.
 */
export function createTokenVerifier(jwt: Config['jwt']): TokenVerifier {
  const secret = jwt.secret ? createSecretKey(Buffer.from(jwt.secret, 'utf8')) : null;
  const jwks = jwt.jwksUrl ? createRemoteJWKSet(new URL(jwt.jwksUrl)) : null;
  const options = { issuer: jwt.issuer ?? undefined, audience: jwt.audience ?? undefined };
  const subject = (payload: JWTPayload) => (typeof payload.sub === 'string' && payload.sub.length > 0 ? payload.sub : null);
  const verified = new Map<string, { subject: string; until: number }>();
  const remember = (token: string, payload: JWTPayload, sub: string | null) => {
    if (sub == null) return sub;
    const until = Math.min(Date.now() + VERIFIED_TOKEN_TTL_MS, typeof payload.exp === 'number' ? payload.exp * 1000 : Infinity);
    // The oldest entry goes first when full (a Map keeps insertion order).
    if (verified.size >= VERIFIED_TOKENS_MAX) verified.delete(verified.keys().next().value!);
    verified.set(token, { subject: sub, until });
    return sub;
  };
  const check = async (token: string): Promise<string | null> => {
    if (secret) {
      try {
        const { payload } = await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] });
        return remember(token, payload, subject(payload));
      } catch {
        if (!jwks) return null;
      }
    }
    if (jwks) {
      try {
        const { payload } = await jwtVerify(token, jwks, options);
        return remember(token, payload, subject(payload));
      } catch {
        return null;
      }
    }
    return null;
  };
  return {
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (Date.now() < known.until) return known.subject;
        verified.delete(token);
      }
      return check(token);
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
