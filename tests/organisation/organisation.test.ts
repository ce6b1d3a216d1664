import { dataOf, errorCodes, expectUserError, startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const CREATE_REGION = `mutation($input: CreateRegionInput!) { createRegion(input: $input) { region { id code name level parent { code } } userErrors { code message field } } }`;

describe('the signed-in user', () => {
  it('reads themselves as viewer', async () => {
    const data = dataOf(await t.gql('xa-am1', '{ viewer { employeeNo roles region { code name level } } }'));
    expect(data.viewer).toEqual({ employeeNo: 'xa-am1', roles: ['ACCOUNT_MANAGER'], region: { code: '6101', name: '西安市', level: 'CITY' } });
  });

  it('reads the region tree from the province down', async () => {
    const roots = dataOf(await t.gql('xa-am1', '{ regions { id code name level } }')).regions;
    expect(roots).toEqual([expect.objectContaining({ code: '61', name: '陕西省', level: 'PROVINCE' })]);
    const cities = dataOf(await t.gql('xa-am1', 'query($p: ID) { regions(parentId: $p) { code level parent { code } } }', { p: roots[0].id })).regions;
    expect(cities.map((c: { code: string }) => c.code)).toContain('6101');
    expect(cities.every((c: { level: string; parent: { code: string } }) => c.level === 'CITY' && c.parent.code === '61')).toBe(true);
  });
});

describe('administering the organisation', () => {
  it('an admin adds a county under a city, with the level checked against the parent', async () => {
    const city = dataOf(await t.gql('admin', '{ regions { id } }')).regions[0];
    const cities = dataOf(await t.gql('admin', 'query($p: ID) { regions(parentId: $p) { id code } }', { p: city.id })).regions;
    const xian = cities.find((c: { code: string }) => c.code === '6101');
    const created = dataOf(await t.gql('admin', CREATE_REGION, { input: { code: '610199', name: '高新区', level: 'COUNTY', parentId: xian.id } })).createRegion;
    expect(created.userErrors).toEqual([]);
    expect(created.region).toMatchObject({ code: '610199', name: '高新区', level: 'COUNTY', parent: { code: '6101' } });

    const wrongLevel = dataOf(await t.gql('admin', CREATE_REGION, { input: { code: '610198', name: '错误', level: 'GRID', parentId: xian.id } })).createRegion;
    expectUserError(wrongLevel, 'VALIDATION', 'level');
    const duplicate = dataOf(await t.gql('admin', CREATE_REGION, { input: { code: '610199', name: '重复', level: 'COUNTY', parentId: xian.id } })).createRegion;
    expectUserError(duplicate, 'ALREADY_EXISTS', 'code');
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const res = dataOf(await t.gql('admin', CREATE_REGION, { input: { code: 'bad code!', name: '', level: 'PROVINCE' } })).createRegion;
    expectUserError(res, 'VALIDATION', 'code');
    expectUserError(res, 'VALIDATION', 'name');
    expect(res.region).toBeNull();
  });

  it('non-admins get FORBIDDEN on every admin mutation', async () => {
    for (const who of ['sx-leader', 'xa-am1', 'p-huaxin']) {
      const res = await t.gql(who, CREATE_REGION, { input: { code: 'X1', name: 'x', level: 'PROVINCE' } });
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      const staff = await t.gql(who, `mutation { createStaff(input: { employeeNo: "x1", name: "x", roles: [ADMIN], regionId: "x" }) { staff { id } } }`);
      expect(errorCodes(staff)).toEqual(['FORBIDDEN']);
      const partner = await t.gql(who, `mutation { createPartner(input: { code: "x1", name: "x", regionId: "x" }) { partner { id } } }`);
      expect(errorCodes(partner)).toEqual(['FORBIDDEN']);
    }
  });

  it('creates staff whose roles fit their region, and they can sign in', async () => {
    const grids = await t.db.query(`SELECT id FROM region WHERE code = '610113-G1'`);
    const gridId = Buffer.from(`Region:${grids[0].id}`).toString('base64');
    const create = (input: Record<string, unknown>) =>
      t.gql('admin', `mutation($input: CreateStaffInput!) { createStaff(input: $input) { staff { employeeNo name roles region { code } } userErrors { code field message } } }`, { input });
    const ok = dataOf(await create({ employeeNo: 'new-gm', name: '赵新', roles: ['GRID_MANAGER'], regionId: gridId })).createStaff;
    expect(ok).toEqual({ staff: { employeeNo: 'new-gm', name: '赵新', roles: ['GRID_MANAGER'], region: { code: '610113-G1' } }, userErrors: [] });
    expect(dataOf(await t.gql('new-gm', '{ viewer { name } }')).viewer.name).toBe('赵新');

    expectUserError(dataOf(await create({ employeeNo: 'new-gm', name: '重复', roles: ['GRID_MANAGER'], regionId: gridId })).createStaff, 'ALREADY_EXISTS', 'employeeNo');
    expectUserError(dataOf(await create({ employeeNo: 'cl-x', name: '错', roles: ['CITY_LEADER'], regionId: gridId })).createStaff, 'VALIDATION', 'regionId');
    expectUserError(dataOf(await create({ employeeNo: 'im-x', name: '错', roles: ['INDUSTRY_MANAGER'], regionId: gridId })).createStaff, 'VALIDATION', 'industry');
    expectUserError(dataOf(await create({ employeeNo: 'p-x', name: '错', roles: ['PARTNER'], regionId: gridId })).createStaff, 'NOT_FOUND', 'partnerId');
    expectUserError(dataOf(await create({ employeeNo: 'e-x', name: '错', roles: [], regionId: gridId })).createStaff, 'VALIDATION', 'roles');
    expectUserError(dataOf(await create({ employeeNo: 'r-x', name: '错', roles: ['ACCOUNT_MANAGER'], regionId: 'nope' })).createStaff, 'NOT_FOUND', 'regionId');
  });

  it('two admins racing for the same partner code: one wins, the other gets ALREADY_EXISTS', async () => {
    const province = dataOf(await t.gql('admin', '{ regions { id } }')).regions[0].id;
    const make = () => t.gql('admin', `mutation($r: ID!) { createPartner(input: { code: "P-RACE", name: "竞速科技", regionId: $r }) { partner { code } userErrors { code } } }`, { r: province });
    const results = await Promise.all(Array.from({ length: 8 }, make));
    const payloads = results.map((r) => dataOf(r).createPartner);
    expect(payloads.filter((p) => p.partner).length).toBe(1);
    expect(payloads.filter((p) => p.userErrors[0]?.code === 'ALREADY_EXISTS').length).toBe(7);
  });
});

describe('partners see only their own', () => {
  it('a partner user sees themselves and their company but no other staff or partner', async () => {
    const me = dataOf(await t.gql('p-huaxin', '{ viewer { id partner { id code name } } }')).viewer;
    expect(me.partner.code).toBe('P-HUAXIN');
    const [other] = await t.db.query(`SELECT id FROM staff WHERE employee_no = 'xa-am1'`);
    const [otherPartner] = await t.db.query(`SELECT id FROM partner WHERE code = 'P-ZHILIAN'`);
    const ids = [Buffer.from(`Staff:${other.id}`).toString('base64'), Buffer.from(`Partner:${otherPartner.id}`).toString('base64'), me.id, me.partner.id];
    const nodes = dataOf(await t.gql('p-huaxin', 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids })).nodes;
    expect(nodes).toEqual([null, null, { id: me.id }, { id: me.partner.id }]);
    const staffSees = dataOf(await t.gql('xa-am1', 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids })).nodes;
    expect(staffSees.every((n: unknown) => n !== null)).toBe(true);
  });
});
