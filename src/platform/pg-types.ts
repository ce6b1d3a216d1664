import { types } from 'pg';

const TIMESTAMPTZ = 1184;
const fallback = types.getTypeParser(TIMESTAMPTZ, 'text') as (text: string) => Date;

const digit = (text: string, i: number): number => {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
};
const two = (text: string, i: number): number => digit(text, i) * 10 + digit(text, i + 1);

/**
 * A timestamptz as PostgreSQL writes it (DateStyle ISO: `2026-12-03 18:51:03.638412+08`, `…+05:30`),
 * read by position rather than by pg's regular expressions: every row of every list carries a few,
 * and parsing them showed in the read path's profile. Anything else (BC, infinity, years before 1000
 * or after 9999, offsets with seconds) goes to pg's own parser, as does anything unexpected.
 * Fractions beyond the millisecond are cut off, as pg's parser does.
 */
export function parseTimestamptz(text: string): Date {
  if (text.length >= 22 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(10) === 32 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58) {
    const year = two(text, 0) * 100 + two(text, 2);
    const month = two(text, 5);
    const day = two(text, 8);
    const hour = two(text, 11);
    const minute = two(text, 14);
    const second = two(text, 17);
    let i = 19;
    let ms = 0;
    if (text.charCodeAt(i) === 46) {
      let scale = 100;
      for (i++; i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57; i++) {
        ms += (text.charCodeAt(i) - 48) * scale;
        scale /= 10;
      }
      ms = Math.floor(ms);
    }
    const sign = text.charCodeAt(i);
    const rest = text.length - i;
    if ((sign === 43 || sign === 45) && (rest === 3 || (rest === 6 && text.charCodeAt(i + 3) === 58)) && year >= 1000) {
      const offsetMinutes = two(text, i + 1) * 60 + (rest === 6 ? two(text, i + 4) : 0);
      const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - (sign === 43 ? 1 : -1) * offsetMinutes * 60_000;
      if (!Number.isNaN(utc)) return new Date(utc);
    }
  }
  return fallback(text);
}

/** The pool's type parsers: pg's own, but for timestamptz. */
export const pgTypeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return oid === TIMESTAMPTZ && format !== 'binary' ? parseTimestamptz : types.getTypeParser(oid, format ?? 'text');
  },
};
