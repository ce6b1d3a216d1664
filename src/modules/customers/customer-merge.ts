import { EntityManager } from 'typeorm';
import { isAdmin } from '../../platform/auth/viewer';
import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { toGlobalId, uuidOf } from '../../platform/graphql/node-id';
import { fail, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import { CustomerChangeEntity } from './customer-change.entity';
import { CustomerCodeAliasEntity } from './customer-code-alias.entity';
import { customerMergeParticipants } from './customer-merge-participants';
import { customerPolicy } from './customer.policy';
import { GroupCustomerEntity } from './group-customer.entity';
import { reclassifications } from './reclassification';
import { MergeGroupCustomersInput } from './customer-merge.types';

/*
 * 合并重复客户 (DOMAIN.md: People and rules): an admin merges a duplicate into
 * the survivor in one transaction — contacts, opportunities, relations, care,
 * history and member units move (each module its own rows:
 * customer-merge-participants.ts), the merged row goes, and its code stays
 * findable through customer_code_alias. Conflicting unique facts refuse the
 * merge and say which. Both rows are locked in id order, so racing merges
 * queue, and the later ones find a customer gone or a version moved.
 */

async function lockPair(tx: EntityManager, ids: [string, string]): Promise<Map<string, GroupCustomerEntity>> {
  const rows = await tx.getRepository(GroupCustomerEntity).createQueryBuilder('c').where('c.id IN (:...ids)', { ids }).orderBy('c.id').setLock('pessimistic_write').getMany();
  return new Map(rows.map((row) => [row.id, row]));
}

/** The survivor's group HQs, nearest first. */
async function ancestorsOf(tx: EntityManager, id: string): Promise<string[]> {
  const rows: { id: string }[] = await tx.query(
    `WITH RECURSIVE up(id, depth) AS (SELECT parent_id, 1 FROM group_customer WHERE id = $1 AND parent_id IS NOT NULL
       UNION ALL SELECT c.parent_id, up.depth + 1 FROM group_customer c JOIN up ON c.id = up.id WHERE c.parent_id IS NOT NULL AND up.depth < 100)
     SELECT id FROM up ORDER BY depth`,
    [id],
  );
  return rows.map((row) => row.id);
}

/** The customers module's own rows: member units, relations, history, change requests and earlier aliases. */
async function moveOwnRows(tx: EntityManager, ctx: Context, merged: GroupCustomerEntity, survivor: GroupCustomerEntity): Promise<void> {
  const [m, s] = [merged.id, survivor.id];
  const children: { id: string }[] = await tx.query(`SELECT id FROM group_customer WHERE parent_id = $1 AND id <> $2`, [m, s]);
  if (children.length) {
    await tx.query(`UPDATE group_customer SET parent_id = $2, version = version + 1 WHERE parent_id = $1 AND id <> $2`, [m, s]);
    const [from, to] = [toGlobalId('GroupCustomer', m), toGlobalId('GroupCustomer', s)];
    await tx.getRepository(CustomerChangeEntity).insert(children.map((c) => ({ customerId: c.id, actorId: ctx.viewer.staffId, action: 'MERGE', changes: [{ field: 'parent', from, to }] })));
  }
  // A relation between the two ends with the merge; one the survivor already has the same way is kept once.
  await tx.query(`DELETE FROM customer_relation WHERE (from_customer_id = $1 AND to_customer_id = $2) OR (from_customer_id = $2 AND to_customer_id = $1)`, [m, s]);
  await tx.query(
    `DELETE FROM customer_relation r WHERE (r.from_customer_id = $1 AND EXISTS (SELECT 1 FROM customer_relation x WHERE x.from_customer_id = $2 AND x.to_customer_id = r.to_customer_id AND x.type = r.type))
        OR (r.to_customer_id = $1 AND EXISTS (SELECT 1 FROM customer_relation x WHERE x.to_customer_id = $2 AND x.from_customer_id = r.from_customer_id AND x.type = r.type))`,
    [m, s],
  );
  await tx.query(`UPDATE customer_relation SET from_customer_id = $2 WHERE from_customer_id = $1`, [m, s]);
  await tx.query(`UPDATE customer_relation SET to_customer_id = $2 WHERE to_customer_id = $1`, [m, s]);
  await tx.query(`UPDATE customer_change SET customer_id = $2 WHERE customer_id = $1`, [m, s]);
  await reclassifications.cancelPending(tx, m);
  await tx.query(`UPDATE customer_reclassification SET customer_id = $2 WHERE customer_id = $1`, [m, s]);
  await tx.query(`UPDATE customer_code_alias SET customer_id = $2 WHERE customer_id = $1`, [m, s]);
}

export const customerMerge = {
  async merge(ctx: Context, input: MergeGroupCustomersInput): Promise<Result<GroupCustomerEntity>> {
    if (!isAdmin(ctx.viewer)) throw forbidden('Only an administrator merges customers');
    const [survivorId, mergedId] = [uuidOf(input.survivorId, 'GroupCustomer'), uuidOf(input.mergedId, 'GroupCustomer')];
    if (survivorId && survivorId === mergedId) return fail(UserErrorCode.VALIDATION, 'A customer cannot be merged into itself', 'mergedId');
    return inTransaction(ctx, async (tx) => {
      // Merges reshape the hierarchy: one at a time with setCustomerParent, so no cycle can form between them.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['group-crm:customer-hierarchy']);
      const rows = survivorId && mergedId ? await lockPair(tx, [survivorId, mergedId]) : new Map<string, GroupCustomerEntity>();
      const survivor = survivorId ? rows.get(survivorId) : undefined;
      const merged = mergedId ? rows.get(mergedId) : undefined;
      if (!survivor) return fail(UserErrorCode.NOT_FOUND, 'Survivor not found', 'survivorId');
      if (!merged) return fail(UserErrorCode.NOT_FOUND, 'Customer to merge not found', 'mergedId');
      const expected = input.expectedVersions;
      for (const [customer, version, field] of [
        [survivor, expected?.survivor, 'survivor'],
        [merged, expected?.merged, 'merged'],
      ] as const) {
        if (version != null && version !== customer.version) {
          return fail(UserErrorCode.VERSION_CONFLICT, `${customer.code} changed since you read it (version ${version}, now ${customer.version})`, ['expectedVersions', field]);
        }
      }
      if (survivor.creditCode && merged.creditCode && survivor.creditCode !== merged.creditCode) {
        return fail(UserErrorCode.MERGE_CONFLICT, `${survivor.code} and ${merged.code} have different credit codes (${survivor.creditCode}, ${merged.creditCode}): two different units`, 'mergedId');
      }
      const ancestors = await ancestorsOf(tx, survivor.id);
      const hq = ancestors.indexOf(merged.id);
      if (hq > 0) return fail(UserErrorCode.HIERARCHY_CYCLE, `${survivor.code} is a member unit below ${merged.code}: move it up first`, 'survivorId');
      const changes: CustomerChangeEntity['changes'] = [{ field: 'merged', from: merged.code, to: null }];
      const set: Partial<GroupCustomerEntity> = {};
      // A member unit merging its own HQ away takes the HQ's place.
      if (hq === 0) {
        set.parentId = merged.parentId;
        changes.push({ field: 'parent', from: toGlobalId('GroupCustomer', merged.id), to: merged.parentId && toGlobalId('GroupCustomer', merged.parentId) });
      }
      if (!survivor.creditCode && merged.creditCode) {
        set.creditCode = merged.creditCode;
        changes.push({ field: 'creditCode', from: null, to: merged.creditCode });
        await tx.getRepository(GroupCustomerEntity).update({ id: merged.id }, { creditCode: null });
      }
      for (const participant of customerMergeParticipants()) {
        const moved = await participant.reassignCustomer(tx, ctx, merged.id, survivor.id);
        if (!moved.ok) return moved;
      }
      await moveOwnRows(tx, ctx, merged, survivor);
      await tx.getRepository(CustomerCodeAliasEntity).insert({ code: merged.code, customerId: survivor.id, name: merged.name, mergedById: ctx.viewer.staffId });
      await tx
        .createQueryBuilder()
        .update(GroupCustomerEntity)
        .set({ ...set, version: () => 'version + 1' })
        .where('id = :id', { id: survivor.id })
        .execute();
      await tx.getRepository(GroupCustomerEntity).delete({ id: merged.id });
      await tx.getRepository(CustomerChangeEntity).insert({ customerId: survivor.id, actorId: ctx.viewer.staffId, action: 'MERGE', changes });
      return ok(await tx.getRepository(GroupCustomerEntity).findOneByOrFail({ id: survivor.id }));
    });
  },

  /** The survivor a merged customer's code now names, in the viewer's scope (DOMAIN.md: the merged code stays findable). */
  async byMergedCode(ctx: Context, code: string): Promise<GroupCustomerEntity | null> {
    const query = ctx.db
      .getRepository(GroupCustomerEntity)
      .createQueryBuilder('c')
      .innerJoin(CustomerCodeAliasEntity, 'a', 'a.customer_id = c.id')
      .where('a.code = :code', { code: code.trim().toUpperCase() });
    return customerPolicy.applyRead(query, 'c', ctx.viewer).getOne();
  },
};
