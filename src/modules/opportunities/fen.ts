import { businessToday } from './business-date';
import { normaliseDecimal } from '../../platform/graphql/scalars';

/*
 * Exact money: CNY amounts as integer fen (分) in BigInt, never floats
 * (API.md: Decimal). Sums and the commission's rate × amount are computed here.
 */

/** "1234.5" → 123450n. */
export function toFen(amount: string): bigint {
  const text = normaliseDecimal(amount);
  const negative = text.startsWith('-');
  const fen = BigInt(text.replace('-', '').replace('.', ''));
  return negative ? -fen : fen;
}

/** 123450n → "1234.50". */
export function fromFen(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** `percent` % of `amount` (percent with up to two decimals), rounded half up to the fen. */
export function percentOf(amount: string, percent: string): string {
  const basisPoints = toFen(percent); // 2.50 % → 250 hundredths of a percent
  const product = toFen(amount) * basisPoints;
  return fromFen((product + 5000n) / 10000n);
}

/** The China date (YYYY-MM-DD) of an instant: business dates ("not in the future") are China's, not UTC's. */
export function chinaDate(at: Date = new Date()): string {
  return businessToday(at);
}
