import { createHash } from 'node:crypto';
import { EntityManager, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isAdmin, isPartner, LEADER_ROLES, Role } from '../../platform/auth/viewer';
import { Context, inTransaction } from '../../platform/context';
import { Page, PageArgs, paginate, SortKey } from '../../platform/graphql/connection';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { OrderDirection } from '../../platform/graphql/order';
import { fail, failMany, ok, Result, userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { normaliseDecimal } from '../../platform/graphql/scalars';
import { validateInput } from '../../platform/graphql/validation';
import { byIds, paginateEach } from '../../platform/sql';
import { ManagementLevel } from '../customers/customer.enums';
import { customerService } from '../customers/customer.service';
import { GroupCustomerEntity } from '../customers/group-customer.entity';
import { Industry } from '../organisation/industry';
import { organisationService } from '../organisation/organisation.service';
import { PartnerEntity } from '../organisation/partner.entity';
import { StaffEntity } from '../organisation/staff.entity';
import { ApprovalDelegationEntity } from './approval-delegation.entity';
import { approvalRoute, compareDecimal, RouteStep } from './approval-routing';
import { ApprovalStepEntity } from './approval-step.entity';
import { IncentiveEntity } from './incentive.entity';
import { Actor, invalidTransitionMessage, LifecycleAction, transitionFor } from './lifecycle';
import { opportunityRules } from './opportunity.config';
import {
  ApprovalDecision,
  ApprovalState,
  CloseOutcome,
  DEAD_STAGES,
  EvaluationDecision,
  FINAL_STAGES,
  OpportunityCategory,
  OpportunitySource,
  OpportunityStage,
  ProductLine,
  RegistrationOutcome,
} from './opportunity.enums';
import { OpportunityEventEntity } from './opportunity-event.entity';
import { OpportunityEntity } from './opportunity.entity';
import { opportunityPolicy } from './opportunity.policy';
import {
  CancelOpportunityInput,
  CloseOpportunityInput,
  CompetitorInput,
  CreateOpportunityInput,
  DecideApprovalInput,
  DelegateApprovalsInput,
  EvaluateOpportunityInput,
  OpportunityActionInput,
  OpportunityFilter,
  OpportunityOrder,
  OpportunityOrderField,
  PipelineFilter,
  PipelineReport,
  PipelineStage,
  ReportOpportunityInput,
  RequestIncentiveInput,
  UpdateOpportunityInput,
} from './opportunity.types';
import { PartnerReportRequestEntity } from './partner-report-request.entity';
import { RegistrationAttemptEntity } from './registration-attempt.entity';

const NO_UUID = '00000000-0000-0000-0000-000000000000';

const SORTS: Record<OpportunityOrderField, SortKey<OpportunityEntity>> = {
  CREATED_AT: { expression: 'o.created_at', type: 'timestamptz', value: (o) => o.createdAt },
  ESTIMATED_AMOUNT: { expression: 'o.estimated_amount', type: 'numeric', value: (o) => o.estimatedAmount },
  EXPECTED_CLOSE_DATE: { expression: 'o.expected_close_date', type: 'date', value: (o) => String(o.expectedCloseDate) },
  CODE: { expression: 'o.code', type: 'text', value: (o) => o.code },
};

function groupBy<T>(rows: T[], key: (row: T) => string, ids: readonly string[]): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return ids.map((id) => map.get(id) ?? []);
}

/** A date input as YYYY-MM-DD (graphql-scalars parses dates to UTC midnight). */
const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const today = () => isoDate(new Date());

/** Money checks of the bad-input rules: not negative, not absurd (opportunity.config.ts). */
function checkAmount(value: string | null | undefined, field: string | string[], errors: UserErrorValue[]) {
  if (value == null) return;
  if (value.startsWith('-')) errors.push(userError(UserErrorCode.VALIDATION, 'Amount must not be negative', field));
  else if (compareDecimal(value, opportunityRules.maxEstimatedAmount) > 0) {
    errors.push(userError(UserErrorCode.VALIDATION, `Amount must not exceed ${opportunityRules.maxEstimatedAmount} CNY`, field));
  }
}

/** The fields a new opportunity has in common, created or reported, with their business checks. */
function checkNewOpportunity(input: CreateOpportunityInput | ReportOpportunityInput, errors: UserErrorValue[]) {
  checkAmount(input.estimatedAmount, 'estimatedAmount', errors);
  if (input.expectedCloseDate && isoDate(input.expectedCloseDate) < today()) {
    errors.push(userError(UserErrorCode.VALIDATION, 'A new opportunity cannot be expected to close in the past', 'expectedCloseDate'));
  }
  if (input.category === OpportunityCategory.COMPETITOR) checkCompetitor(input.competitor, errors);
}

/** DOMAIN.md: a COMPETITOR opportunity carries the rival's carrier, product, monthly fee, bandwidth and contract expiry. */
function checkCompetitor(competitor: CompetitorInput | null | undefined, errors: UserErrorValue[]) {
  if (!competitor) {
    errors.push(userError(UserErrorCode.VALIDATION, 'A COMPETITOR opportunity needs the rival’s line', 'competitor'));
    return;
  }
  const required: (keyof CompetitorInput)[] = ['carrier', 'product', 'monthlyFee', 'bandwidthMbps', 'contractExpiresOn'];
  for (const field of required) {
    const value = competitor[field];
    if (value == null || (typeof value === 'string' && value.trim() === '')) {
      errors.push(userError(UserErrorCode.VALIDATION, `${field} is required for a COMPETITOR opportunity`, ['competitor', field]));
    }
  }
  checkAmount(competitor.monthlyFee, ['competitor', 'monthlyFee'], errors);
}

function competitorColumns(category: OpportunityCategory, competitor: CompetitorInput | null | undefined): Partial<OpportunityEntity> {
  if (category !== OpportunityCategory.COMPETITOR || !competitor) {
    return { competitorCarrier: null, competitorProduct: null, competitorMonthlyFee: null, competitorBandwidthMbps: null, competitorContractExpiresOn: null };
  }
  return {
    competitorCarrier: competitor.carrier!,
    competitorProduct: competitor.product!.trim(),
    competitorMonthlyFee: competitor.monthlyFee!,
    competitorBandwidthMbps: competitor.bandwidthMbps!,
    competitorContractExpiresOn: isoDate(competitor.contractExpiresOn!),
  };
}

/** What the routing and the actor checks need of the customer: its level, account manager and region path. */
interface CustomerFacts {
  id: string;
  code: string;
  managementLevel: ManagementLevel;
  accountManagerId: string | null;
  regionPath: string;
}

async function customerFacts(tx: EntityManager, customerId: string): Promise<CustomerFacts> {
  const row = await tx
    .createQueryBuilder()
    .from(GroupCustomerEntity, 'c')
    .innerJoin('region', 'r', 'r.id = c.region_id')
    .select(['c.id AS id', 'c.code AS code', 'c.management_level AS "managementLevel"', 'c.account_manager_id AS "accountManagerId"', 'r.path AS "regionPath"'])
    .where('c.id = :customerId', { customerId })
    .getRawOne<CustomerFacts>();
  return row!;
}

/** Opportunities whose registration still protects the customer and product lines (DOMAIN.md: 撞单). */
async function activeRegistrations(tx: EntityManager, customerId: string, products: ProductLine[], exceptId?: string): Promise<OpportunityEntity[]> {
  const query = tx
    .getRepository(OpportunityEntity)
    .createQueryBuilder('o')
    .where('o.customer_id = :customerId', { customerId })
    .andWhere('o.products && CAST(:products AS product_line[])', { products })
    .andWhere('o.stage NOT IN (:...dead)', { dead: DEAD_STAGES })
    .andWhere(`o.registered_at > now() - make_interval(days => :windowDays)`, { windowDays: opportunityRules.protectionWindowDays })
    .orderBy('o.registered_at', 'ASC');
  if (exceptId) query.andWhere('o.id <> :exceptId', { exceptId });
  return query.getMany();
}

