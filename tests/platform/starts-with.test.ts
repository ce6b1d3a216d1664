import { startsWith } from '../../src/platform/sql';
import { startTestApp, TestApp } from '../support/harness';

/** platform/sql.ts startsWith: the byte range selects exactly the values that start with the prefix (PostgreSQL's starts_with). */
describe('startsWith', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const values = ['/a/', '/a/b/', '/a/b/c/', '/a', '/a0', '/a.', '/a/é/', '/a/\u{1F600}/', '/b/', '/A/', '', '/a/%/', '/a/_/', '/a/b'];

  it.each(['/a/', '/a/b/', '/', '/a/%/', '/a/_'])('agrees with starts_with for %j', async (prefix) => {
    const range = startsWith('v', prefix, 'p');
    const [sql, params] = t.db.driver.escapeQueryWithParameters(`SELECT v FROM unnest(:values::text[]) v WHERE ${range.sql} ORDER BY v COLLATE "C"`, { ...range.params, values });
    const viaRange = (await t.db.query(sql, params)).map((r: { v: string }) => r.v);
    const viaStartsWith = (await t.db.query(`SELECT v FROM unnest($1::text[]) v WHERE starts_with(v, $2) ORDER BY v COLLATE "C"`, [values, prefix])).map((r: { v: string }) => r.v);
    expect(viaRange).toEqual(viaStartsWith);
    expect(viaRange.length).toBeGreaterThan(0);
  });

  it('refuses a prefix whose last character is not ASCII', () => {
    expect(() => startsWith('v', '/a/é', 'p')).toThrow(/ASCII/);
    expect(() => startsWith('v', '', 'p')).toThrow(/ASCII/);
  });
});
