import { fail, ok, UserErrorCode } from '../../platform/graphql/user-error';
import type { CustomerMergeParticipant } from '../customers/customer-merge-participants';
import { ComplaintEventEntity } from './complaint-event.entity';
import { ComplaintEntity } from './complaint.entity';
import { ComplaintAction } from './service.enums';

/**
 * A merged customer's complaints (with a note in each one's history), event
 * attendance and satisfaction surveys become the survivor's (DOMAIN.md:
 * People and rules). Two surveys of one period are two answers to one
 * question: the merge refuses, naming the period, rather than drop one.
 */
export const serviceMerge: CustomerMergeParticipant = {
  async reassignCustomer(tx, ctx, mergedId, survivorId) {
    const clashes: { period: string }[] = await tx.query(
      `SELECT m.period FROM satisfaction_survey m JOIN satisfaction_survey s ON s.period = m.period AND s.customer_id = $2 WHERE m.customer_id = $1 ORDER BY m.period`,
      [mergedId, survivorId],
    );
    if (clashes.length) {
      return fail(UserErrorCode.MERGE_CONFLICT, `Both customers have a satisfaction survey for ${clashes.map((c) => c.period).join(', ')}: remove one first`, 'mergedId');
    }
    const moved: { id: string; state: ComplaintEntity['state'] }[] = await tx
      .createQueryBuilder()
      .update(ComplaintEntity)
      .set({ customerId: survivorId, version: () => 'version + 1' })
      .where('customer_id = :mergedId', { mergedId })
      .returning(['id', 'state'])
      .execute()
      .then((result) => result.raw);
    if (moved.length) {
      await tx.getRepository(ComplaintEventEntity).insert(
        moved.map((c) => ({
          complaintId: c.id,
          action: ComplaintAction.HAND_OVER,
          fromState: c.state,
          toState: c.state,
          actorId: ctx.viewer.staffId,
          note: '客户合并: moved to the surviving customer',
        })),
      );
    }
    // An event both attended keeps one attendance row.
    await tx.query(`DELETE FROM customer_event_customer m WHERE m.customer_id = $1 AND EXISTS (SELECT 1 FROM customer_event_customer s WHERE s.event_id = m.event_id AND s.customer_id = $2)`, [
      mergedId,
      survivorId,
    ]);
    await tx.query(`UPDATE customer_event_customer SET customer_id = $2 WHERE customer_id = $1`, [mergedId, survivorId]);
    await tx.query(`UPDATE satisfaction_survey SET customer_id = $2 WHERE customer_id = $1`, [mergedId, survivorId]);
    return ok(moved.length);
  },
};
