import { EntityManager, IsNull } from 'typeorm';
import { Role } from '../../platform/auth/viewer';
import { Context, inTransaction } from '../../platform/context';
import { Page, PageArgs, paginate } from '../../platform/graphql/connection';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { byIds } from '../../platform/sql';
import { CustomerGrade, CustomerStatus } from '../customers/customer.enums';
import { customerRetention, RetentionCustomerFacts } from '../customers/customer-retention';
import { customerFacts, customerSql } from '../customers/customer.sql';
import { chinaDate } from '../opportunities/fen';
import { isoDate } from '../opportunities/input-checks';
import { organisationFacts } from '../organisation/organisation.sql';
import { RegionLevel } from '../organisation/region-level';
import { retentionEngine } from './retention-engine';
import { LossReason, RetentionCaseOrigin, RetentionCaseStage, RetentionOutcome, RISK_BY_RANK, RiskLevel } from './retention.enums';
import type { CloseRetentionCaseInput, LogRetentionActionInput, OpenRetentionCaseInput, RetentionCaseFilter } from './retention.inputs';
import { retentionPolicy } from './retention.policy';
import { RetentionActionEntity } from './retention-action.entity';
import { RetentionCaseEntity } from './retention-case.entity';
import { RetentionStateEntity } from './retention-state.entity';

/*
 * 挽回 (DOMAIN.md: Retention): opening a case by hand or from a HIGH risk,
 * who leads it by grade (分级挽回), logging actions, and closing it — LOST
 * churns the customer and RETAINED wins a churned one back, in the same
 * transaction (customers/customer-retention.ts).
 */

const NOWHERE = '00000000-0000-0000-0000-000000000000';
const caseOpen = (code: string) => userError(UserErrorCode.ALREADY_EXISTS, `This customer already has an open retention case${code}`, 'customerId');

/** 分级挽回: A1/A2 → the city leader leads with the account manager; others → the account manager. */
async function leadsFor(tx: EntityManager, customer: RetentionCustomerFacts, openerId: string): Promise<{ leadId: string; coLeadId: string | null }> {
  const aGrade = customer.grade === CustomerGrade.A1 || customer.grade === CustomerGrade.A2;
  const cityLeader = aGrade || !customer.accountManagerId ? await organisationFacts.holderOver(tx, customer.regionPath, RegionLevel.CITY, Role.CITY_LEADER) : null;
  if (aGrade && cityLeader) return { leadId: cityLeader, coLeadId: customer.accountManagerId !== cityLeader ? customer.accountManagerId : null };
  return { leadId: customer.accountManagerId ?? cityLeader ?? openerId, coLeadId: null };
}

/** The customer readable and actionable by the viewer: NOT_FOUND out of retention scope, FORBIDDEN when only readable. */
async function checkCustomer(tx: EntityManager, ctx: Context, customerId: string | null, field: string): Promise<Result<string>> {
  if (!customerId) return fail(UserErrorCode.NOT_FOUND, 'Customer not found', field);
  const may = await customerFacts.check(tx, customerId, { read: (a) => retentionPolicy.read(a, ctx.viewer), act: (a) => retentionPolicy.act(a, ctx.viewer) });
  if (!may.read) return fail(UserErrorCode.NOT_FOUND, 'Customer not found', field);
  if (!may.act) throw forbidden('You may read this customer’s retention but not act on it');
  return ok(customerId);
}

