import { EntityManager } from 'typeorm';
import type { Context } from '../../platform/context';
import { toGlobalId } from '../../platform/graphql/node-id';
import { fail, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import type { StaffFacts } from '../organisation/organisation.sql';
import { HandoverCounts, HandoverParticipant, HandoverSuccessors, nameSome, viewerOf } from '../organisation/staff-handover';
import { CustomerChangeEntity } from './customer-change.entity';
import { customerPolicy } from './customer.policy';
import { GroupCustomerEntity } from './group-customer.entity';

/**
 * 离职交接 of customers (DOMAIN.md: People and rules): every customer the
 * leaver manages goes to `customersTo`, who must then be allowed to keep
 * each of them (customerPolicy.write, as that manager): an account or grid
 * manager in whose region it lies, or the industry manager of a province
 * customer of their industry. Each customer's history records the handover.
 */
export const customerHandover: HandoverParticipant = {
  async handOver(tx: EntityManager, ctx: Context, leaver: StaffFacts, successors: HandoverSuccessors): Promise<Result<Partial<HandoverCounts>>> {
    const managed = await tx
      .getRepository(GroupCustomerEntity)
      .createQueryBuilder('c')
      .where('c.account_manager_id = :leaver', { leaver: leaver.id })
      .orderBy('c.code')
      .setLock('pessimistic_write')
      .getMany();
    if (managed.length === 0) return ok({ customers: 0 });
    const to = successors.customersTo;
    if (!to)
      return fail(UserErrorCode.HANDOVER_REFUSED, `${leaver.name} manages ${managed.length} customers (${nameSome(managed.map((c) => c.code))}): name who takes them (customersTo)`, [
        'handover',
        'customersTo',
      ]);
    const ids = managed.map((c) => c.id);
    await tx
      .createQueryBuilder()
      .update(GroupCustomerEntity)
      .set({ accountManagerId: to.id, version: () => 'version + 1' })
      .where('id IN (:...ids)', { ids })
      .execute();
    // Each one must be the successor's to keep, as if they changed it themselves.
    const kept = customerPolicy.write('c', viewerOf(to));
    const keepable: { id: string }[] = await tx
      .getRepository(GroupCustomerEntity)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .where('c.id IN (:...ids)', { ids })
      .andWhere(kept.sql, kept.params)
      .getRawMany();
    const allowed = new Set(keepable.map((row) => row.id));
    const refused = managed.filter((c) => !allowed.has(c.id)).map((c) => c.code);
    if (refused.length) {
      return fail(UserErrorCode.HANDOVER_REFUSED, `${to.name} may not keep ${refused.length} of ${leaver.name}'s customers (${nameSome(refused)}): wrong role, region or industry`, [
        'handover',
        'customersTo',
      ]);
    }
    const [from, into] = [toGlobalId('Staff', leaver.id), toGlobalId('Staff', to.id)];
    await tx
      .getRepository(CustomerChangeEntity)
      .insert(ids.map((customerId) => ({ customerId, actorId: ctx.viewer.staffId, action: 'HANDOVER', changes: [{ field: 'accountManager', from, to: into }] })));
    return ok({ customers: managed.length });
  },
};
