import { ok } from '../../platform/graphql/user-error';
import type { CustomerMergeParticipant } from '../customers/customer-merge-participants';
import { ContactEntity } from './contact.entity';

/** A merged customer's contacts, with their care records, org chart and relationships, become the survivor's (DOMAIN.md: People and rules). */
export const contactMerge: CustomerMergeParticipant = {
  async reassignCustomer(tx, _ctx, mergedId, survivorId) {
    const result = await tx
      .createQueryBuilder()
      .update(ContactEntity)
      .set({ customerId: survivorId, version: () => 'version + 1' })
      .where('customer_id = :mergedId', { mergedId })
      .execute();
    return ok(result.affected ?? 0);
  },
};