/** The case, locked, when its customer is in the viewer's scope; its lead and co-lead may always act on it. */
async function lockCase(tx: EntityManager, ctx: Context, caseId: string | null, expectedVersion?: number | null): Promise<Result<RetentionCaseEntity>> {
  const notFound = fail<RetentionCaseEntity>(UserErrorCode.NOT_FOUND, 'Retention case not found', 'caseId');
  if (!caseId) return notFound;
  const found = await tx.getRepository(RetentionCaseEntity).createQueryBuilder('rc').where('rc.id = :caseId', { caseId }).setLock('pessimistic_write').getOne();
  if (!found) return notFound;
  const may = await customerFacts.check(tx, found.customerId, { read: (a) => retentionPolicy.read(a, ctx.viewer), act: (a) => retentionPolicy.act(a, ctx.viewer) });
  if (!may.read) return notFound;
  if (!may.act && found.leadId !== ctx.viewer.staffId && found.coLeadId !== ctx.viewer.staffId) throw forbidden('Only the case’s leads, the customer’s managers and leaders over it act on this case');
  if (found.stage === RetentionCaseStage.CLOSED) return fail(UserErrorCode.INVALID_TRANSITION, `The case is CLOSED (${found.outcome})`, 'caseId');
  if (expectedVersion != null && expectedVersion !== found.version)
    return fail(UserErrorCode.VERSION_CONFLICT, `The case changed since you read it (version ${expectedVersion}, now ${found.version})`, 'expectedVersion');
  return ok(found);
}

function checkClose(input: CloseRetentionCaseInput, errors: UserErrorValue[]) {
  const refuse = (field: string, message: string) => errors.push(userError(UserErrorCode.VALIDATION, message, field));
  if (input.outcome === RetentionOutcome.LOST) {
    if (!input.lossReason) refuse('lossReason', 'Say why the customer was lost');
    if (input.lossReason === LossReason.COMPETITOR && !input.rivalCarrier) refuse('rivalCarrier', 'Name the rival carrier that took the customer');
    if (input.lossReason === LossReason.OTHER && !input.note?.trim()) refuse('note', 'Say what the other reason was');
  } else if (input.lossReason || input.rivalCarrier) refuse('lossReason', `A loss reason belongs to LOST, not ${input.outcome}`);
  if (input.outcome === RetentionOutcome.ABANDONED) {
    if (!input.abandonReason) refuse('abandonReason', 'A customer is given up only for MALICIOUS_ARREARS or LOW_VALUE (seed 001: 彻底放弃不值得挽留的客户)');
  } else if (input.abandonReason) refuse('abandonReason', `An abandon reason belongs to ABANDONED, not ${input.outcome}`);
}

/** The churn reason the customer keeps (CHURNED), at most 500 characters. */
function churnReason(input: CloseRetentionCaseInput): string {
  const reason = input.lossReason === LossReason.COMPETITOR ? `COMPETITOR: ${input.rivalCarrier}` : String(input.lossReason);
  const note = input.note?.trim();
  return (note ? `${reason} — ${note}` : reason).slice(0, 500);
}

function dayBound(query: { andWhere: (sql: string, params: object) => unknown }, column: string, day: Date | null | undefined, side: 'from' | 'to', param: string) {
  if (!day) return;
  const edge = `(CAST(:${param} AS date)${side === 'to' ? ' + 1' : ''})::timestamp AT TIME ZONE 'Asia/Shanghai'`;
  query.andWhere(`${column} ${side === 'from' ? '>=' : '<'} ${edge}`, { [param]: isoDate(day) });
}

