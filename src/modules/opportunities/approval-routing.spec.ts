import { Role } from '../../platform/auth/viewer';
import { ManagementLevel } from '../customers/customer.enums';
import { approvalRoute } from './approval-routing';
import { opportunityRuleDefaults as rules } from '../rules/sections/opportunity.rules';

const GRID_PATH = '/prov/city/county/grid/';

describe('approval routing', () => {
  it('sends a county-managed opportunity to the leader of the county containing the customer', () => {
    expect(approvalRoute(ManagementLevel.COUNTY, GRID_PATH, '10000.00', rules)).toEqual([{ approverRole: Role.COUNTY_LEADER, regionId: 'county' }]);
  });

  it('sends a city-managed one to its city leader, and a province-managed one to the province leader', () => {
    expect(approvalRoute(ManagementLevel.CITY, GRID_PATH, '10000.00', rules)).toEqual([{ approverRole: Role.CITY_LEADER, regionId: 'city' }]);
    expect(approvalRoute(ManagementLevel.PROVINCE, '/prov/city/', '99999999.00', rules)).toEqual([{ approverRole: Role.PROVINCE_LEADER, regionId: 'prov' }]);
  });

  it('adds a province step at the configured threshold, not a cent below', () => {
    const threshold = rules.provinceStepThreshold;
    expect(approvalRoute(ManagementLevel.CITY, GRID_PATH, threshold, rules).map((s) => s.approverRole)).toEqual([Role.CITY_LEADER, Role.PROVINCE_LEADER]);
    expect(approvalRoute(ManagementLevel.COUNTY, GRID_PATH, '4999999.99', rules).map((s) => s.approverRole)).toEqual([Role.COUNTY_LEADER]);
    expect(approvalRoute(ManagementLevel.COUNTY, GRID_PATH, '100.00', { provinceStepThreshold: '100.00' }).length).toBe(2);
  });

  it('falls back to the city leader when a county-managed customer sits directly in a city', () => {
    expect(approvalRoute(ManagementLevel.COUNTY, '/prov/city/', '1.00', rules)).toEqual([{ approverRole: Role.CITY_LEADER, regionId: 'city' }]);
  });
});
