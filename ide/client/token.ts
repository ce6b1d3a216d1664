/** The bearer token is kept in this browser's localStorage under this key. */
export const TOKEN_STORAGE_KEY = 'group-crm:bearer-token';

interface Claims {
  sub?: string;
  exp?: number;
}

/** The token's claims, read without checking the signature: only to label it; the server decides. */
function claims(token: string): Claims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(json) as Claims;
  } catch {
    return null;
  }
}

function expired(token: string, now: number): boolean {
  const exp = claims(token)?.exp;
  return typeof exp === 'number' && exp * 1000 <= now;
}

/** The stored token, unless it has expired and the server offers a fresh development token. */
export function bearerToken(stored: string | null, devToken: string | null, now = Date.now()): string {
  if (stored && !(devToken && expired(stored, now))) return stored;
  return devToken ?? stored ?? '';
}

/** "as admin, until 18:04" — or why the token will not work. */
export function describeToken(token: string, now: number): string {
  if (!token) return 'no token: only errors will come back';
  const c = claims(token);
  if (!c?.sub) return 'not a JWT';
  if (typeof c.exp !== 'number') return `as ${c.sub}`;
  if (c.exp * 1000 <= now) return `as ${c.sub}, expired`;
  return `as ${c.sub}, until ${new Date(c.exp * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
}