/** One registration per customer at a time, so two racing reports cannot both pass the duplicate check. */
async function lockCustomerRegistrations(tx: EntityManager, customerId: string) {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`group-crm:registration:${customerId}`]);
}

async function nextCode(tx: EntityManager): Promise<string> {
  // seed 002 numbering: SJ + year-month (China time) + 6-digit sequence, e.g. SJ202611-000123.
  const [{ code }] = await tx.query(`SELECT 'SJ' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMM') || '-' || lpad(nextval('opportunity_code_seq')::text, 6, '0') AS code`);
  return code as string;
}

async function record(
  tx: EntityManager,
  ctx: Context,
  opportunityId: string,
  entry: { action: string; fromStage: OpportunityStage | null; toStage: OpportunityStage | null; comment?: string | null; onBehalfOfId?: string | null },
) {
  await tx.getRepository(OpportunityEventEntity).insert({
    opportunityId,
    action: entry.action,
    fromStage: entry.fromStage,
    toStage: entry.toStage,
    comment: entry.comment?.trim() || null,
    actorId: ctx.viewer.staffId,
    onBehalfOfId: entry.onBehalfOfId ?? null,
    byPartner: isPartner(ctx.viewer),
  });
}

/**
 * Locks an opportunity the viewer may read (SELECT … FOR UPDATE), so every
 * action on it queues behind the one before; out of scope is NOT_FOUND.
 */
async function lockReadable(tx: EntityManager, ctx: Context, opportunityId: string | null, field: string): Promise<Result<OpportunityEntity>> {
  if (!opportunityId) return fail(UserErrorCode.NOT_FOUND, 'Opportunity not found', field);
  const query = tx.getRepository(OpportunityEntity).createQueryBuilder('o').where('o.id = :opportunityId', { opportunityId });
  const row = await opportunityPolicy.applyRead(query, 'o', ctx.viewer).setLock('pessimistic_write').getOne();
  return row ? ok(row) : fail(UserErrorCode.NOT_FOUND, 'Opportunity not found', field);
}

function checkVersion(opportunity: OpportunityEntity, expectedVersion: number | null | undefined): Result<true> {
  if (expectedVersion != null && expectedVersion !== opportunity.version) {
    return fail(UserErrorCode.VERSION_CONFLICT, `Opportunity ${opportunity.code} changed since you read it (version ${expectedVersion}, now ${opportunity.version})`, 'expectedVersion');
  }
  return ok(true);
}

function actsAs(ctx: Context, actor: Actor, opportunity: OpportunityEntity, customer: CustomerFacts): boolean {
  const viewer = ctx.viewer;
  if (isAdmin(viewer)) return actor !== 'APPROVER';
  switch (actor) {
    case 'REPORTER':
      return opportunity.reporterId === viewer.staffId || (opportunity.partnerId != null && opportunity.partnerId === viewer.partnerId);
    case 'OWNER':
      return opportunity.ownerId === viewer.staffId;
    case 'SUPPORT_MANAGER':
      return opportunityPolicy.isSupportManagerOver(viewer, customer.regionPath);
    case 'LEADER':
      return opportunityPolicy.isLeaderOver(viewer, customer.regionPath);
    case 'APPROVER':
      return false;
  }
}

/**
 * Checks an action against the lifecycle table: INVALID_TRANSITION naming
 * the stage and the allowed actions when the table has no such move,
 * FORBIDDEN when it has one but the viewer is not among who may act.
 */
function checkTransition(ctx: Context, opportunity: OpportunityEntity, action: LifecycleAction, customer: CustomerFacts | null): Result<OpportunityStage> {
  const transition = transitionFor(opportunity.stage, action);
  if (!transition) return fail(UserErrorCode.INVALID_TRANSITION, invalidTransitionMessage(opportunity.code, opportunity.stage, action));
  if (customer && !transition.who.some((actor) => actsAs(ctx, actor, opportunity, customer))) {
    throw forbidden(`Only the ${transition.who.join(' or ').toLowerCase().replace(/_/g, ' ')} may ${action.toLowerCase().replace(/_/g, ' ')} this opportunity`);
  }
  return ok(transition.to);
}

/**
 * Moves the opportunity to `to` with its history entry, conditional on the
 * version read under the lock: a lost update is impossible, and there is
 * never a stage change without its history entry.
 */
async function move(
  tx: EntityManager,
  ctx: Context,
  opportunity: OpportunityEntity,
  action: LifecycleAction | string,
  to: OpportunityStage,
  entry: { comment?: string | null; onBehalfOfId?: string | null; set?: Partial<OpportunityEntity> } = {},
): Promise<Result<OpportunityEntity>> {
  const result = await tx
    .createQueryBuilder()
    .update(OpportunityEntity)
    .set({ ...(entry.set ?? {}), stage: to, version: () => 'version + 1' })
    .where('id = :id AND version = :version', { id: opportunity.id, version: opportunity.version })
    .execute();
  if (result.affected !== 1) return fail(UserErrorCode.VERSION_CONFLICT, `Opportunity ${opportunity.code} changed while you were saving`, 'expectedVersion');
  await record(tx, ctx, opportunity.id, { action, fromStage: opportunity.stage, toStage: to, comment: entry.comment, onBehalfOfId: entry.onBehalfOfId });
  return ok(await tx.getRepository(OpportunityEntity).findOneByOrFail({ id: opportunity.id }));
}

/** Ends every still-pending step of the opportunity (a recall or cancel before a decision). */
async function skipPendingSteps(tx: EntityManager, opportunityId: string) {
  await tx.getRepository(ApprovalStepEntity).update({ opportunityId, state: ApprovalState.PENDING }, { state: ApprovalState.SKIPPED });
}

async function openStep(tx: EntityManager, opportunityId: string, round: number, sequence: number, step: { approverRole: Role; regionId: string }) {
  await tx.query(
    `INSERT INTO approval_step (opportunity_id, round, sequence, approver_role, region_id, state, due_at)
     VALUES ($1, $2, $3, $4, $5, 'PENDING', now() + make_interval(hours => $6))`,
    [opportunityId, round, sequence, step.approverRole, step.regionId, opportunityRules.stepDueHours],
  );
}

function hashReport(input: ReportOpportunityInput): string {
  // The normalised input without the key: the same report retried hashes the same.
  const normalised = {
    customerId: input.customerId ?? null,
    customer: input.customer ? { creditCode: input.customer.creditCode.trim().toUpperCase(), name: input.customer.name.trim(), industry: input.customer.industry ?? null } : null,
    title: input.title.trim(),
    category: input.category,
    products: [...input.products].sort(),
    estimatedAmount: input.estimatedAmount,
    expectedCloseDate: isoDate(input.expectedCloseDate),
    description: input.description?.trim() || null,
    competitor: input.competitor
      ? {
          carrier: input.competitor.carrier ?? null,
          product: input.competitor.product?.trim() ?? null,
          monthlyFee: input.competitor.monthlyFee ?? null,
          bandwidthMbps: input.competitor.bandwidthMbps ?? null,
          contractExpiresOn: input.competitor.contractExpiresOn ? isoDate(input.competitor.contractExpiresOn) : null,
        }
      : null,
  };
  return createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
}

const duplicateError = (code: string) =>
  userError(UserErrorCode.DUPLICATE_OPPORTUNITY, `撞单: ${code} already registers this customer and product line inside its protection window`, 'products');

type ReportOutcome = { opportunity: OpportunityEntity } | { refusedBecauseOf: string };

