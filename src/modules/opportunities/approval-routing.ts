import { Role } from '../../platform/auth/viewer';
import { compareDecimal } from '../../platform/graphql/scalars';
import { ManagementLevel } from '../customers/customer.enums';
import type { OpportunityRuleValues } from '../rules/sections/opportunity.rules';

/** One step of a route: which leader role decides, in which region. */
export interface RouteStep {
  approverRole: Role;
  regionId: string;
}

/**
 * The approval route of an opportunity (DOMAIN.md: Approval routing): the
 * first step by the customer's management level — COUNTY → the leader of the
 * county containing the customer's region, CITY → its city leader, PROVINCE
 * → the province leader; an estimated amount at or above the threshold adds a
 * province step after a county or city one. `regionPath` is the customer
 * region's materialised path `/province/city/county/grid/`.
 */
export function approvalRoute(managementLevel: ManagementLevel, regionPath: string, estimatedAmount: string, rules: Pick<OpportunityRuleValues, 'provinceStepThreshold'>): RouteStep[] {
  const [province, city, county] = regionPath.split('/').filter(Boolean);
  const first: RouteStep =
    managementLevel === ManagementLevel.COUNTY && county
      ? { approverRole: Role.COUNTY_LEADER, regionId: county }
      : managementLevel !== ManagementLevel.PROVINCE && city
        ? { approverRole: Role.CITY_LEADER, regionId: city }
        : { approverRole: Role.PROVINCE_LEADER, regionId: province };
  const route = [first];
  if (first.approverRole !== Role.PROVINCE_LEADER && compareDecimal(estimatedAmount, rules.provinceStepThreshold) >= 0) {
    route.push({ approverRole: Role.PROVINCE_LEADER, regionId: province });
  }
  return route;
}
