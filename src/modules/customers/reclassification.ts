import { EntityManager } from 'typeorm';
import { LEADER_ROLES } from '../../platform/auth/viewer';
import { Context, inTransaction } from '../../platform/context';
import { Page, PageArgs, paginate } from '../../platform/graphql/connection';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { byIds } from '../../platform/sql';
import { anyOf, NOTHING, ScopePredicate } from '../../platform/scope/predicate';
import { organisationSql } from '../organisation/organisation.sql';
import { recordChange } from './customer-changes';
import { CustomerReclassificationEntity } from './customer-reclassification.entity';
import { ReclassificationState } from './customer.enums';
import { customerPolicy } from './customer.policy';
import { GroupCustomerEntity } from './group-customer.entity';
import { reclassificationDecider } from './reclassification-rules';
import { DecideReclassificationInput, RequestCustomerReclassificationInput } from './reclassification.types';
import type { Viewer } from '../../platform/auth/viewer';

/*
 * 变更申请 — level and grade changes (DOMAIN.md: People and rules): a keeper
 * of the customer asks, the leader above decides (reclassification-rules.ts
 * says which), and an approval changes the customer with a history entry.
 * A request reads like its customer; its decider's seat is a leader role in
 * a region, like an approval step's.
 */

/** Requests (alias) whose customer the viewer may read. */
function readable(alias: string, viewer: Viewer): ScopePredicate {
  const scope = customerPolicy.read('rc_c', viewer);
  return { sql: `EXISTS (SELECT 1 FROM group_customer rc_c WHERE rc_c.id = ${alias}.customer_id AND ${scope.sql})`, params: scope.params };
}

/** Requests (alias) the viewer decides: their own leader role in their own region. */
function decidable(alias: string, viewer: Viewer): ScopePredicate {
  const seats = [...viewer.roles].filter((role) => LEADER_ROLES.includes(role));
  if (!seats.length || viewer.partnerId) return NOTHING;
  return { sql: `(${alias}.decider_region_id = :rcRegion AND ${alias}.decider_role::text IN (:...rcSeats))`, params: { rcRegion: viewer.regionId, rcSeats: seats } };
}

const pendingConflict = userError(UserErrorCode.ALREADY_EXISTS, 'A change request for this customer is already pending', 'customerId');