/** seed 002 第五条: commission only for business the partner registered first. */
async function commissionEligibility(tx: EntityManager, partnerId: string, opportunity: OpportunityEntity): Promise<Result<string>> {
  const attempts = await tx
    .getRepository(RegistrationAttemptEntity)
    .createQueryBuilder('a')
    .leftJoinAndSelect('a.collidedWith', 'collided')
    .where('a.partner_id = :partnerId AND a.customer_id = :customerId', { partnerId, customerId: opportunity.customerId })
    .andWhere('a.products && CAST(:products AS product_line[])', { products: opportunity.products })
    .orderBy('a.at', 'ASC')
    .getMany();
  const wonAt = opportunity.closedAt ?? new Date();
  const accepted = attempts.filter((a) => a.outcome === RegistrationOutcome.ACCEPTED);
  const first = accepted.find((a) => a.at.getTime() <= wonAt.getTime());
  if (first) return ok(`Registered ${first.at.toISOString()}, before the win`);
  if (accepted.length) return fail(UserErrorCode.NOT_ELIGIBLE, `The partner registered this customer and product line only on ${accepted[0].at.toISOString()}, after the win`, 'commissionPartnerId');
  const refused = attempts.find((a) => a.outcome === RegistrationOutcome.REFUSED_DUPLICATE);
  if (refused) {
    return fail(UserErrorCode.NOT_ELIGIBLE, `The partner’s registration was refused as a duplicate of ${refused.collidedWith?.code ?? 'an earlier one'}; the first registrant keeps the claim`, 'commissionPartnerId');
  }
  return fail(UserErrorCode.NOT_ELIGIBLE, '未报备: the partner never registered this customer and product line', 'commissionPartnerId');
}

/** `YYYY-MM-DD` of a date column, whichever way the driver returned it. */
function dateColumn(value: unknown): string | null {
  if (value == null) return null;
  if (value instanceof Date) return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  return String(value).slice(0, 10);
}

/** Rows read with raw SQL (paginateEach) carry enum arrays as `{A,B}` text and dates as Date: make them what TypeORM gives. */
function hydrate(row: OpportunityEntity): OpportunityEntity {
  const products = row.products as unknown;
  if (typeof products === 'string') row.products = products.replace(/^\{|\}$/g, '').split(',').filter(Boolean) as ProductLine[];
  row.expectedCloseDate = dateColumn(row.expectedCloseDate)!;
  row.competitorContractExpiresOn = dateColumn(row.competitorContractExpiresOn);
  return row;
}

/** The conditions of an opportunity list or report, on alias `o`; every one given must hold. */
function applyOpportunityFilter<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, filter: Partial<OpportunityFilter>): SelectQueryBuilder<E> {
    if (filter?.stages?.length) query.andWhere('o.stage IN (:...filterStages)', { filterStages: filter.stages });
    if (filter?.categories?.length) query.andWhere('o.category IN (:...filterCategories)', { filterCategories: filter.categories });
    if (filter?.sources?.length) query.andWhere('o.source IN (:...filterSources)', { filterSources: filter.sources });
    if (filter?.products?.length) query.andWhere('o.products && CAST(:filterProducts AS product_line[])', { filterProducts: filter.products });
    if (filter?.customerId != null) query.andWhere('o.customer_id = :filterCustomer', { filterCustomer: uuidOf(filter.customerId, 'GroupCustomer') ?? NO_UUID });
    if (filter?.ownerId != null) query.andWhere('o.owner_id = :filterOwner', { filterOwner: uuidOf(filter.ownerId, 'Staff') ?? NO_UUID });
    if (filter?.reporterId != null) query.andWhere('o.reporter_id = :filterReporter', { filterReporter: uuidOf(filter.reporterId, 'Staff') ?? NO_UUID });
    if (filter?.partnerId != null) query.andWhere('o.partner_id = :filterPartner', { filterPartner: uuidOf(filter.partnerId, 'Partner') ?? NO_UUID });
    if (filter?.regionId != null) {
      query.andWhere(
        `o.customer_id IN (SELECT fc.id FROM group_customer fc JOIN region fr ON fr.id = fc.region_id WHERE fr.path LIKE (SELECT root.path FROM region root WHERE root.id = :filterRegion) || '%')`,
        { filterRegion: uuidOf(filter.regionId, 'Region') ?? NO_UUID },
      );
    }
    if (filter?.amountMin != null) query.andWhere('o.estimated_amount >= :amountMin', { amountMin: filter.amountMin });
    if (filter?.amountMax != null) query.andWhere('o.estimated_amount <= :amountMax', { amountMax: filter.amountMax });
    if (filter?.expectedCloseFrom != null) query.andWhere('o.expected_close_date >= :closeFrom', { closeFrom: isoDate(filter.expectedCloseFrom) });
    if (filter?.expectedCloseTo != null) query.andWhere('o.expected_close_date <= :closeTo', { closeTo: isoDate(filter.expectedCloseTo) });
    if (filter?.overdueApproval != null) {
      query.andWhere(`${filter.overdueApproval ? '' : 'NOT '}EXISTS (SELECT 1 FROM approval_step os WHERE os.opportunity_id = o.id AND os.state = 'PENDING' AND os.due_at < now())`);
    }
  return query;
}

/** The columns every new opportunity starts with, reported internally or by a partner; registration is now. */
function newOpportunity(ctx: Context, input: CreateOpportunityInput | ReportOpportunityInput, stage: OpportunityStage): Partial<OpportunityEntity> {
  return {
    title: input.title.trim(),
    category: input.category,
    products: input.products,
    estimatedAmount: input.estimatedAmount,
    expectedCloseDate: isoDate(input.expectedCloseDate),
    description: input.description?.trim() || null,
    stage,
    ...competitorColumns(input.category, input.competitor),
    reporterId: ctx.viewer.staffId,
    ownerId: null,
    followerIds: [],
    supportResources: [],
    supportManagerId: null,
    registeredAt: new Date(),
    closedAt: null,
    closeReason: null,
    version: 1,
  };
}

