/**
 * Contact personal information 个人信息 (PIPL): how it is checked on the way
 * in and masked on the way out (DOMAIN.md: Key contacts and four-level care).
 */

/** Mainland mobile numbers: 11 digits starting 13–19; an optional +86/86 prefix, spaces and dashes are dropped. */
export function normaliseMobile(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(compact) ? compact : null;
}

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** A trimmed address with a lower-cased domain, or null when it is not one. */
export function normaliseEmail(raw: string): string | null {
  const value = raw.trim();
  if (value.length > 254 || !EMAIL.test(value) || value.includes('..')) return null;
  const at = value.lastIndexOf('@');
  return `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
}

/** `YYYY-MM-DD` of a real calendar day between 1900-01-01 and `today`, or null. */
export function parseBirthday(raw: string, today: string): string | null {
  const value = raw.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return value >= '1900-01-01' && value <= today ? value : null;
}

/** `138****5678`: the carrier prefix and the last four digits stay. */
export function maskMobile(mobile: string): string {
  return mobile.length > 7 ? `${mobile.slice(0, 3)}${'*'.repeat(mobile.length - 7)}${mobile.slice(-4)}` : '*'.repeat(mobile.length);
}

/** `z***@example.com`: the first character of the mailbox and the domain stay. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 1 ? '***' : `${email[0]}***${email.slice(at)}`;
}
