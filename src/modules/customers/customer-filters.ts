import type { ScopePredicate } from '../../platform/scope/predicate';
import type { GroupCustomerFilter } from './customer.types';

/**
 * Conditions of `groupCustomers` filters whose data another module keeps
 * (the segment 客户细分 is computed by retention): that module registers a
 * condition over the customer alias when the app is composed (src/app.ts),
 * so that customers never imports it.
 */
export type CustomerFilterCondition = (alias: string, filter: GroupCustomerFilter) => ScopePredicate | null;
const conditions: CustomerFilterCondition[] = [];

export const customerFilters = {
  register(condition: CustomerFilterCondition): void {
    if (!conditions.includes(condition)) conditions.push(condition);
  },

  conditions(alias: string, filter: GroupCustomerFilter | null | undefined): ScopePredicate[] {
    if (!filter) return [];
    return conditions.map((condition) => condition(alias, filter)).filter((p): p is ScopePredicate => p !== null);
  },
};
