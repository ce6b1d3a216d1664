import type { EntityManager } from 'typeorm';
import type { Context } from '../../platform/context';
import type { Result } from '../../platform/graphql/user-error';

/*
 * Duplicate customers are merged by an admin (DOMAIN.md: People and rules):
 * everything attached to the merged customer moves to the survivor. Each
 * module moves its own rows: it registers a participant here (the
 * composition root, src/app.ts, wires them), so customers never names
 * another module's tables. tests/people/merge.test.ts fails when a table
 * referencing group_customer keeps a row of the merged customer.
 */
export interface CustomerMergeParticipant {
  /**
   * Refuses (MERGE_CONFLICT) or moves every row of this module that belongs
   * to `mergedId` onto `survivorId`, with its own history; returns how many
   * rows moved. Runs inside the merge's transaction, both customers locked.
   */
  reassignCustomer(tx: EntityManager, ctx: Context, mergedId: string, survivorId: string): Promise<Result<number>>;
}

const participants: CustomerMergeParticipant[] = [];

export function registerCustomerMergeParticipant(participant: CustomerMergeParticipant): void {
  if (!participants.includes(participant)) participants.push(participant);
}

export function customerMergeParticipants(): readonly CustomerMergeParticipant[] {
  return participants;
}