export const opportunityService = {
  /** Opportunities by uuid in the viewer's scope; null for unknown or out of scope. */
  async byIds(ctx: Context, ids: readonly string[]): Promise<(OpportunityEntity | null)[]> {
    const query = ctx.db.getRepository(OpportunityEntity).createQueryBuilder('o').where('o.id IN (:...ids)', { ids: [...ids] });
    return byIds(await opportunityPolicy.applyRead(query, 'o', ctx.viewer).getMany(), ids);
  },

  async findOne(ctx: Context, by: { id?: string | null; code?: string | null }): Promise<OpportunityEntity | null> {
    const query = ctx.db.getRepository(OpportunityEntity).createQueryBuilder('o');
    if (by.id) query.andWhere('o.id = :uuid', { uuid: uuidOf(by.id, 'Opportunity') ?? NO_UUID });
    if (by.code) query.andWhere('o.code = :code', { code: by.code.trim().toUpperCase() });
    return opportunityPolicy.applyRead(query, 'o', ctx.viewer).getOne();
  },

  async list(ctx: Context, filter: OpportunityFilter | null | undefined, order: OpportunityOrder | null | undefined, args: PageArgs): Promise<Page<OpportunityEntity>> {
    const query = ctx.db.getRepository(OpportunityEntity).createQueryBuilder('o');
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    applyOpportunityFilter(query, filter ?? {});
    return paginate(query, {
      args,
      sort: SORTS[order?.field ?? OpportunityOrderField.CREATED_AT],
      direction: order?.direction === OrderDirection.ASC ? 'ASC' : 'DESC',
      idExpression: 'o.id',
      map: (row) => row,
    });
  },

  /**
   * 商机漏斗: one aggregate over the opportunities in the viewer's scope —
   * count and amount per stage, and the WON row's average cycle in days.
   */
  async pipeline(ctx: Context, filter: PipelineFilter | null | undefined): Promise<PipelineReport> {
    const query = ctx.db
      .getRepository(OpportunityEntity)
      .createQueryBuilder('o')
      .select('o.stage', 'stage')
      .addSelect('count(*)::int', 'count')
      .addSelect('coalesce(sum(o.estimated_amount), 0)::text', 'amount')
      .addSelect('avg(extract(epoch FROM o.closed_at - o.registered_at) / 86400)', 'cycleDays')
      .groupBy('o.stage');
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    applyOpportunityFilter(query, filter ?? {});
    if (filter?.registeredFrom != null) query.andWhere('o.registered_at >= CAST(:registeredFrom AS date)', { registeredFrom: isoDate(filter.registeredFrom) });
    if (filter?.registeredTo != null) query.andWhere(`o.registered_at < CAST(:registeredTo AS date) + 1`, { registeredTo: isoDate(filter.registeredTo) });
    const rows: { stage: OpportunityStage; count: number; amount: string; cycleDays: string | null }[] = await query.getRawMany();
    const byStage = Object.values(OpportunityStage).map((stage) => {
      const row = rows.find((r) => r.stage === stage);
      return { stage, count: row?.count ?? 0, amount: row?.amount ?? '0' };
    });
    const count = (stage: OpportunityStage) => byStage.find((s) => s.stage === stage)!.count;
    const closed = count(OpportunityStage.WON) + count(OpportunityStage.LOST);
    const won = rows.find((r) => r.stage === OpportunityStage.WON);
    // Money is summed exactly, in fen.
    const fen = (amount: string) => BigInt(normaliseDecimal(amount).replace('.', ''));
    const openFen = byStage.filter((s) => !FINAL_STAGES.includes(s.stage)).reduce((sum, s) => sum + fen(s.amount), 0n);
    return Object.assign(new PipelineReport(), {
      byStage: byStage.map((s) => Object.assign(new PipelineStage(), s)),
      totalCount: byStage.reduce((sum, s) => sum + s.count, 0),
      openAmount: `${openFen / 100n}.${String(openFen % 100n).padStart(2, '0')}`,
      winRate: closed === 0 ? null : count(OpportunityStage.WON) / closed,
      averageCycleDays: won?.cycleDays == null ? null : Math.round(Number(won.cycleDays) * 10) / 10,
    });
  },

  /** 续约雷达 — COMPETITOR opportunities still open whose rival contract expires within the window, soonest first. */
  async competitorExpiries(ctx: Context, withinDays: number, args: PageArgs): Promise<Page<OpportunityEntity>> {
    const query = ctx.db
      .getRepository(OpportunityEntity)
      .createQueryBuilder('o')
      .where('o.category = :competitor', { competitor: OpportunityCategory.COMPETITOR })
      .andWhere(`o.stage NOT IN ('WON', 'LOST', 'REJECTED', 'CANCELLED')`)
      .andWhere('o.competitor_contract_expires_on BETWEEN current_date AND current_date + CAST(:withinDays AS int)', { withinDays });
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    return paginate(query, {
      args,
      sort: { expression: 'o.competitor_contract_expires_on', type: 'date', value: (o) => String(o.competitorContractExpiresOn) },
      direction: 'ASC',
      idExpression: 'o.id',
      map: (row) => row,
    });
  },

  /** A page of each customer's opportunities in the viewer's scope, newest first, in one statement. */
  async customerPages(ctx: Context, customerIds: readonly string[], args: PageArgs, count: (customerId: string) => Promise<number>): Promise<Map<string, Page<OpportunityEntity>>> {
    const query = ctx.db.createQueryBuilder().from(OpportunityEntity, 'o');
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    const pages = await paginateEach(ctx.db, { entity: OpportunityEntity, query, alias: 'o', partitionExpression: 'o.customer_id', parentIds: customerIds, sort: SORTS.CREATED_AT, direction: 'DESC', args, count });
    for (const page of pages.values()) for (const edge of page.edges) hydrate(edge.node);
    return pages;
  },

  async customerCounts(ctx: Context, customerIds: readonly string[]): Promise<number[]> {
    const query = ctx.db.createQueryBuilder().from(OpportunityEntity, 'o').select('o.customer_id', 'id').addSelect('count(*)::int', 'n').where('o.customer_id IN (:...ids)', { ids: [...customerIds] });
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    const rows: { id: string; n: number }[] = await query.groupBy('o.customer_id').getRawMany();
    const counts = new Map(rows.map((row) => [row.id, row.n]));
    return customerIds.map((id) => counts.get(id) ?? 0);
  },

  /** The approval steps of each opportunity, in route order. */
  async stepsOf(ctx: Context, opportunityIds: readonly string[]): Promise<ApprovalStepEntity[][]> {
    const rows = await ctx.db
      .getRepository(ApprovalStepEntity)
      .createQueryBuilder('s')
      .where('s.opportunity_id IN (:...ids)', { ids: [...opportunityIds] })
      .orderBy('s.round', 'ASC')
      .addOrderBy('s.sequence', 'ASC')
      .getMany();
    return groupBy(rows, (row) => row.opportunityId, opportunityIds);
  },

  /** History entries by uuid, visible when their opportunity is. */
  async eventsByIds(ctx: Context, ids: readonly string[]): Promise<(OpportunityEventEntity | null)[]> {
    const query = ctx.db.getRepository(OpportunityEventEntity).createQueryBuilder('h').innerJoin(OpportunityEntity, 'o', 'o.id = h.opportunity_id').where('h.id IN (:...ids)', { ids: [...ids] });
    return byIds(await opportunityPolicy.applyRead(query, 'o', ctx.viewer).getMany(), ids);
  },

  /** Incentive applications by uuid, visible when their opportunity is. */
  async incentivesByIds(ctx: Context, ids: readonly string[]): Promise<(IncentiveEntity | null)[]> {
    const query = ctx.db.getRepository(IncentiveEntity).createQueryBuilder('i').innerJoin(OpportunityEntity, 'o', 'o.id = i.opportunity_id').where('i.id IN (:...ids)', { ids: [...ids] });
    return byIds(await opportunityPolicy.applyRead(query, 'o', ctx.viewer).getMany(), ids);
  },

  async delegationsByIds(ctx: Context, ids: readonly string[]): Promise<(ApprovalDelegationEntity | null)[]> {
    const scope = opportunityPolicy.readDelegation('d', ctx.viewer);
    const rows = await ctx.db.getRepository(ApprovalDelegationEntity).createQueryBuilder('d').where('d.id IN (:...ids)', { ids: [...ids] }).andWhere(scope.sql, scope.params).getMany();
    return byIds(rows, ids);
  },

  /** Steps by uuid, visible when their opportunity is. */
  async stepsByIds(ctx: Context, ids: readonly string[]): Promise<(ApprovalStepEntity | null)[]> {
    const query = ctx.db
      .getRepository(ApprovalStepEntity)
      .createQueryBuilder('s')
      .innerJoin(OpportunityEntity, 'o', 'o.id = s.opportunity_id')
      .where('s.id IN (:...ids)', { ids: [...ids] });
    return byIds(await opportunityPolicy.applyRead(query, 'o', ctx.viewer).getMany(), ids);
  },

  /** The open (PENDING) step of each opportunity, if any. */
  async currentSteps(ctx: Context, opportunityIds: readonly string[]): Promise<(ApprovalStepEntity | null)[]> {
    const rows = await ctx.db
      .getRepository(ApprovalStepEntity)
      .createQueryBuilder('s')
      .where('s.opportunity_id IN (:...ids)', { ids: [...opportunityIds] })
      .andWhere(`s.state = 'PENDING'`)
      .getMany();
    const map = new Map(rows.map((row) => [row.opportunityId, row]));
    return opportunityIds.map((id) => map.get(id) ?? null);
  },

  /** Each opportunity's history, oldest first, a page per opportunity in one statement. */
  async historyPages(ctx: Context, opportunityIds: readonly string[], args: PageArgs, count: (id: string) => Promise<number>) {
    return paginateEach(ctx.db, {
      entity: OpportunityEventEntity,
      query: ctx.db.createQueryBuilder().from(OpportunityEventEntity, 'h'),
      alias: 'h',
      partitionExpression: 'h.opportunity_id',
      parentIds: opportunityIds,
      sort: { expression: 'h.at', type: 'timestamptz', value: (h) => h.at },
      direction: 'ASC',
      args,
      count,
    });
  },

  async historyCounts(ctx: Context, opportunityIds: readonly string[]): Promise<number[]> {
    const rows: { id: string; n: number }[] = await ctx.db
      .createQueryBuilder()
      .from(OpportunityEventEntity, 'h')
      .select('h.opportunity_id', 'id')
      .addSelect('count(*)::int', 'n')
      .where('h.opportunity_id IN (:...ids)', { ids: [...opportunityIds] })
      .groupBy('h.opportunity_id')
      .getRawMany();
    const counts = new Map(rows.map((row) => [row.id, row.n]));
    return opportunityIds.map((id) => counts.get(id) ?? 0);
  },

  /** The latest history entry of each opportunity. */
  async lastEvents(ctx: Context, opportunityIds: readonly string[]): Promise<(OpportunityEventEntity | null)[]> {
    const rows = await ctx.db
      .getRepository(OpportunityEventEntity)
      .createQueryBuilder('h')
      .distinctOn(['h.opportunity_id'])
      .where('h.opportunity_id IN (:...ids)', { ids: [...opportunityIds] })
      .orderBy('h.opportunity_id')
      .addOrderBy('h.at', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .getMany();
    const map = new Map(rows.map((row) => [row.opportunityId, row]));
    return opportunityIds.map((id) => map.get(id) ?? null);
  },

  /** 疑似撞单 — for each opportunity, the others in scope whose registration protects the same customer and product line. */
  async possibleDuplicates(ctx: Context, opportunityIds: readonly string[]): Promise<OpportunityEntity[][]> {
    const query = ctx.db
      .getRepository(OpportunityEntity)
      .createQueryBuilder('o')
      .innerJoin(OpportunityEntity, 'src', 'src.customer_id = o.customer_id AND src.id <> o.id AND src.products && o.products')
      .addSelect('src.id', 'source_id')
      .where('src.id IN (:...ids)', { ids: [...opportunityIds] })
      .andWhere('o.stage NOT IN (:...dead)', { dead: DEAD_STAGES })
      .andWhere('o.registered_at > now() - make_interval(days => :windowDays)', { windowDays: opportunityRules.protectionWindowDays })
      .orderBy('o.registered_at', 'ASC');
    opportunityPolicy.applyRead(query, 'o', ctx.viewer);
    const { entities, raw } = await query.getRawAndEntities<{ source_id: string; o_id: string }>();
    const entityById = new Map(entities.map((e) => [e.id, e]));
    const pairs = raw.map((row) => ({ source: row.source_id, entity: entityById.get(row.o_id)! }));
    return groupBy(pairs, (pair) => pair.source, opportunityIds).map((list) => list.map((pair) => pair.entity));
  },

  async incentivesOf(ctx: Context, opportunityIds: readonly string[]): Promise<(IncentiveEntity | null)[]> {
    const rows = await ctx.db.getRepository(IncentiveEntity).createQueryBuilder('i').where('i.opportunity_id IN (:...ids)', { ids: [...opportunityIds] }).getMany();
    const map = new Map(rows.map((row) => [row.opportunityId, row]));
    return opportunityIds.map((id) => map.get(id) ?? null);
  },

  /** What a partner (or anyone who may read the opportunity) may know of its customer: code, name, region. */
  async customerSummaries(ctx: Context, customerIds: readonly string[]): Promise<({ id: string; code: string; name: string; regionId: string } | null)[]> {
    const rows: { id: string; code: string; name: string; regionId: string }[] = await ctx.db
      .createQueryBuilder()
      .from(GroupCustomerEntity, 'c')
      .select(['c.id AS id', 'c.code AS code', 'c.name AS name', 'c.region_id AS "regionId"'])
      .where('c.id IN (:...ids)', { ids: [...customerIds] })
      .getRawMany();
    return byIds(rows, customerIds);
  },

  /** 待审批 — the steps the viewer may decide (own or as a delegate), oldest first; decided states list what they decided. */
  async myApprovals(ctx: Context, state: ApprovalState, args: PageArgs): Promise<Page<ApprovalStepEntity>> {
    const query = ctx.db.getRepository(ApprovalStepEntity).createQueryBuilder('s').where('s.state = :state', { state });
    if (state === ApprovalState.PENDING) {
      const decidable = opportunityPolicy.decidable('s', ctx.viewer);
      query.andWhere(decidable.sql, decidable.params);
    } else {
      query.andWhere('(s.decided_by_id = :me OR s.on_behalf_of_id = :me)', { me: ctx.viewer.staffId });
    }
    return paginate(query, { args, sort: { expression: 's.created_at', type: 'timestamptz', value: (s) => s.createdAt }, direction: 'ASC', idExpression: 's.id', map: (row) => row });
  },

  async create(ctx: Context, input: CreateOpportunityInput): Promise<Result<OpportunityEntity>> {
    if (!opportunityPolicy.mayCreate(ctx.viewer)) throw forbidden('Only account, industry and grid managers and leaders create opportunities');
    const errors = await validateInput(input);
    checkNewOpportunity(input, errors);
    const customerId = uuidOf(input.customerId, 'GroupCustomer');
    return inTransaction(ctx, async (tx) => {
      const scope = opportunityPolicy.customerForCreate('c', ctx.viewer);
      const customer = customerId
        ? await tx.getRepository(GroupCustomerEntity).createQueryBuilder('c').where('c.id = :customerId', { customerId }).andWhere(scope.sql, scope.params).getOne()
        : null;
      if (!customer) errors.push(userError(UserErrorCode.VALIDATION, 'Unknown customer', 'customerId'));
      if (errors.length) return failMany(errors);
      await lockCustomerRegistrations(tx, customer!.id);
      const repo = tx.getRepository(OpportunityEntity);
      const saved = await repo.save(
        repo.create({
          code: await nextCode(tx),
          ...newOpportunity(ctx, input, OpportunityStage.DRAFT),
          customerId: customer!.id,
          source: opportunityPolicy.isLeaderAssigning(ctx.viewer) ? OpportunitySource.LEADER_ASSIGNED : OpportunitySource.ACCOUNT_MANAGER,
          partnerId: null,
        }),
      );
      await record(tx, ctx, saved.id, { action: 'CREATE', fromStage: null, toStage: OpportunityStage.DRAFT });
      return ok(saved);
    });
  },

  /** Edits while in DRAFT, by the reporter or owner; every edit is in the history. */
  async update(ctx: Context, input: UpdateOpportunityInput): Promise<Result<OpportunityEntity>> {
    const errors = await validateInput(input);
    checkAmount(input.estimatedAmount, 'estimatedAmount', errors);
    if (input.expectedCloseDate && isoDate(input.expectedCloseDate) < today()) errors.push(userError(UserErrorCode.VALIDATION, 'The expected close date cannot be in the past', 'expectedCloseDate'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const locked = await lockReadable(tx, ctx, uuidOf(input.id, 'Opportunity'), 'id');
      if (!locked.ok) return locked;
      const opportunity = locked.value;
      const version = checkVersion(opportunity, input.expectedVersion);
      if (!version.ok) return version;
      if (opportunity.stage !== OpportunityStage.DRAFT) {
        return fail(UserErrorCode.INVALID_TRANSITION, `Opportunity ${opportunity.code} is ${opportunity.stage}: only a DRAFT can be edited; recall it first`);
      }
      const customer = await customerFacts(tx, opportunity.customerId);
      if (!actsAs(ctx, 'REPORTER', opportunity, customer) && !actsAs(ctx, 'OWNER', opportunity, customer)) throw forbidden('Only the reporter or owner may edit this opportunity');
      const set: Partial<OpportunityEntity> = {};
      if (input.title != null) set.title = input.title.trim();
      if (input.products != null) set.products = input.products;
      if (input.estimatedAmount != null) set.estimatedAmount = input.estimatedAmount;
      if (input.expectedCloseDate != null) set.expectedCloseDate = isoDate(input.expectedCloseDate);
      if (input.description != null) set.description = input.description.trim() || null;
      const changed = Object.keys(set);
      if (changed.length === 0) return ok(opportunity);
      return move(tx, ctx, opportunity, 'UPDATE', opportunity.stage, { set, comment: `Changed ${changed.join(', ')}` });
    });
  },

  /** submit, recall, start, close, cancel: the moves that only need the table, the actor and the version. */
  async act(
    ctx: Context,
    input: OpportunityActionInput,
    action: LifecycleAction,
    extra: { set?: Partial<OpportunityEntity>; comment?: string | null } = {},
  ): Promise<Result<OpportunityEntity>> {
    const errors = await validateInput(input);
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const locked = await lockReadable(tx, ctx, uuidOf(input.id, 'Opportunity'), 'id');
      if (!locked.ok) return locked;
      const opportunity = locked.value;
      const version = checkVersion(opportunity, input.expectedVersion);
      if (!version.ok) return version;
      const customer = await customerFacts(tx, opportunity.customerId);
      const to = checkTransition(ctx, opportunity, action, customer);
      if (!to.ok) return to;
      if (action === LifecycleAction.RECALL && opportunity.stage === OpportunityStage.PENDING_APPROVAL) {
        // DOMAIN.md: recall only while no decision has been taken in the current route.
        const [{ decided }] = await tx.query(
          `SELECT EXISTS (SELECT 1 FROM approval_step s WHERE s.opportunity_id = $1 AND s.round = (SELECT max(round) FROM approval_step WHERE opportunity_id = $1) AND s.state <> 'PENDING') AS decided`,
          [opportunity.id],
        );
        if (decided) return fail(UserErrorCode.INVALID_TRANSITION, `Opportunity ${opportunity.code} is PENDING_APPROVAL and a step has been decided: it can no longer be recalled`);
      }
      if (action === LifecycleAction.SUBMIT && opportunity.source === OpportunitySource.PARTNER) {
        // 撞单 holds on resubmission too: a returned partner report edited onto a line someone registered earlier is refused.
        const earlier = (await activeRegistrations(tx, opportunity.customerId, opportunity.products, opportunity.id)).find((o) => o.registeredAt < opportunity.registeredAt);
        if (earlier) {
          return fail(UserErrorCode.DUPLICATE_OPPORTUNITY, `Opportunity ${earlier.code} already registered this customer and product line on ${earlier.registeredAt.toISOString().slice(0, 10)}`, 'id');
        }
      }
      if (action === LifecycleAction.RECALL || action === LifecycleAction.CANCEL) await skipPendingSteps(tx, opportunity.id);
      return move(tx, ctx, opportunity, action, to.value, { set: extra.set, comment: extra.comment ?? input.comment });
    });
  },

  submit: (ctx: Context, input: OpportunityActionInput) => opportunityService.act(ctx, input, LifecycleAction.SUBMIT),
  recall: (ctx: Context, input: OpportunityActionInput) => opportunityService.act(ctx, input, LifecycleAction.RECALL),
  start: (ctx: Context, input: OpportunityActionInput) => opportunityService.act(ctx, input, LifecycleAction.START),

  close(ctx: Context, input: CloseOpportunityInput) {
    const action = input.outcome === CloseOutcome.WON ? LifecycleAction.CLOSE_WON : LifecycleAction.CLOSE_LOST;
    return opportunityService.act(ctx, input, action, { set: { closedAt: new Date(), closeReason: input.reason?.trim() }, comment: input.reason });
  },

  cancel(ctx: Context, input: CancelOpportunityInput) {
    return opportunityService.act(ctx, input, LifecycleAction.CANCEL, { set: { closedAt: new Date(), closeReason: input.reason?.trim() }, comment: input.reason });
  },

  /** 初步评估: ACCEPT builds the approval route and opens its first step; RETURN sends it back to DRAFT. */
  async evaluate(ctx: Context, input: EvaluateOpportunityInput): Promise<Result<OpportunityEntity>> {
    const errors = await validateInput(input);
    if (input.decision === EvaluationDecision.RETURN && !input.comment?.trim()) errors.push(userError(UserErrorCode.VALIDATION, 'Say why you return it', 'comment'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const locked = await lockReadable(tx, ctx, uuidOf(input.id, 'Opportunity'), 'id');
      if (!locked.ok) return locked;
      const opportunity = locked.value;
      const version = checkVersion(opportunity, input.expectedVersion);
      if (!version.ok) return version;
      const action = input.decision === EvaluationDecision.ACCEPT ? LifecycleAction.ACCEPT_EVALUATION : LifecycleAction.RETURN_EVALUATION;
      const customer = await customerFacts(tx, opportunity.customerId);
      const to = checkTransition(ctx, opportunity, action, customer);
      if (!to.ok) return to;
      if (action === LifecycleAction.ACCEPT_EVALUATION) {
        const route = approvalRoute(customer.managementLevel, customer.regionPath, opportunity.estimatedAmount);
        const [{ round }] = await tx.query(`SELECT coalesce(max(round), 0) + 1 AS round FROM approval_step WHERE opportunity_id = $1`, [opportunity.id]);
        await openStep(tx, opportunity.id, round, 1, route[0]);
        return move(tx, ctx, opportunity, action, to.value, { comment: input.comment, set: { supportManagerId: ctx.viewer.staffId, approvalRoute: route } });
      }
      return move(tx, ctx, opportunity, action, to.value, { comment: input.comment, set: { supportManagerId: ctx.viewer.staffId } });
    });
  },

  /**
   * 审批: the step's leader or their delegate decides. APPROVE opens the next
   * step of the route, or on the last one approves the opportunity and
   * assigns owner, followers and support resources; RETURN and REJECT end
   * the route. The step and the opportunity change together or not at all.
   */
  async decide(ctx: Context, input: DecideApprovalInput): Promise<Result<{ step: ApprovalStepEntity; opportunity: OpportunityEntity }>> {
    const errors = await validateInput(input);
    if (input.decision !== ApprovalDecision.APPROVE && !input.comment?.trim()) errors.push(userError(UserErrorCode.VALIDATION, 'Say why you return or reject it', 'comment'));
    if (errors.length) return failMany(errors);
    const stepId = uuidOf(input.stepId, 'ApprovalStep');
    return inTransaction(ctx, async (tx) => {
      const stepRepo = tx.getRepository(ApprovalStepEntity);
      const found = stepId ? await stepRepo.findOneBy({ id: stepId }) : null;
      const locked = await lockReadable(tx, ctx, found?.opportunityId ?? null, 'stepId');
      if (!locked.ok) return fail(UserErrorCode.NOT_FOUND, 'Approval step not found', 'stepId');
      const opportunity = locked.value;
      const version = checkVersion(opportunity, input.expectedVersion);
      if (!version.ok) return version;
      // Re-read under the opportunity's lock: a concurrent decision has committed by now.
      const step = await stepRepo.findOneByOrFail({ id: stepId! });
      // The route fixed at acceptance: a customer moved to another management level meanwhile does not reroute it.
      const route = (opportunity.approvalRoute ?? []) as RouteStep[];
      const action =
        input.decision === ApprovalDecision.RETURN
          ? LifecycleAction.RETURN_STEP
          : input.decision === ApprovalDecision.REJECT
            ? LifecycleAction.REJECT_STEP
            : step.sequence >= route.length
              ? LifecycleAction.APPROVE_LAST_STEP
              : LifecycleAction.APPROVE_STEP;
      const to = checkTransition(ctx, opportunity, action, null);
      if (!to.ok) return to;
      if (step.state !== ApprovalState.PENDING) {
        return fail(UserErrorCode.INVALID_TRANSITION, `Step ${step.sequence} of ${opportunity.code} is already ${step.state}; the opportunity is ${opportunity.stage}`, 'stepId');
      }
      const decidable = opportunityPolicy.decidable('s', ctx.viewer);
      const mayDecide = await stepRepo.createQueryBuilder('s').where('s.id = :stepId', { stepId }).andWhere(decidable.sql, decidable.params).getExists();
      if (!mayDecide) throw forbidden('Only the step’s approver or their delegate may decide it');
      const ownRole = step.regionId === ctx.viewer.regionId && ctx.viewer.roles.has(step.approverRole);
      let onBehalfOfId: string | null = null;
      if (!ownRole) {
        const [delegation] = await tx.query(
          `SELECT d.from_id FROM approval_delegation d JOIN staff p ON p.id = d.from_id
           WHERE d.to_id = $1 AND d.valid_from <= now() AND now() < d.valid_until AND p.active AND p.region_id = $2 AND $3 = ANY(p.roles)
           ORDER BY d.created_at LIMIT 1`,
          [ctx.viewer.staffId, step.regionId, step.approverRole],
        );
        onBehalfOfId = delegation.from_id;
      }
      const set: Partial<OpportunityEntity> = {};
      if (action === LifecycleAction.APPROVE_LAST_STEP) {
        const assigned = await assignment(tx, input, await customerFacts(tx, opportunity.customerId), opportunity);
        if (!assigned.ok) return assigned;
        Object.assign(set, assigned.value);
      }
      if (action === LifecycleAction.REJECT_STEP) set.closedAt = new Date();
      const decision: Record<ApprovalDecision, ApprovalState> = { APPROVE: ApprovalState.APPROVED, RETURN: ApprovalState.RETURNED, REJECT: ApprovalState.REJECTED };
      await stepRepo.update(
        { id: step.id },
        { state: decision[input.decision], decidedById: ctx.viewer.staffId, onBehalfOfId, decidedAt: new Date(), comment: input.comment?.trim() || null },
      );
      if (action === LifecycleAction.APPROVE_STEP) await openStep(tx, opportunity.id, step.round, step.sequence + 1, route[step.sequence]);
      const moved = await move(tx, ctx, opportunity, action, to.value, { comment: input.comment, onBehalfOfId, set });
      if (!moved.ok) return moved;
      return ok({ step: await stepRepo.findOneByOrFail({ id: step.id }), opportunity: moved.value });
    });
  },

  /** 代理审批: a leader hands their approvals to another leader for a period. */
  async delegate(ctx: Context, input: DelegateApprovalsInput): Promise<Result<ApprovalDelegationEntity>> {
    if (!LEADER_ROLES.some((role) => ctx.viewer.roles.has(role))) throw forbidden('Only leaders delegate approvals');
    const errors: UserErrorValue[] = [];
    const delegateId = uuidOf(input.delegateId, 'Staff');
    const [delegate] = delegateId ? await organisationService.staffByIds(ctx, [delegateId]) : [null];
    if (!delegate || !delegate.active || !delegate.roles.some((role) => LEADER_ROLES.includes(role))) errors.push(userError(UserErrorCode.VALIDATION, 'The delegate must be an active leader', 'delegateId'));
    else if (delegate.id === ctx.viewer.staffId) errors.push(userError(UserErrorCode.VALIDATION, 'You cannot delegate to yourself', 'delegateId'));
    if (input.until.getTime() <= input.from.getTime()) errors.push(userError(UserErrorCode.VALIDATION, '`until` must be after `from`', 'until'));
    else if (input.until.getTime() <= Date.now()) errors.push(userError(UserErrorCode.VALIDATION, '`until` must be in the future', 'until'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const repo = tx.getRepository(ApprovalDelegationEntity);
      return ok(await repo.save(repo.create({ fromId: ctx.viewer.staffId, toId: delegate!.id, validFrom: input.from, validUntil: input.until })));
    });
  },

  /**
   * 商机报备 by a partner: created and submitted in one step. Idempotent per
   * (partner, key); refused with DUPLICATE_OPPORTUNITY while another
   * registration protects the customer and product line, the refusal kept
   * as a registration attempt (DOMAIN.md: Partner registration).
   */
  async report(ctx: Context, input: ReportOpportunityInput): Promise<Result<OpportunityEntity>> {
    const partnerId = ctx.viewer.partnerId;
    if (!isPartner(ctx.viewer) || !partnerId) throw forbidden('Only partners report opportunities through the partner portal');
    const errors = await validateInput(input);
    checkNewOpportunity(input, errors);
    if ((input.customerId == null) === (input.customer == null)) errors.push(userError(UserErrorCode.VALIDATION, 'Name the customer by `customerId` or by `customer { creditCode name }`, not both', 'customerId'));
    if (errors.length) return failMany(errors);
    const key = input.idempotencyKey;
    const hash = hashReport(input);
    const outcome = await inTransaction<ReportOutcome>(
      ctx,
      async (tx) => {
        // Two racing retries of one key queue here; the second then finds the first's record.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`group-crm:report:${partnerId}:${key}`]);
        const previous = await tx.getRepository(PartnerReportRequestEntity).findOne({ where: { partnerId, idempotencyKey: key }, relations: { attempt: { opportunity: true, collidedWith: true } } });
        if (previous) {
          if (previous.inputHash !== hash) return fail(UserErrorCode.IDEMPOTENCY_MISMATCH, 'This idempotency key was already used with different input', 'idempotencyKey');
          const attempt = previous.attempt!;
          return ok(attempt.opportunity ? { opportunity: attempt.opportunity } : { refusedBecauseOf: attempt.collidedWith!.code });
        }
        let customerId: string;
        if (input.customerId != null) {
          const uuid = uuidOf(input.customerId, 'GroupCustomer');
          const known = uuid ? await tx.getRepository(GroupCustomerEntity).existsBy({ id: uuid }) : false;
          if (!known) return fail(UserErrorCode.VALIDATION, 'Unknown customer', 'customerId');
          customerId = uuid!;
        } else {
          // Inside the transaction's own connection: racing reports must not wait on the pool for a second one.
          const partner = await tx.getRepository(PartnerEntity).findOneByOrFail({ id: partnerId });
          const prospect = await customerService.findOrCreateProspect(tx, ctx, {
            name: input.customer!.name,
            creditCode: input.customer!.creditCode,
            regionId: partner.regionId,
            industry: input.customer!.industry ?? Industry.OTHER,
          });
          if (!prospect.ok) return prospect;
          customerId = prospect.value.id;
        }
        await lockCustomerRegistrations(tx, customerId);
        const [existing] = await activeRegistrations(tx, customerId, input.products);
        const attempts = tx.getRepository(RegistrationAttemptEntity);
        const requests = tx.getRepository(PartnerReportRequestEntity);
        if (existing) {
          const attempt = await attempts.save(
            attempts.create({ partnerId, reporterId: ctx.viewer.staffId, customerId, products: input.products, outcome: RegistrationOutcome.REFUSED_DUPLICATE, opportunityId: null, collidedWithId: existing.id }),
          );
          await requests.insert({ partnerId, idempotencyKey: key, inputHash: hash, attemptId: attempt.id });
          return ok({ refusedBecauseOf: existing.code });
        }
        const repo = tx.getRepository(OpportunityEntity);
        const saved = await repo.save(
          repo.create({
            code: await nextCode(tx),
            ...newOpportunity(ctx, input, OpportunityStage.SUBMITTED),
            customerId,
            source: OpportunitySource.PARTNER,
            partnerId,
          }),
        );
        const attempt = await attempts.save(
          attempts.create({ partnerId, reporterId: ctx.viewer.staffId, customerId, products: input.products, outcome: RegistrationOutcome.ACCEPTED, opportunityId: saved.id, collidedWithId: null }),
        );
        await requests.insert({ partnerId, idempotencyKey: key, inputHash: hash, attemptId: attempt.id });
        await record(tx, ctx, saved.id, { action: 'REPORT', fromStage: null, toStage: OpportunityStage.SUBMITTED });
        return ok({ opportunity: saved });
      },
      {
        uq_group_customer_credit_code: userError(UserErrorCode.VERSION_CONFLICT, 'Someone registered this credit code at the same moment; retry', ['customer', 'creditCode']),
        uq_partner_report_request_key: userError(UserErrorCode.VERSION_CONFLICT, 'A report with this idempotency key was being saved at the same moment; retry', 'idempotencyKey'),
      },
    );
    if (!outcome.ok) return outcome;
    // The refusal was committed (the attempt is kept for audit) and is answered as the user error it is.
    if ('refusedBecauseOf' in outcome.value) return failMany([duplicateError(outcome.value.refusedBecauseOf)]);
    return ok(outcome.value.opportunity);
  },

  /**
   * 激励申报 after a win, by a leader over the customer. Claiming commission
   * for a partner (by default the reporting one) requires its eligibility
   * (seed 002 第五条), which is recorded on the application.
   */
  async requestIncentive(ctx: Context, input: RequestIncentiveInput): Promise<Result<{ incentive: IncentiveEntity; opportunity: OpportunityEntity }>> {
    const errors = await validateInput(input);
    checkAmount(input.amount, 'amount', errors);
    const claimedPartnerId = input.commissionPartnerId != null ? uuidOf(input.commissionPartnerId, 'Partner') : undefined;
    if (input.commissionPartnerId != null && !claimedPartnerId) errors.push(userError(UserErrorCode.VALIDATION, 'Unknown partner', 'commissionPartnerId'));
    if (errors.length) return failMany(errors);
    return inTransaction(
      ctx,
      async (tx) => {
        const locked = await lockReadable(tx, ctx, uuidOf(input.opportunityId, 'Opportunity'), 'opportunityId');
        if (!locked.ok) return locked;
        const opportunity = locked.value;
        const customer = await customerFacts(tx, opportunity.customerId);
        if (opportunity.stage !== OpportunityStage.WON) {
          return fail(UserErrorCode.INVALID_TRANSITION, `Opportunity ${opportunity.code} is ${opportunity.stage}: incentives are filed after it is WON`, 'opportunityId');
        }
        if (!opportunityPolicy.isLeaderOver(ctx.viewer, customer.regionPath)) throw forbidden('Only a leader over the customer files incentives');
        const partnerId = input.claimCommission ? (claimedPartnerId ?? opportunity.partnerId) : null;
        let eligibility: string | null = null;
        if (partnerId) {
          const partner = await tx.getRepository(PartnerEntity).findOneBy({ id: partnerId });
          if (!partner) return fail(UserErrorCode.VALIDATION, 'Unknown partner', 'commissionPartnerId');
          const eligible = await commissionEligibility(tx, partnerId, opportunity);
          if (!eligible.ok) return eligible;
          eligibility = eligible.value;
        }
        const repo = tx.getRepository(IncentiveEntity);
        const incentive = await repo.save(
          repo.create({ opportunityId: opportunity.id, requestedById: ctx.viewer.staffId, amount: input.amount, note: input.note?.trim() || null, commissionPartnerId: partnerId, eligibility }),
        );
        const moved = await move(tx, ctx, opportunity, 'REQUEST_INCENTIVE', opportunity.stage, { comment: input.note });
        if (!moved.ok) return moved;
        return ok({ incentive, opportunity: moved.value });
      },
      { uq_incentive_opportunity: userError(UserErrorCode.ALREADY_EXISTS, 'An incentive was already filed for this opportunity', 'opportunityId') },
    );
  },
};

