import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { CARE_TIME_ZONE } from './care.sql';
import { ContactEntity } from './contact.entity';
import { customerAccess } from './contact.service';
import { MarkContactLeftInput } from './contact-leaving.types';

/** Today where the customers are. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CARE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * 离职 — a contact leaves their company (DOMAIN.md: People and rules): they
 * stay, with their care history, in the org chart and on the map, shown with
 * `leftOn`; from then on they are never due for care (care.sql.ts: LEFT) nor
 * counted in coverage or relationship gaps. `leftOn: null` takes it back.
 */
export async function markContactLeft(ctx: Context, input: MarkContactLeftInput): Promise<Result<ContactEntity>> {
  const errors = await validateInput(input);
  if (errors.length) return failMany(errors);
  if (input.leftOn != null && Number.isNaN(Date.parse(`${input.leftOn}T00:00:00Z`))) return fail(UserErrorCode.VALIDATION, 'leftOn must be a real date', 'leftOn');
  if (input.leftOn != null && input.leftOn > today()) return fail(UserErrorCode.VALIDATION, 'leftOn must not be in the future', 'leftOn');
  return inTransaction(ctx, async (tx) => {
    const contactId = uuidOf(input.id, 'Contact');
    const existing = contactId ? await tx.getRepository(ContactEntity).findOne({ where: { id: contactId }, select: { id: true, customerId: true } }) : null;
    const access = await customerAccess(tx, ctx, existing?.customerId ?? null);
    if (!existing || !access.readable) return fail(UserErrorCode.NOT_FOUND, 'Contact not found', 'id');
    if (!access.writable) throw forbidden('You may read this contact but not change it');
    const before = await tx.getRepository(ContactEntity).createQueryBuilder('ct').where('ct.id = :id', { id: existing.id }).setLock('pessimistic_write').getOneOrFail();
    if (input.expectedVersion != null && input.expectedVersion !== before.version) {
      return fail(UserErrorCode.VERSION_CONFLICT, `The contact changed since you read it (version ${input.expectedVersion}, now ${before.version})`, 'expectedVersion');
    }
    const leftOn = input.leftOn ?? null;
    if (leftOn === null && before.leftOn === null) return fail(UserErrorCode.INVALID_TRANSITION, `${before.name} has not left`, 'leftOn');
    if (leftOn !== before.leftOn) {
      await tx
        .createQueryBuilder()
        .update(ContactEntity)
        .set({ leftOn, version: () => 'version + 1' })
        .where('id = :id', { id: before.id })
        .execute();
    }
    return ok(await tx.getRepository(ContactEntity).findOneByOrFail({ id: before.id }));
  });
}
