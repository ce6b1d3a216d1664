import { staffId } from '../customers/builders';
import { dataOf, startTestApp, TestApp } from '../support/harness';

/**
 * Staff rows kept per database for VIEWER_CACHE_MS (organisation/staff-directory.ts): read once per window, an API change
 * shown at once, one behind the API's back within the window, and who may see a row still decided per request.
 */
describe('staff rows kept for VIEWER_CACHE_MS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ VIEWER_CACHE_MS: '1000' });
  });
  afterAll(() => t.close());

  const STAFF = `query($id: ID!) { node(id: $id) { ... on Staff { id name } } }`;
  const nameAs = async (who: string, id: string) => {
    const res = await t.gql(who, STAFF, { id });
    return { name: (dataOf(res).node as { name: string } | null)?.name ?? null, sql: res.sql };
  };

  it('reads a member of staff once per window, and shows a change through the API at once', async () => {
    const am = await staffId(t, 'xa-am1');
    await nameAs('xa-leader', await staffId(t, 'xa-am2')); // the leader is remembered
    const cold = await nameAs('xa-leader', am);
    const warm = await nameAs('xa-leader', am);
    expect(warm.name).toBe(cold.name);
    expect(warm.sql).toBe(cold.sql - 1);

    const renamed = dataOf(await t.gql('admin', `mutation($input: UpdateStaffInput!) { updateStaff(input: $input) { staff { name } } }`, { input: { id: am, name: '李经理（改）' } }));
    expect(renamed.updateStaff.staff.name).toBe('李经理（改）');
    expect((await nameAs('xa-leader', am)).name).toBe('李经理（改）');
  });

  it('shows a change made behind the API’s back within the window', async () => {
    const am = await staffId(t, 'xa-am2');
    const before = (await nameAs('xa-leader', am)).name;
    await t.db.query(`UPDATE staff SET name = '王经理（库改）' WHERE employee_no = 'xa-am2'`);
    expect((await nameAs('xa-leader', am)).name).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await nameAs('xa-leader', am)).name).toBe('王经理（库改）');
  });

  it('a partner still sees only themselves, whatever is kept', async () => {
    const am = await staffId(t, 'xa-am1');
    expect((await nameAs('admin', am)).name).not.toBeNull();
    expect((await nameAs('p-huaxin', am)).name).toBeNull();
    expect((await nameAs('p-huaxin', await staffId(t, 'p-huaxin'))).name).not.toBeNull();
  });
});