/** The last approval assigns owner (default: the customer's account manager), followers and support resources. */
/** Who may own an opportunity, by the customer's management level (DOMAIN.md: Ownership). */
const OWNER_ROLES: Record<ManagementLevel, Role[]> = {
  PROVINCE: [Role.INDUSTRY_MANAGER],
  CITY: [Role.ACCOUNT_MANAGER],
  COUNTY: [Role.GRID_MANAGER, Role.ACCOUNT_MANAGER],
};

/**
 * PROVINCE customers are owned by a provincial industry manager, CITY ones by
 * a city account manager, the others by a grid (or county account) manager
 * — in each case one who works in the customer's city (DOMAIN.md: Ownership).
 */
function ownershipProblem(owner: StaffEntity | undefined, customer: CustomerFacts): string | null {
  if (!owner || !owner.active || owner.partnerId) return 'The owner must be an active member of our staff';
  const roles = OWNER_ROLES[customer.managementLevel as ManagementLevel];
  if (!owner.roles.some((role) => roles.includes(role))) return `A ${customer.managementLevel}-managed customer is owned by a ${roles.join(' or ')}`;
  const [, ownerCity] = (owner.region?.path ?? '').split('/').filter(Boolean);
  const [, customerCity] = customer.regionPath.split('/').filter(Boolean);
  if (customer.managementLevel !== ManagementLevel.PROVINCE && ownerCity !== customerCity) return `${owner.name} does not work in the customer's city`;
  return null;
}