export const retentionCases = {
  /** Opens a case: by hand (any risk, even LOW or on a CHURNED customer to win it back) or accepting the proposal of a HIGH risk. */
  async open(ctx: Context, input: OpenRetentionCaseInput, origin: RetentionCaseOrigin): Promise<Result<RetentionCaseEntity>> {
    const errors = await validateInput(input);
    if (errors.length) return failMany(errors);
    return inTransaction(
      ctx,
      async (tx) => {
        const checked = await checkCustomer(tx, ctx, uuidOf(input.customerId, 'GroupCustomer'), 'customerId');
        if (!checked.ok) return failMany(checked.errors);
        const customer = (await customerRetention.lock(tx, checked.value))!;
        if (customer.status === CustomerStatus.PROSPECT) return fail(UserErrorCode.VALIDATION, 'A prospect has not signed: there is nothing to retain', 'customerId');
        const existing = await tx.getRepository(RetentionCaseEntity).findOneBy({ customerId: customer.id, closedAt: IsNull() });
        if (existing) return failMany([caseOpen(` (opened ${existing.openedAt.toISOString().slice(0, 10)})`)]);
        const state = (await tx.getRepository(RetentionStateEntity).findOneBy({ id: customer.id })) ?? (await retentionEngine.compute(tx, [customer.id]))[0];
        const level = RISK_BY_RANK[state?.levelRank ?? 0];
        if (origin === RetentionCaseOrigin.PROPOSED && level !== RiskLevel.HIGH)
          return fail(UserErrorCode.VALIDATION, `Only a HIGH risk proposes a case; this customer's risk is ${level}`, 'customerId');
        const leads = await leadsFor(tx, customer, ctx.viewer.staffId);
        const repo = tx.getRepository(RetentionCaseEntity);
        const saved = await repo.save(
          repo.create({
            customerId: customer.id,
            origin,
            stage: RetentionCaseStage.OPEN,
            riskLevelAtOpen: level,
            signalsAtOpen: state?.evidence ?? [],
            ...leads,
            openedById: ctx.viewer.staffId,
            note: input.note?.trim() || null,
            version: 1,
          }),
        );
        return ok(saved);
      },
      { uq_retention_case_open: caseOpen('') },
    );
  },

  async logAction(ctx: Context, input: LogRetentionActionInput): Promise<Result<RetentionCaseEntity>> {
    const errors = await validateInput(input);
    if (input.occurredOn && isoDate(input.occurredOn) > chinaDate()) errors.push(userError(UserErrorCode.VALIDATION, 'The action cannot be in the future', 'occurredOn'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const locked = await lockCase(tx, ctx, uuidOf(input.caseId, 'RetentionCase'));
      if (!locked.ok) return locked;
      await tx
        .getRepository(RetentionActionEntity)
        .insert({ caseId: locked.value.id, kind: input.kind, occurredOn: isoDate(input.occurredOn), note: input.note.trim(), recordedById: ctx.viewer.staffId });
      await tx.getRepository(RetentionCaseEntity).update({ id: locked.value.id }, { stage: RetentionCaseStage.IN_PROGRESS, version: locked.value.version + 1 });
      return ok(await tx.getRepository(RetentionCaseEntity).findOneByOrFail({ id: locked.value.id }));
    });
  },

  async close(ctx: Context, input: CloseRetentionCaseInput): Promise<Result<RetentionCaseEntity>> {
    const errors = await validateInput(input);
    checkClose(input, errors);
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const locked = await lockCase(tx, ctx, uuidOf(input.caseId, 'RetentionCase'), input.expectedVersion);
      if (!locked.ok) return locked;
      const customer = (await customerRetention.lock(tx, locked.value.customerId))!;
      await tx.getRepository(RetentionCaseEntity).update(
        { id: locked.value.id },
        {
          stage: RetentionCaseStage.CLOSED,
          outcome: input.outcome,
          lossReason: input.lossReason ?? null,
          rivalCarrier: input.rivalCarrier ?? null,
          abandonReason: input.abandonReason ?? null,
          closedAt: () => 'now()',
          closedById: ctx.viewer.staffId,
          closeNote: input.note?.trim() || null,
          version: locked.value.version + 1,
        },
      );
      if (input.outcome === RetentionOutcome.LOST) await customerRetention.markChurned(tx, ctx, customer, churnReason(input));
      if (input.outcome === RetentionOutcome.RETAINED && customer.status === CustomerStatus.CHURNED) await customerRetention.markWonBack(tx, ctx, customer);
      if (input.outcome !== RetentionOutcome.ABANDONED) await retentionEngine.store(tx, [customer.id]);
      return ok(await tx.getRepository(RetentionCaseEntity).findOneByOrFail({ id: locked.value.id }));
    });
  },

  /** Cases by id in the viewer's retention scope. */
  async byIds(ctx: Context, ids: readonly string[]): Promise<(RetentionCaseEntity | null)[]> {
    const query = ctx.db
      .getRepository(RetentionCaseEntity)
      .createQueryBuilder('rc')
      .where('rc.id IN (:...ids)', { ids: [...ids] });
    const scope = customerSql.exists('rc.customer_id', 'rc_c', retentionPolicy.read('rc_c', ctx.viewer));
    return byIds(await query.andWhere(scope.sql, scope.params).getMany(), ids);
  },

  /** The open case of each customer (in scope: the customer was read through it). */
  async openOf(ctx: Context, customerIds: readonly string[]): Promise<(RetentionCaseEntity | null)[]> {
    const query = ctx.db
      .getRepository(RetentionCaseEntity)
      .createQueryBuilder('rc')
      .where('rc.customer_id IN (:...ids) AND rc.closed_at IS NULL', { ids: [...customerIds] });
    const scope = customerSql.exists('rc.customer_id', 'rc_c', retentionPolicy.read('rc_c', ctx.viewer));
    const rows = await query.andWhere(scope.sql, scope.params).getMany();
    return customerIds.map((id) => rows.find((row) => row.customerId === id) ?? null);
  },

  /** Each case's actions, oldest first. */
  async actionsOf(ctx: Context, caseIds: readonly string[]): Promise<RetentionActionEntity[][]> {
    const rows = await ctx.db
      .getRepository(RetentionActionEntity)
      .createQueryBuilder('a')
      .where('a.case_id IN (:...ids)', { ids: [...caseIds] })
      .orderBy('a.occurred_on', 'ASC')
      .addOrderBy('a.recorded_at', 'ASC')
      .getMany();
    return caseIds.map((id) => rows.filter((row) => row.caseId === id));
  },

  /** Cases in the viewer's scope (or only those they lead, `mine`), newest first. */
  list(ctx: Context, filter: RetentionCaseFilter | null | undefined, args: PageArgs, mine = false): Promise<Page<RetentionCaseEntity>> {
    const query = ctx.db.getRepository(RetentionCaseEntity).createQueryBuilder('rc');
    const scope = customerSql.exists('rc.customer_id', 'rc_c', retentionPolicy.read('rc_c', ctx.viewer));
    query.where(scope.sql, scope.params);
    if (mine) query.andWhere('(rc.lead_id = :me OR rc.co_lead_id = :me)', { me: ctx.viewer.staffId });
    if (filter?.stages?.length) query.andWhere('rc.stage IN (:...caseStages)', { caseStages: filter.stages });
    if (filter?.outcome) query.andWhere('rc.outcome = :caseOutcome', { caseOutcome: filter.outcome });
    if (filter?.customerId != null) query.andWhere('rc.customer_id = :caseCustomer', { caseCustomer: uuidOf(filter.customerId, 'GroupCustomer') ?? NOWHERE });
    if (filter?.regionId != null) {
      query.andWhere(customerSql.inSubtreeOfRegion('rc.customer_id', 'caseRegionId'), { caseRegionId: uuidOf(filter.regionId, 'Region') ?? NOWHERE });
    }
    dayBound(query, 'rc.opened_at', filter?.openedFrom, 'from', 'openedFrom');
    dayBound(query, 'rc.opened_at', filter?.openedTo, 'to', 'openedTo');
    dayBound(query, 'rc.closed_at', filter?.closedFrom, 'from', 'closedFrom');
    dayBound(query, 'rc.closed_at', filter?.closedTo, 'to', 'closedTo');
    return paginate(query, {
      args,
      sort: { expression: 'rc.opened_at', type: 'timestamptz', value: (rc) => rc.openedAt },
      direction: 'DESC',
      idExpression: 'rc.id',
      map: (row) => row,
      capCount: true,
    });
  },
};
