import { EntityManager } from 'typeorm';
import { hasRole, LEADER_ROLES } from '../../platform/auth/viewer';
import { Context, inTransaction } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { NOTHING } from '../../platform/scope/predicate';
import { contactFacts } from '../contacts/contact.sql';
import { customerPolicy } from '../customers/customer.policy';
import { customerFacts } from '../customers/customer.sql';
import { organisationFacts } from '../organisation/organisation.sql';
import { businessRules } from '../rules/business-rules';
import { complaintDeadlineHours, KEY_ACCOUNT_GRADES } from './complaint-deadline';
import { ComplaintEventEntity } from './complaint-event.entity';
import { callbackOutcome, nextState } from './complaint-lifecycle';
import { ComplaintEntity } from './complaint.entity';
import { CallBackComplaintInput, ComplaintActionInput, HandOverComplaintInput, RecordComplaintInput, ResolveComplaintInput } from './complaint.types';
import { ComplaintAction, ComplaintState } from './service.enums';
import { servicePolicy } from './service.policy';
import { SERVICE_TIME_ZONE } from './service-period';

/*
 * 投诉 — recording a complaint and every move of it (DOMAIN.md: Service
 * quality). The table of moves is complaint-lifecycle.ts, who may make them
 * service.policy.ts; here each move is one conditional UPDATE (on the state
 * and version read) plus its history entry, so of two people acting at once
 * exactly one succeeds.
 */

type Move = Exclude<ComplaintAction, ComplaintAction.RECORD>;

interface Access {
  readable: boolean;
  serves: boolean;
  leaderOver: boolean;
  keyAccount: boolean;
}

/** What the viewer may do with the customer `customerId`, and whether it is an A1/A2 key account. */
function access(tx: EntityManager, ctx: Context, customerId: string): Promise<Access> {
  const viewer = ctx.viewer;
  return customerFacts.check(tx, customerId, {
    readable: (alias) => servicePolicy.read(alias, viewer),
    serves: (alias) => servicePolicy.serve(alias, viewer),
    leaderOver: (alias) => (hasRole(viewer, ...LEADER_ROLES) ? customerPolicy.inViewerRegion(alias, viewer) : NOTHING),
    keyAccount: (alias) => ({ sql: `${alias}.grade IN (${KEY_ACCOUNT_GRADES.map((g) => `'${g}'`).join(', ')})`, params: {} }),
  });
}

async function appendHistory(tx: EntityManager, entry: Partial<ComplaintEventEntity>): Promise<void> {
  await tx.getRepository(ComplaintEventEntity).insert(entry);
}

const text = (value: string | null | undefined) => value?.trim() || null;

/**
 * Applies one move: the complaint must be readable, the viewer allowed, the
 * move in the table for its state and `expectedVersion` current; then one
 * UPDATE conditional on the state and version read. Losing a race to
 * another move answers like the move being refused in the new state.
 */
async function move(
  ctx: Context,
  input: ComplaintActionInput,
  action: Move | ((complaint: ComplaintEntity) => Move),
  changes: (complaint: ComplaintEntity, tx: EntityManager) => Promise<Result<{ set: Record<string, unknown>; history: Partial<ComplaintEventEntity> }>>,
): Promise<Result<ComplaintEntity>> {
  const errors = await validateInput(input);
  if (errors.length) return failMany(errors);
  return inTransaction(ctx, async (tx) => {
    const id = uuidOf(input.id, 'Complaint');
    const complaint = id ? await tx.getRepository(ComplaintEntity).findOneBy({ id }) : null;
    const can = complaint ? await access(tx, ctx, complaint.customerId) : null;
    if (!complaint || !can?.readable) return fail(UserErrorCode.NOT_FOUND, 'Complaint not found', 'id');
    const what = typeof action === 'function' ? action(complaint) : action;
    const callback = what === ComplaintAction.CLOSE || what === ComplaintAction.REOPEN;
    const allowed = callback ? servicePolicy.mayCallBack(ctx.viewer, complaint, can.leaderOver) : servicePolicy.mayMove(ctx.viewer, complaint, can.leaderOver);
    if (!allowed) throw forbidden(callback ? 'The callback is the first responder’s or a leader’s' : 'Only the first responder, the handler and leaders over the customer act on a complaint');
    if (input.expectedVersion != null && input.expectedVersion !== complaint.version) {
      return fail(UserErrorCode.VERSION_CONFLICT, `The complaint changed since you read it (version ${input.expectedVersion}, now ${complaint.version})`, 'expectedVersion');
    }
    const to = nextState(what, complaint.state);
    if (!to) return fail(UserErrorCode.INVALID_TRANSITION, `Complaint ${complaint.code} is ${complaint.state}: ${what} is not possible`, 'id');
    const change = await changes(complaint, tx);
    if (!change.ok) return change;
    const moved = await tx
      .createQueryBuilder()
      .update(ComplaintEntity)
      .set({ ...change.value.set, state: to, version: () => 'version + 1' })
      .where('id = :id AND state = :from AND version = :version', { id: complaint.id, from: complaint.state, version: complaint.version })
      .execute();
    if (!moved.affected) {
      const now = await tx.getRepository(ComplaintEntity).findOneByOrFail({ id: complaint.id });
      return now.state !== complaint.state
        ? fail(UserErrorCode.INVALID_TRANSITION, `Complaint ${complaint.code} is now ${now.state}: ${what} is not possible`, 'id')
        : fail(UserErrorCode.VERSION_CONFLICT, `The complaint changed meanwhile (version ${now.version})`, 'id');
    }
    await appendHistory(tx, { complaintId: complaint.id, action: what, fromState: complaint.state, toState: to, actorId: ctx.viewer.staffId, ...change.value.history });
    return ok(await tx.getRepository(ComplaintEntity).findOneByOrFail({ id: complaint.id }));
  });
}

