import { types } from 'pg';
import { parseTimestamptz } from './pg-types';

const pgParser = types.getTypeParser(1184, 'text') as (text: string) => Date | number;
const same = (text: string) => {
  const ours = parseTimestamptz(text);
  const theirs = pgParser(text);
  expect(typeof ours === 'number' ? ours : (ours as Date).getTime()).toEqual(typeof theirs === 'number' ? theirs : theirs.getTime());
};

describe('parseTimestamptz', () => {
  it('reads what PostgreSQL writes as pg’s own parser does: every fraction length, offsets east and west, with minutes', () => {
    for (const fraction of ['', '.1', '.12', '.123', '.1234', '.12345', '.123456', '.999999', '.000001'])
      for (const zone of ['+00', '+08', '-05', '+05:30', '-09:30', '+14', '-12'])
        for (const stamp of ['2026-12-03 18:51:03', '2026-01-01 00:00:00', '2024-02-29 23:59:59', '1970-01-01 00:00:00', '1000-06-15 12:00:00', '9999-12-31 23:59:59'])
          same(`${stamp}${fraction}${zone}`);
  });

  it('hands everything else to pg’s parser: BC, infinity, years outside 1000–9999, offsets with seconds', () => {
    for (const text of ['infinity', '-infinity', '0044-03-15 12:00:00+00 BC', '0099-01-01 00:00:00+00', '12026-01-01 00:00:00+00', '1890-01-01 00:00:00+00:53:28', '2026-12-03 18:51:03+08 BC'])
      same(text);
  });

  it('is the exact instant: a Shanghai midnight is 16:00 UTC the day before', () => {
    expect(parseTimestamptz('2026-12-04 00:00:00+08').toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(parseTimestamptz('2026-12-03 18:51:03.638412+00').toISOString()).toBe('2026-12-03T18:51:03.638Z');
  });
});
