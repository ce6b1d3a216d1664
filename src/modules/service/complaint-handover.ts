import { EntityManager } from 'typeorm';
import type { Context } from '../../platform/context';
import { fail, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import { customerFacts } from '../customers/customer.sql';
import type { StaffFacts } from '../organisation/organisation.sql';
import { HandoverCounts, HandoverParticipant, HandoverSuccessors, nameSome, viewerOf } from '../organisation/staff-handover';
import { ComplaintEventEntity } from './complaint-event.entity';
import { ComplaintEntity } from './complaint.entity';
import { ComplaintAction, ComplaintState } from './service.enums';
import { servicePolicy } from './service.policy';

/*
 * 离职交接 of complaints (DOMAIN.md: People and rules, 首问负责制): a
 * complaint not yet closed must keep someone accountable. Where the leaver
 * was its first responder or its handler, the successor of the leaver's
 * customers (`customersTo`) takes that place; they must be allowed to handle
 * it (read its customer). Runs after the customers' handover, so a
 * successor reads the customers they were just given. Every complaint moved
 * gets a HAND_OVER entry; closed complaints keep the leaver as history.
 */
async function handOver(tx: EntityManager, ctx: Context, leaver: StaffFacts, successors: HandoverSuccessors): Promise<Result<Partial<HandoverCounts>>> {
  const held = await tx
    .getRepository(ComplaintEntity)
    .createQueryBuilder('cp')
    .where('cp.state <> :closed', { closed: ComplaintState.CLOSED })
    .andWhere('(cp.first_responder_id = :leaver OR cp.handler_id = :leaver)', { leaver: leaver.id })
    .orderBy('cp.code')
    .setLock('pessimistic_write')
    .getMany();
  if (held.length === 0) return ok({});
  const to = successors.customersTo;
  if (!to) {
    return fail(UserErrorCode.HANDOVER_REFUSED, `${leaver.name} answers for ${held.length} open complaints (${nameSome(held.map((c) => c.code))}): name who takes them (customersTo)`, [
      'handover',
      'customersTo',
    ]);
  }
  const successor = viewerOf(to);
  // One check per customer, not per complaint: a leaver's complaints cluster on their own customers.
  const mayHandle = new Map<string, boolean>();
  for (const customerId of new Set(held.map((c) => c.customerId))) {
    const { reads } = await customerFacts.check(tx, customerId, { reads: (alias) => servicePolicy.read(alias, successor) });
    mayHandle.set(customerId, servicePolicy.mayHandle(successor, reads));
  }
  const refused = held.filter((c) => !mayHandle.get(c.customerId)).map((c) => c.code);
  if (refused.length) {
    return fail(UserErrorCode.HANDOVER_REFUSED, `${to.name} may not handle ${refused.length} of ${leaver.name}'s open complaints (${nameSome(refused)})`, ['handover', 'customersTo']);
  }
  const ids = held.map((c) => c.id);
  await tx.query(
    `UPDATE complaint SET first_responder_id = CASE WHEN first_responder_id = $2 THEN $3 ELSE first_responder_id END,
       handler_id = CASE WHEN handler_id = $2 THEN $3 ELSE handler_id END, version = version + 1
     WHERE id = ANY($1::uuid[])`,
    [ids, leaver.id, to.id],
  );
  await tx.getRepository(ComplaintEventEntity).insert(
    held.map((complaint) => ({
      complaintId: complaint.id,
      action: ComplaintAction.HAND_OVER,
      fromState: complaint.state,
      toState: complaint.state,
      actorId: ctx.viewer.staffId,
      handlerId: complaint.handlerId === leaver.id ? to.id : null,
      note: `离职交接: ${leaver.name} → ${to.name}`,
    })),
  );
  return ok({ complaints: held.length });
}

export const complaintHandover: HandoverParticipant = { handOver };
