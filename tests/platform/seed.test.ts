import { loadConfig } from '../../src/platform/config';
import { createLogger } from '../../src/platform/logger';
import { demoSeedSteps, loadDemoData } from '../../src/seed';
import { ensureBootstrapAdmin } from '../../src/seed/bootstrap';
import { startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const counts = async () => (await t.db.query(`SELECT (SELECT count(*) FROM region) AS regions, (SELECT count(*) FROM staff) AS staff, (SELECT count(*) FROM partner) AS partners`))[0];

describe('demo data', () => {
  it('describes a believable province: cities, counties, grids, every role, two partners', async () => {
    const levels = await t.db.query(`SELECT level, count(*)::int AS n FROM region GROUP BY level ORDER BY level`);
    expect(Object.fromEntries(levels.map((l: { level: string; n: number }) => [l.level, l.n]))).toEqual({ PROVINCE: 1, CITY: 10, COUNTY: 19, GRID: 38 });
    const roles = await t.db.query(`SELECT DISTINCT unnest(roles)::text AS role FROM staff ORDER BY 1`);
    expect(roles.map((r: { role: string }) => r.role)).toEqual([
      'ACCOUNT_MANAGER',
      'ADMIN',
      'CITY_LEADER',
      'COUNTY_LEADER',
      'GRID_MANAGER',
      'INDUSTRY_MANAGER',
      'PARTNER',
      'PROVINCE_LEADER',
      'SUPPORT_MANAGER',
    ]);
    expect((await counts()).partners).toBe('2');
    const [xian] = await t.db.query(`SELECT name FROM region WHERE code = '6101'`);
    expect(xian.name).toBe('西安市');
  });

  it('never loads twice, concurrently or not', async () => {
    const before = await counts();
    const log = createLogger('silent');
    // The test template holds only the organisation; later steps load here, each exactly once.
    const done: { step: string }[] = await t.db.query(`SELECT step FROM seed_run`);
    const pending = demoSeedSteps.map((step) => step.name).filter((name) => !done.some((row) => row.step === name));
    const ran = await Promise.all([loadDemoData(t.db, log), loadDemoData(t.db, log)]);
    expect(ran.flat().sort()).toEqual(pending.sort());
    expect(await loadDemoData(t.db, log)).toEqual([]);
    // Only money-v1 and people-v1 add people: the opportunity administrators xa-oa and bj-oa, and the leaver xa-am9.
    expect(await counts()).toEqual({ ...before, staff: String(Number(before.staff) + 3) });
  });

  it('always leaves the bootstrap admin able to sign in, even after it was demoted', async () => {
    await t.db.query(`UPDATE staff SET roles = '{ACCOUNT_MANAGER}', active = false WHERE employee_no = 'admin'`);
    await ensureBootstrapAdmin(t.db, loadConfig({ NODE_ENV: 'test' }));
    expect((await t.gql('admin', '{ viewer { roles } }')).body.data.viewer.roles).toEqual(['ACCOUNT_MANAGER', 'ADMIN']);
  });
});