async function assignment(tx: EntityManager, input: DecideApprovalInput, customer: CustomerFacts, opportunity: OpportunityEntity): Promise<Result<Partial<OpportunityEntity>>> {
  const errors: UserErrorValue[] = [];
  const ownerId = input.ownerId != null ? uuidOf(input.ownerId, 'Staff') : (customer.accountManagerId ?? (opportunity.partnerId ? null : opportunity.reporterId));
  const followerIds = (input.followerIds ?? []).map((id) => uuidOf(id, 'Staff'));
  const people = await tx.getRepository(StaffEntity).find({ where: { id: In([...new Set([ownerId ?? NO_UUID, ...followerIds.map((id) => id ?? NO_UUID)])]) }, relations: { region: true } });
  const byId = new Map(people.map((p) => [p.id, p]));
  const owner = ownerId ? byId.get(ownerId) : undefined;
  const ownerProblem = ownershipProblem(owner, customer);
  if (ownerProblem) errors.push(userError(UserErrorCode.VALIDATION, ownerProblem, 'ownerId'));
  followerIds.forEach((id, index) => {
    const follower = id ? byId.get(id) : undefined;
    if (!follower || !follower.active || follower.partnerId) errors.push(userError(UserErrorCode.VALIDATION, 'Followers must be active staff', ['followerIds', String(index)]));
  });
  if (errors.length) return failMany(errors);
  return ok({ ownerId: owner!.id, followerIds: [...new Set(followerIds as string[])], supportResources: (input.supportResources ?? []).map((s) => s.trim()).filter(Boolean) });
}
