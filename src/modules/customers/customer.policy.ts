import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { hasRole, isAdmin, Role, Viewer } from '../../platform/auth/viewer';
import { anyOf, EVERYTHING, ScopePredicate } from '../../platform/scope/predicate';
import { organisationSql } from '../organisation/organisation.sql';

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
  if (!readGrants.includes(grant)) readGrants.push(grant);
}

/** Customers in the region at `path` or below it. */
function inRegionSubtree(alias: string, path: string, param: string, regionAlias = `${param}_r`): ScopePredicate {
  return organisationSql.inRegionSubtree(`${alias}.region_id`, path, param, regionAlias);
}

/** Customers in the viewer's region or below it. */
function inViewerRegion(alias: string, viewer: Viewer): ScopePredicate {
  return inRegionSubtree(alias, viewer.regionPath, 'scopeRegionPath', 'scope_r');
}

function industryManaged(alias: string, viewer: Viewer): ScopePredicate {
  const region = inViewerRegion(alias, viewer);
  return {
    sql: `(${alias}.management_level = 'PROVINCE' AND ${alias}.industry = :scopeIndustry AND ${region.sql})`,
    params: { ...region.params, scopeIndustry: viewer.industry },
  };
}

/** Customers whose account manager is `staffId`. */
function managedBy(alias: string, staffId: string, param = 'scopeStaffId'): ScopePredicate {
  return { sql: `${alias}.account_manager_id = :${param}`, params: { [param]: staffId } };
}

/** Roles whose read scope holds their whole region subtree. */
const WHOLE_REGION_READERS = [Role.PROVINCE_LEADER, Role.CITY_LEADER, Role.COUNTY_LEADER, Role.GRID_MANAGER] as const;

/** Roles whose holders keep customers current (create, update, hierarchy, relations). */
export const CUSTOMER_KEEPER_ROLES = [Role.ACCOUNT_MANAGER, Role.GRID_MANAGER, Role.INDUSTRY_MANAGER] as const;

export const customerPolicy = {
  inRegionSubtree,
  inViewerRegion,
  managedBy,

  /** The customers the viewer may read. */
  read(alias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    const predicates: ScopePredicate[] = [];
    if (hasRole(viewer, ...WHOLE_REGION_READERS)) predicates.push(inViewerRegion(alias, viewer));
    if (hasRole(viewer, Role.INDUSTRY_MANAGER) && viewer.industry) predicates.push(industryManaged(alias, viewer));
    if (hasRole(viewer, Role.ACCOUNT_MANAGER, Role.GRID_MANAGER)) predicates.push(managedBy(alias, viewer.staffId));
    for (const grant of readGrants) {
      const granted = grant(alias, viewer);
      if (granted) predicates.push(granted);
    }
    return anyOf(predicates);
  },

  /**
   * The customers the viewer may change: leaders read but do not edit
   * customers; a manager keeps the customers they manage inside their own
   * region only (DOMAIN.md: Organisation — scope is always the user's region
   * and everything under it), so no one places or moves a customer of theirs
   * into another city.
   */
  write(alias: string, viewer: Viewer): ScopePredicate {
    if (isAdmin(viewer)) return EVERYTHING;
    const predicates: ScopePredicate[] = [];
    if (hasRole(viewer, Role.INDUSTRY_MANAGER) && viewer.industry) predicates.push(industryManaged(alias, viewer));
    if (hasRole(viewer, Role.ACCOUNT_MANAGER, Role.GRID_MANAGER)) {
      const managed = managedBy(alias, viewer.staffId);
      const region = inViewerRegion(alias, viewer);
      predicates.push({ sql: `(${managed.sql} AND ${region.sql})`, params: { ...managed.params, ...region.params } });
    }
    if (hasRole(viewer, Role.GRID_MANAGER)) predicates.push(inViewerRegion(alias, viewer));
    return anyOf(predicates);
  },

  /**
   * Whether the viewer reads every customer in their region and below
   * (leaders and grid managers; `read` grants them inViewerRegion): a list
   * confined to that region by a column that mirrors the customer's region
   * path needs no check of each row against `read`.
   */
  readsWholeRegion(viewer: Viewer): boolean {
    return !isAdmin(viewer) && hasRole(viewer, ...WHOLE_REGION_READERS);
  },

  /**
   * The region path whose subtree is exactly the customers the viewer reads
   * ('' for an administrator: every region), or null when their scope is
   * something else — a manager's own customers, an industry, a grant. Lists
   * that keep a mirror of the customer's region path filter on it instead
   * of joining every row to its customer.
   */
  exactRegionPath(viewer: Viewer): string | null {
    if (isAdmin(viewer)) return '';
    if (!customerPolicy.readsWholeRegion(viewer)) return null;
    // An industry manager's customers lie inside the region; a manager's own customers and a grant may lie beyond it.
    if (hasRole(viewer, Role.ACCOUNT_MANAGER, Role.GRID_MANAGER)) return null;
    if (readGrants.some((grant) => grant('c', viewer) != null)) return null;
    return viewer.regionPath;
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
