import { fail, ok, UserErrorCode } from '../../platform/graphql/user-error';
import type { CustomerMergeParticipant } from '../customers/customer-merge-participants';
import { activeRegistrations, lockCustomerRegistrations } from './new-opportunity';
import { OpportunityEventEntity } from './opportunity-event.entity';
import { OpportunityEntity } from './opportunity.entity';
import { RegistrationAttemptEntity } from './registration-attempt.entity';

/**
 * A merged customer's opportunities and registration attempts become the
 * survivor's, each opportunity with a CUSTOMER_MERGED history entry
 * (DOMAIN.md: People and rules). Two partners' registrations that would then
 * protect one customer and product line at once (撞单) are a conflict the
 * merge refuses, naming both.
 */
export const opportunityMerge: CustomerMergeParticipant = {
  async reassignCustomer(tx, ctx, mergedId, survivorId) {
    for (const id of [mergedId, survivorId].sort()) await lockCustomerRegistrations(tx, id);
    const partnerReports = await tx.getRepository(OpportunityEntity).createQueryBuilder('o').where('o.customer_id = :mergedId AND o.partner_id IS NOT NULL', { mergedId }).getMany();
    for (const report of partnerReports) {
      const clash = (await activeRegistrations(tx, survivorId, report.products)).find((o) => o.partnerId != null);
      const stillProtects = (await activeRegistrations(tx, mergedId, report.products)).some((o) => o.id === report.id);
      if (clash && stillProtects) {
        return fail(UserErrorCode.MERGE_CONFLICT, `Partner registrations ${clash.code} and ${report.code} would both protect the survivor for the same product lines (撞单)`, 'mergedId');
      }
    }
    const moved: { id: string; stage: OpportunityEntity['stage'] }[] = await tx
      .createQueryBuilder()
      .update(OpportunityEntity)
      .set({ customerId: survivorId, version: () => 'version + 1' })
      .where('customer_id = :mergedId', { mergedId })
      .returning(['id', 'stage'])
      .execute()
      .then((result) => result.raw);
    if (moved.length) {
      await tx
        .getRepository(OpportunityEventEntity)
        .insert(moved.map((o) => ({ opportunityId: o.id, action: 'CUSTOMER_MERGED', fromStage: o.stage, toStage: o.stage, actorId: ctx.viewer.staffId, byPartner: false, comment: '客户合并' })));
    }
    await tx.createQueryBuilder().update(RegistrationAttemptEntity).set({ customerId: survivorId }).where('customer_id = :mergedId', { mergedId }).execute();
    return ok(moved.length);
  },
};
