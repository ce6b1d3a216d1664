import type { Pool, PoolClient } from 'pg';
import { StaffEntity } from '../../src/modules/organisation/staff.entity';
import { readEntities } from '../../src/platform/read-entities';
import { shapedSql, SqlShapeMismatch } from '../../src/platform/sql-shapes';
import { dataOf, startTestApp, TestApp } from '../support/harness';

/** platform/sql-shapes.ts: a query's SQL built once per named shape, its parameters bound on every call. */
describe('SQL kept by shape', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const staff = () => t.db.getRepository(StaffEntity).createQueryBuilder('s');
  const byNumbers = (numbers: string[]) => staff().where('s.employee_no IN (:...numbers)', { numbers }).orderBy('s.employee_no');

  it('binds each call’s own parameters, arrays of any length, to the SQL built the first time', async () => {
    const all: string[] = (await t.db.query(`SELECT employee_no FROM staff ORDER BY employee_no LIMIT 5`)).map((r: { employee_no: string }) => r.employee_no);
    for (const numbers of [all.slice(0, 1), all.slice(0, 4), all.slice(2, 5), ['nobody']]) {
      const shaped = await readEntities(byNumbers(numbers), 'test.staffByNumbers');
      const fresh = await byNumbers(numbers).getMany();
      expect(shaped.entities.map((s) => s.employeeNo)).toEqual(fresh.map((s) => s.employeeNo));
      expect(shaped.entities).toEqual(fresh);
    }
  });

  it('under test, refuses a shape that names two different queries', () => {
    shapedSql(staff().where('s.employee_no = :no', { no: 'admin' }), 'test.twoQueries');
    expect(() => shapedSql(staff().where('s.employee_no = :no', { no: 'xa-am1' }), 'test.twoQueries')).not.toThrow();
    expect(() => shapedSql(staff().where('s.employee_no <> :no', { no: 'admin' }), 'test.twoQueries')).toThrow(SqlShapeMismatch);
    expect(() => shapedSql(staff().where('s.employee_no = :no', { no: 'admin' }).take(3), 'test.twoQueries')).toThrow(SqlShapeMismatch);
  });

  it('prepares a shaped list once per connection, planned for its parameters each time', async () => {
    const LIST = `query($after: String) { staffMembers(first: 3, after: $after) { pageInfo { endCursor } nodes { employeeNo } } }`;
    let after: string | null = null;
    for (let i = 0; i < 4; i++) after = dataOf(await t.gql('admin', LIST, { after })).staffMembers.pageInfo.endCursor;
    expect(after).not.toBeNull();
    // Every connection of the pool at once, so each says what it has prepared.
    const pool = (t.db.driver as unknown as { master: Pool }).master;
    const clients: PoolClient[] = await Promise.all(Array.from({ length: pool.totalCount }, () => pool.connect()));
    try {
      const seen = (await Promise.all(clients.map((c) => c.query(`SELECT name, statement, current_setting('plan_cache_mode') AS mode FROM pg_prepared_statements`)))).flatMap((r) => r.rows);
      const staffPages = seen.filter((row) => row.name.startsWith('crm_') && /FROM "staff"/.test(row.statement) && / LIMIT 4$/.test(row.statement));
      // The first page and the later ones (with a cursor) are two variants; each prepared on a connection that ran it.
      expect(new Set(staffPages.map((row) => row.statement)).size).toBe(2);
      expect(seen.every((row) => row.mode === 'force_custom_plan')).toBe(true);
    } finally {
      for (const c of clients) c.release();
    }
  });
});