export const reclassifications = {
  async byIds(ctx: Context, ids: readonly string[]): Promise<(CustomerReclassificationEntity | null)[]> {
    const scope = anyOf([readable('r', ctx.viewer), decidable('r', ctx.viewer)]);
    const rows = await ctx.db
      .getRepository(CustomerReclassificationEntity)
      .createQueryBuilder('r')
      .where('r.id IN (:...ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .getMany();
    return byIds(rows, ids);
  },

  /** The viewer's queue: pending requests their seat decides, oldest first. */
  queue(ctx: Context, args: PageArgs): Promise<Page<CustomerReclassificationEntity>> {
    const seat = decidable('r', ctx.viewer);
    const query = ctx.db.getRepository(CustomerReclassificationEntity).createQueryBuilder('r').where(`r.state = 'PENDING'`).andWhere(seat.sql, seat.params);
    return paginate(query, { args, sort: { expression: 'r.created_at', type: 'timestamptz', value: (r) => r.createdAt }, direction: 'ASC', idExpression: 'r.id', map: (r) => r });
  },

  async request(ctx: Context, input: RequestCustomerReclassificationInput): Promise<Result<CustomerReclassificationEntity>> {
    const errors = await validateInput(input);
    if (input.managementLevel == null && input.grade == null) errors.push(userError(UserErrorCode.VALIDATION, 'Ask for a new management level, a new grade, or both', 'managementLevel'));
    if (errors.length) return failMany(errors);
    return inTransaction(
      ctx,
      async (tx) => {
        const customerId = uuidOf(input.customerId, 'GroupCustomer');
        const query = tx
          .getRepository(GroupCustomerEntity)
          .createQueryBuilder('c')
          .where('c.id = :customerId', { customerId: customerId ?? '00000000-0000-0000-0000-000000000000' });
        if (!(await customerPolicy.applyRead(query.clone(), 'c', ctx.viewer).getExists())) return fail(UserErrorCode.NOT_FOUND, 'Customer not found', 'customerId');
        const customer = await customerPolicy.applyWrite(query, 'c', ctx.viewer).setLock('pessimistic_write').getOne();
        if (!customer) throw forbidden('Only those who keep the customer ask to change its level or grade');
        const toLevel = input.managementLevel != null && input.managementLevel !== customer.managementLevel ? input.managementLevel : null;
        const toGrade = input.grade != null && input.grade !== customer.grade ? input.grade : null;
        if (!toLevel && !toGrade) return fail(UserErrorCode.VALIDATION, `${customer.code} already has that management level and grade`, input.managementLevel != null ? 'managementLevel' : 'grade');
        const [{ path }] = await tx.query(`SELECT ${organisationSql.regionPath('$1::uuid')} AS path`, [customer.regionId]);
        const decider = reclassificationDecider(customer, { managementLevel: toLevel ?? undefined, grade: toGrade ?? undefined }, path);
        const repo = tx.getRepository(CustomerReclassificationEntity);
        return ok(
          await repo.save(
            repo.create({
              customerId: customer.id,
              fromLevel: customer.managementLevel,
              toLevel,
              fromGrade: customer.grade,
              toGrade,
              reason: input.reason.trim(),
              requestedById: ctx.viewer.staffId,
              deciderRole: decider.role,
              deciderRegionId: decider.regionId,
              state: ReclassificationState.PENDING,
            }),
          ),
        );
      },
      { uq_customer_reclassification_pending: pendingConflict },
    );
  },

  /**
   * The decider's verdict. Racing decisions queue on the request's lock: the
   * second finds it decided. An approval applies the change only if the
   * customer still has what the request started from.
   */
  async decide(ctx: Context, input: DecideReclassificationInput): Promise<Result<CustomerReclassificationEntity>> {
    const errors = await validateInput(input);
    if (!input.approve && !input.comment?.trim()) errors.push(userError(UserErrorCode.VALIDATION, 'Say why you reject it', 'comment'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const id = uuidOf(input.id, 'CustomerReclassification');
      const scope = anyOf([readable('r', ctx.viewer), decidable('r', ctx.viewer)]);
      const request = id
        ? await tx.getRepository(CustomerReclassificationEntity).createQueryBuilder('r').where('r.id = :id', { id }).andWhere(scope.sql, scope.params).setLock('pessimistic_write').getOne()
        : null;
      if (!request) return fail(UserErrorCode.NOT_FOUND, 'Change request not found', 'id');
      const seat = decidable('r', ctx.viewer);
      const mayDecide = await tx.getRepository(CustomerReclassificationEntity).createQueryBuilder('r').where('r.id = :id', { id }).andWhere(seat.sql, seat.params).getExists();
      if (!mayDecide) throw forbidden(`Only the ${request.deciderRole.toLowerCase().replace('_', ' ')} above the customer decides this request`);
      if (input.expectedVersion != null && input.expectedVersion !== request.version) {
        return fail(UserErrorCode.VERSION_CONFLICT, `The request changed since you read it (version ${input.expectedVersion}, now ${request.version})`, 'expectedVersion');
      }
      if (request.state !== ReclassificationState.PENDING) return fail(UserErrorCode.INVALID_TRANSITION, `The request is already ${request.state}`, 'id');
      if (input.approve) {
        const applied = await apply(tx, ctx, request);
        if (!applied.ok) return applied;
      }
      await tx.getRepository(CustomerReclassificationEntity).update(
        { id: request.id },
        {
          state: input.approve ? ReclassificationState.APPROVED : ReclassificationState.REJECTED,
          decidedById: ctx.viewer.staffId,
          decidedAt: new Date(),
          comment: input.comment?.trim() || null,
          version: request.version + 1,
        },
      );
      return ok(await tx.getRepository(CustomerReclassificationEntity).findOneByOrFail({ id: request.id }));
    });
  },

  /** Cancels a customer's pending request (its customer is merged away). */
  async cancelPending(tx: EntityManager, customerId: string): Promise<void> {
    await tx
      .getRepository(CustomerReclassificationEntity)
      .update({ customerId, state: ReclassificationState.PENDING }, { state: ReclassificationState.CANCELLED, version: () => 'version + 1', decidedAt: new Date() });
  },
};

async function apply(tx: EntityManager, ctx: Context, request: CustomerReclassificationEntity): Promise<Result<true>> {
  const customer = await tx.getRepository(GroupCustomerEntity).createQueryBuilder('c').where('c.id = :id', { id: request.customerId }).setLock('pessimistic_write').getOneOrFail();
  if (customer.managementLevel !== request.fromLevel || customer.grade !== request.fromGrade) {
    return fail(UserErrorCode.INVALID_TRANSITION, `${customer.code} changed since the request (now ${customer.managementLevel} ${customer.grade}): reject it and ask again`, 'id');
  }
  const changes = [];
  if (request.toLevel) changes.push({ field: 'managementLevel', from: request.fromLevel, to: request.toLevel });
  if (request.toGrade) changes.push({ field: 'grade', from: request.fromGrade, to: request.toGrade });
  await tx
    .createQueryBuilder()
    .update(GroupCustomerEntity)
    .set({ managementLevel: request.toLevel ?? customer.managementLevel, grade: request.toGrade ?? customer.grade, version: () => 'version + 1' })
    .where('id = :id', { id: customer.id })
    .execute();
  await recordChange(tx, ctx, customer.id, 'RECLASSIFY', changes);
  return ok(true);
}
