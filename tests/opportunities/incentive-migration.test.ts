import { startTestApp, TestApp } from '../support/harness';
import { cityCustomer, opportunityIn, uuidOf } from './builders';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const MIGRATION = 'IncentiveApplications1795600100001';
const applied = async () => (await t.db.query(`SELECT name FROM migrations ORDER BY id DESC`)).map((r: { name: string }) => r.name);

/** Reverts migrations, newest first, until `name` is no longer applied. */
async function revertThrough(name: string) {
  while ((await applied()).includes(name)) await t.db.undoLastMigration();
}

describe(`migration ${MIGRATION} on a database with incentives filed the old way`, () => {
  it('keeps them as applications awaiting the decider incentive-routing.ts names, and takes their entries out of the history (and back)', async () => {
    const o = await opportunityIn(t, 'WON', (await cityCustomer(t)).id);
    await revertThrough(MIGRATION);
    const staff = async (no: string) => (await t.db.query(`SELECT id FROM staff WHERE employee_no = $1`, [no]))[0].id;
    const partner = (await t.db.query(`SELECT id FROM partner WHERE code = 'P-HUAXIN'`))[0].id;
    await t.db.query(
      `INSERT INTO incentive (opportunity_id, requested_by_id, amount, note, commission_partner_id, eligibility) VALUES ($1, $2, 15000, '首年收入的5%', $3, 'Registered before the win')`,
      [uuidOf(o.id), await staff('xa-yt-leader'), partner],
    );
    await t.db.query(`INSERT INTO opportunity_event (opportunity_id, action, from_stage, to_stage, actor_id, comment) VALUES ($1, 'REQUEST_INCENTIVE', 'WON', 'WON', $2, '首年收入的5%')`, [
      uuidOf(o.id),
      await staff('xa-yt-leader'),
    ]);

    await t.db.runMigrations();
    const [row] = await t.db.query(`SELECT i.state::text, i.decider_role::text, r.code, i.amount::text FROM incentive i JOIN region r ON r.id = i.decider_region_id`);
    // a county leader filed it: the leader of the customer's city decides
    expect(row).toEqual({ state: 'PENDING', decider_role: 'CITY_LEADER', code: '6101', amount: '15000.00' });
    const columns = (await t.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'incentive'`)).map((c: { column_name: string }) => c.column_name);
    expect(columns).not.toContain('commission_partner_id');
    expect(columns).not.toContain('eligibility');
    expect(await t.db.query(`SELECT 1 FROM opportunity_event WHERE action = 'REQUEST_INCENTIVE'`)).toEqual([]);

    await revertThrough(MIGRATION);
    expect(await t.db.query(`SELECT actor_id = $1 AS by_filer, comment FROM opportunity_event WHERE action = 'REQUEST_INCENTIVE'`, [await staff('xa-yt-leader')])).toEqual([
      { by_filer: true, comment: '首年收入的5%' },
    ]);
    await t.db.runMigrations();
  });
});
