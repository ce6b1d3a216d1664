import { Role } from '../../platform/auth/viewer';
import { ManagementLevel } from '../customers/customer.enums';
import { incentiveDecider } from './incentive-routing';

const GRID_PATH = '/prov/city/county/grid/';

describe('who decides an incentive application 激励申报', () => {
  it('a county leader’s filing goes one level up, to the leader of the customer’s city', () => {
    expect(incentiveDecider([Role.COUNTY_LEADER], ManagementLevel.COUNTY, GRID_PATH)).toEqual({ role: Role.CITY_LEADER, regionId: 'city' });
    expect(incentiveDecider([Role.COUNTY_LEADER], ManagementLevel.CITY, GRID_PATH)).toEqual({ role: Role.CITY_LEADER, regionId: 'city' });
  });

  it('a city leader’s goes to the province leader', () => {
    expect(incentiveDecider([Role.CITY_LEADER], ManagementLevel.CITY, GRID_PATH)).toEqual({ role: Role.PROVINCE_LEADER, regionId: 'prov' });
  });

  it('province-level ones — filed by a province leader or an admin, or for a PROVINCE-managed customer — go to the province leader', () => {
    expect(incentiveDecider([Role.PROVINCE_LEADER], ManagementLevel.COUNTY, GRID_PATH)).toEqual({ role: Role.PROVINCE_LEADER, regionId: 'prov' });
    expect(incentiveDecider([Role.ADMIN], ManagementLevel.COUNTY, GRID_PATH)).toEqual({ role: Role.PROVINCE_LEADER, regionId: 'prov' });
    expect(incentiveDecider([Role.COUNTY_LEADER], ManagementLevel.PROVINCE, '/prov/city/')).toEqual({ role: Role.PROVINCE_LEADER, regionId: 'prov' });
  });

  it('a leader holding several leader roles files at the highest of them', () => {
    expect(incentiveDecider([Role.COUNTY_LEADER, Role.CITY_LEADER], ManagementLevel.COUNTY, GRID_PATH)).toEqual({
      role: Role.PROVINCE_LEADER,
      regionId: 'prov',
    });
  });
});
