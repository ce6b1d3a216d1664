import { Role } from '../../platform/auth/viewer';
import { CustomerGrade as G, ManagementLevel as L } from './customer.enums';
import { reclassificationDecider } from './reclassification-rules';

const PATH = '/p/c/k/g/';

describe('who decides a level or grade change (DOMAIN.md: People and rules)', () => {
  it.each([
    ['COUNTY → CITY', { managementLevel: L.COUNTY, grade: G.C }, { managementLevel: L.CITY }, Role.CITY_LEADER, 'c'],
    ['CITY → COUNTY', { managementLevel: L.CITY, grade: G.C }, { managementLevel: L.COUNTY }, Role.CITY_LEADER, 'c'],
    ['grade B1 → C', { managementLevel: L.CITY, grade: G.B1 }, { grade: G.C }, Role.CITY_LEADER, 'c'],
    ['CITY → PROVINCE', { managementLevel: L.CITY, grade: G.C }, { managementLevel: L.PROVINCE }, Role.PROVINCE_LEADER, 'p'],
    ['PROVINCE → CITY', { managementLevel: L.PROVINCE, grade: G.C }, { managementLevel: L.CITY }, Role.PROVINCE_LEADER, 'p'],
    ['grade B1 → A2', { managementLevel: L.CITY, grade: G.B1 }, { grade: G.A2 }, Role.PROVINCE_LEADER, 'p'],
    ['grade A1 → B1', { managementLevel: L.COUNTY, grade: G.A1 }, { grade: G.B1 }, Role.PROVINCE_LEADER, 'p'],
  ])('%s goes to the %s', (_name, from, to, role, region) => {
    expect(reclassificationDecider(from, to, PATH)).toEqual({ role, regionId: region });
  });

  it('a customer placed at the province itself goes to the province leader', () => {
    expect(reclassificationDecider({ managementLevel: L.CITY, grade: G.C }, { grade: G.D }, '/p/')).toEqual({ role: Role.PROVINCE_LEADER, regionId: 'p' });
  });
});
