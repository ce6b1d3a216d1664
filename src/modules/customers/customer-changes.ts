import { EntityManager } from 'typeorm';
import type { Context } from '../../platform/context';
import { toGlobalId } from '../../platform/graphql/node-id';
import { CustomerChangeEntity } from './customer-change.entity';
import { GroupCustomerEntity } from './group-customer.entity';

/*
 * A customer's history 变更记录: which fields are kept, how their values
 * show, and the entry each create or change writes.
 */

/** Fields whose changes are kept in the history, with how the API shows their values. */
export const TRACKED_FIELDS = [
  'name',
  'creditCode',
  'industry',
  'grade',
  'managementLevel',
  'regionId',
  'accountManagerId',
  'memberCount',
  'monthlyRevenue',
  'status',
  'churnReason',
  'address',
  'parentId',
] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];
const HISTORY_NAME: Partial<Record<TrackedField, string>> = { regionId: 'region', accountManagerId: 'accountManager', parentId: 'parent' };

/** Reference fields are shown in the history as the global ids the API uses. */
const REFERENCE_TYPE: Partial<Record<TrackedField, string>> = { regionId: 'Region', accountManagerId: 'Staff', parentId: 'GroupCustomer' };

/** Display value of a tracked field for the history. */
function historyValue(entity: GroupCustomerEntity, field: TrackedField): string | null {
  const value = entity[field];
  if (value === null || value === undefined) return null;
  const type = REFERENCE_TYPE[field];
  return type ? toGlobalId(type, String(value)) : String(value);
}

export function diff(before: GroupCustomerEntity | null, after: GroupCustomerEntity) {
  return TRACKED_FIELDS.filter((field) => !before || historyValue(before, field) !== historyValue(after, field))
    .filter((field) => before || historyValue(after, field) !== null)
    .map((field) => ({ field: HISTORY_NAME[field] ?? field, from: before ? historyValue(before, field) : null, to: historyValue(after, field) }));
}

export async function recordChange(tx: EntityManager, ctx: Context, customerId: string, action: string, changes: CustomerChangeEntity['changes']) {
  await tx.getRepository(CustomerChangeEntity).insert({ customerId, actorId: ctx.viewer.staffId, action, changes });
}
