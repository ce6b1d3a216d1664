import { DEFAULT_CARE_POLICIES } from '../../src/modules/contacts/care-rules';
import { startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('care policy defaults', () => {
  it('a freshly migrated database starts with exactly the defaults in care-rules.ts, one row per care level', async () => {
    const rows: { care_level: string; interval_days: number; birthday_window_days: number; due_soon_days: number }[] = await t.db.query(
      `SELECT care_level, interval_days, birthday_window_days, due_soon_days FROM care_policy`,
    );
    const migrated = Object.fromEntries(rows.map((row) => [row.care_level, { intervalDays: row.interval_days, birthdayWindowDays: row.birthday_window_days, dueSoonDays: row.due_soon_days }]));
    expect(migrated).toEqual(DEFAULT_CARE_POLICIES);
    expect(rows).toHaveLength(Object.keys(DEFAULT_CARE_POLICIES).length);
  });
});