export const complaints = {
  /** 受理: the viewer records the complaint and is its first responder; the deadline comes from the rules in force. */
  async record(ctx: Context, input: RecordComplaintInput): Promise<Result<ComplaintEntity>> {
    const errors = await validateInput(input);
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const customerId = uuidOf(input.customerId, 'GroupCustomer');
      const can = customerId ? await access(tx, ctx, customerId) : null;
      if (!customerId || !can?.readable) return fail(UserErrorCode.NOT_FOUND, 'Customer not found', 'customerId');
      if (!can.serves) throw forbidden('Complaints are recorded by those who keep the customer and leaders over it');
      let contactId: string | null = null;
      if (input.contactId != null) {
        const [contact] = await contactFacts.ofIds(tx, [uuidOf(input.contactId, 'Contact') ?? '00000000-0000-0000-0000-000000000000']);
        if (!contact || contact.customerId !== customerId) return fail(UserErrorCode.VALIDATION, 'Not a contact of this customer', 'contactId');
        contactId = contact.id;
      }
      const { version, rules } = await businessRules.inForce(tx);
      const hours = complaintDeadlineHours(rules.service, input.severity, can.keyAccount ? 'KEY_ACCOUNT' : 'OTHER');
      const [{ id }] = await tx.query(
        `INSERT INTO complaint (code, customer_id, contact_id, channel, category, severity, description, first_responder_id, due_at, rule_version)
         VALUES ('TS' || to_char(now() AT TIME ZONE '${SERVICE_TIME_ZONE}', 'YYYYMM') || '-' || lpad(nextval('complaint_code_seq')::text, 6, '0'),
                 $1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8), $9) RETURNING id`,
        [customerId, contactId, input.channel, input.category, input.severity, input.description.trim(), ctx.viewer.staffId, hours * 3600, version],
      );
      await appendHistory(tx, { complaintId: id, action: ComplaintAction.RECORD, fromState: null, toState: ComplaintState.OPEN, actorId: ctx.viewer.staffId });
      return ok(await tx.getRepository(ComplaintEntity).findOneByOrFail({ id }));
    });
  },

  /** 转派: to a handler in scope of the customer, with a note; the first responder stays accountable. */
  handOver(ctx: Context, input: HandOverComplaintInput): Promise<Result<ComplaintEntity>> {
    return move(ctx, input, ComplaintAction.HAND_OVER, async (complaint, tx) => {
      const handlerId = uuidOf(input.handlerId, 'Staff');
      const handler = handlerId ? await organisationFacts.viewer(tx, handlerId) : null;
      const reads = handler ? (await customerFacts.check(tx, complaint.customerId, { reads: (alias) => servicePolicy.read(alias, handler) })).reads : false;
      if (!handler || !servicePolicy.mayHandle(handler, reads)) {
        return fail(UserErrorCode.VALIDATION, 'The handler must be active staff of ours who may read this customer', 'handlerId');
      }
      if (handler.staffId === complaint.handlerId) return fail(UserErrorCode.VALIDATION, 'The complaint is already with this handler', 'handlerId');
      return ok({ set: { handlerId: handler.staffId }, history: { handlerId: handler.staffId, note: input.note.trim() } });
    });
  },

  start(ctx: Context, input: ComplaintActionInput): Promise<Result<ComplaintEntity>> {
    return move(ctx, input, ComplaintAction.START, async () => ok({ set: {}, history: {} }));
  },

  /** 解决: the resolution; the customer's key contacts are owed care from now (投诉客户关怀, service.sql.ts). */
  resolve(ctx: Context, input: ResolveComplaintInput): Promise<Result<ComplaintEntity>> {
    return move(ctx, input, ComplaintAction.RESOLVE, async () =>
      ok({ set: { resolution: input.resolution.trim(), resolvedAt: () => 'now()', followUpOpen: true }, history: { note: input.resolution.trim() } }),
    );
  },

  /** 回访: 3–5 closes the loop 闭环; 1–2 reopens it, counted (the key contacts' follow-up care stays owed). */
  callBack(ctx: Context, input: CallBackComplaintInput): Promise<Result<ComplaintEntity>> {
    const outcome = callbackOutcome(input.satisfaction);
    return move(ctx, input, outcome, async () =>
      ok({
        set:
          outcome === ComplaintAction.CLOSE
            ? { callbackSatisfaction: input.satisfaction, closedAt: () => 'now()' }
            : { callbackSatisfaction: input.satisfaction, reopenedCount: () => 'reopened_count + 1' },
        history: { satisfaction: input.satisfaction, note: text(input.note) },
      }),
    );
  },
};
