import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { hasRole, isAdmin, Role, Viewer } from '../../platform/auth/viewer';
import { anyOf, EVERYTHING, ScopePredicate } from '../../platform/scope/predicate';

/**
 * Who may read and change group customers (DOMAIN.md: Who sees what) — the
 * only place that says so. Every path that reaches a customer (lists,
 * lookups, `node`, nested fields, loaders, mutations) applies these
 * predicates in SQL, so out of scope reads exactly like not found.
 */

/**
 * Read access other modules grant on top of the role table, e.g. the
 * opportunities module lets a support manager read the customers of the
 * opportunities awaiting their evaluation. `alias` is the group_customer alias.
 */
export type CustomerReadGrant = (alias: string, viewer: Viewer) => ScopePredicate | null;
const readGrants: CustomerReadGrant[] = [];

export function registerCustomerReadGrant(grant: CustomerReadGrant): void {
  readGrants.push(grant);
}


/**
 * Customers in the viewer's region or below it. The regions are read once
 * per statement (an ARRAY initplan): as `IN (SELECT …)` the planner may
 * re-scan the region table for every customer it checks.
 */
export function inViewerRegion(alias: string, viewer: Viewer): ScopePredicate {
  return {
    sql: `${alias}.region_id = ANY(ARRAY(SELECT scope_r.id FROM region scope_r WHERE scope_r.path LIKE :scopeRegionPath))`,
    params: { scopeRegionPath: `${viewer.regionPath}%` },
  };
}

function industryManaged(alias: string, viewer: Viewer): ScopePredicate {
  const region = inViewerRegion(alias, viewer);
  return {
    sql: `(${alias}.management_level = 'PROVINCE' AND ${alias}.industry = :scopeIndustry AND ${region.sql})`,
    params: { ...region.params, scopeIndustry: viewer.industry },
  };
}

function managedBy(alias: string, viewer: Viewer): ScopePredicate {
  return { sql: `${alias}.account_manager_id = :scopeStaffId`, params: { scopeStaffId: viewer.staffId } };
}


/** Roles whose holders keep customers current (create, update, hierarchy, relations). */
export const CUSTOMER_KEEPER_ROLES = [Role.ACCOUNT_MANAGER, Role.GRID_MANAGER, Role.INDUSTRY_MANAGER] as const;

export const customerPolicy = {
  /** The customers the viewer may read. */
  read(alias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    const predicates: ScopePredicate[] = [];
    if (hasRole(viewer, Role.PROVINCE_LEADER, Role.CITY_LEADER, Role.COUNTY_LEADER, Role.GRID_MANAGER)) predicates.push(inViewerRegion(alias, viewer));
    if (hasRole(viewer, Role.INDUSTRY_MANAGER) && viewer.industry) predicates.push(industryManaged(alias, viewer));
    if (hasRole(viewer, Role.ACCOUNT_MANAGER, Role.GRID_MANAGER)) predicates.push(managedBy(alias, viewer));
    for (const grant of readGrants) {
      const granted = grant(alias, viewer);
      if (granted) predicates.push(granted);
    }
    return anyOf(predicates);
  },

  /** The customers the viewer may change: leaders read but do not edit customers. */
  write(alias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    const predicates: ScopePredicate[] = [];
    if (hasRole(viewer, Role.INDUSTRY_MANAGER) && viewer.industry) predicates.push(industryManaged(alias, viewer));
    if (hasRole(viewer, Role.ACCOUNT_MANAGER, Role.GRID_MANAGER)) predicates.push(managedBy(alias, viewer));
    if (hasRole(viewer, Role.GRID_MANAGER)) predicates.push(inViewerRegion(alias, viewer));
    return anyOf(predicates);
  },

  /** Whether the viewer may create or change customers at all. */
  mayKeepCustomers(viewer: Viewer): boolean {
    return isAdmin(viewer) || hasRole(viewer, ...CUSTOMER_KEEPER_ROLES);
  },

  applyRead<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, alias: string, viewer: Viewer): SelectQueryBuilder<E> {
    const scope = customerPolicy.read(alias, viewer);
    return query.andWhere(scope.sql, scope.params);
  },

  applyWrite<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, alias: string, viewer: Viewer): SelectQueryBuilder<E> {
    const scope = customerPolicy.write(alias, viewer);
    return query.andWhere(scope.sql, scope.params);
  },
};
