import { Role } from '../../platform/auth/viewer';
import { ManagementLevel } from '../customers/customer.enums';

/** Who decides an incentive application: a leader role in a region. */
export interface IncentiveDecider {
  role: Role;
  regionId: string;
}

/**
 * 激励申报 — who decides an application (DOMAIN.md: Follow-through): "the
 * leader one level up, or the province leader for province-level ones".
 * A county leader's filing goes to the leader of the city containing the
 * customer; a city leader's to the province leader; a province leader's, an
 * admin's, and any filing for a PROVINCE-managed customer to the province
 * leader (another one than the filer: opportunityPolicy.incentiveDecidable).
 * `filerRoles` are the filer's roles; `customerRegionPath` is the customer
 * region's materialised path `/province/city/county/grid/`, which the filer's
 * region contains.
 */
export function incentiveDecider(filerRoles: Iterable<Role>, managementLevel: ManagementLevel, customerRegionPath: string): IncentiveDecider {
  const roles = new Set(filerRoles);
  const [province, city] = customerRegionPath.split('/').filter(Boolean);
  const countyOnly = roles.has(Role.COUNTY_LEADER) && !roles.has(Role.CITY_LEADER) && !roles.has(Role.PROVINCE_LEADER);
  if (countyOnly && managementLevel !== ManagementLevel.PROVINCE && city) return { role: Role.CITY_LEADER, regionId: city };
  return { role: Role.PROVINCE_LEADER, regionId: province };
}
