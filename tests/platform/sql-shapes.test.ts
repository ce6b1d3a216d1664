import { StaffEntity } from '../../src/modules/organisation/staff.entity';
import { readEntities } from '../../src/platform/read-entities';
import { shapedSql, SqlShapeMismatch } from '../../src/platform/sql-shapes';
import { startTestApp, TestApp } from '../support/harness';

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
});
