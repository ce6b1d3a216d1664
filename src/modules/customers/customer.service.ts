import { EntityManager } from 'typeorm';
import { Context, inTransaction } from '../../platform/context';
import { Page, PageArgs, paginate, SortKey } from '../../platform/graphql/connection';
import { forbidden } from '../../platform/graphql/errors';
import { toGlobalId, uuidOf } from '../../platform/graphql/node-id';
import { OrderDirection } from '../../platform/graphql/order';
import { parseDecimal } from '../../platform/graphql/scalars';
import { fail, failMany, ok, Result, userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { readEntities } from '../../platform/read-entities';
import { byIds, paginateEach } from '../../platform/sql';
import { hasRole, Role } from '../../platform/auth/viewer';
import { Industry } from '../organisation/industry';
import { organisationFacts, organisationSql, RegionFacts } from '../organisation/organisation.sql';
import { RegionLevel } from '../organisation/region-level';
import { CustomerChangeEntity } from './customer-change.entity';
import { CustomerRelationEntity } from './customer-relation.entity';
import { CustomerGrade, CustomerStatus, ManagementLevel } from './customer.enums';
import { customerHierarchy } from './customer-hierarchy';
import { textSearch } from './customer-search';
import { customerPolicy } from './customer.policy';
import { customerFilters } from './customer-filters';
import {
  AddCustomerRelationInput,
  CreateGroupCustomerInput,
  GroupCustomerFilter,
  GroupCustomerOrder,
  GroupCustomerOrderField,
  SetCustomerParentInput,
  UpdateGroupCustomerInput,
} from './customer.types';
import { CREDIT_CODE_MESSAGES, creditCodeProblem } from './credit-code';
import { GroupCustomerEntity } from './group-customer.entity';
import { diff, recordChange } from './customer-changes';
import { directReclassificationErrors } from './reclassification-rules';

const SORTS: Record<GroupCustomerOrderField, SortKey<GroupCustomerEntity>> = {
  NAME: { expression: 'c.name', type: 'text', value: (c) => c.name },
  CODE: { expression: 'c.code', type: 'text', value: (c) => c.code },
  MONTHLY_REVENUE: { expression: 'c.monthly_revenue', type: 'numeric', value: (c) => c.monthlyRevenue },
  UPDATED_AT: { expression: 'c.updated_at', type: 'timestamptz', value: (c) => c.updatedAt },
};

/** Deepest hierarchy a subtree query walks (DOMAIN.md: hierarchy of any depth; queries are bounded). */
export const MAX_SUBTREE_DEPTH = 20;

function normaliseCreditCode(raw: string | null | undefined): { value: string | null; error?: UserErrorValue } {
  if (raw == null || raw.trim() === '') return { value: null };
  const value = raw.trim().toUpperCase();
  const problem = creditCodeProblem(value);
  return problem ? { value, error: userError(UserErrorCode.VALIDATION, CREDIT_CODE_MESSAGES[problem], 'creditCode') } : { value };
}

function money(raw: string | null | undefined, field: string): { value: string | null; error?: UserErrorValue } {
  if (raw == null) return { value: null };
  try {
    const value = parseDecimal(raw);
    if (value.startsWith('-')) return { value, error: userError(UserErrorCode.VALIDATION, `${field} must not be negative`, field) };
    return { value };
  } catch (error) {
    return { value: null, error: userError(UserErrorCode.VALIDATION, (error as Error).message, field) };
  }
}

function provinceOf(path: string): string {
  return path.split('/')[1] ?? '';
}

/**
 * Locks a customer the viewer may change (SELECT … FOR UPDATE), so that
 * concurrent writers queue; out of read scope is NOT_FOUND, readable but not
 * writable is FORBIDDEN.
 */
async function lockWritable(tx: EntityManager, ctx: Context, customerId: string | null, field: string): Promise<Result<GroupCustomerEntity>> {
  if (!customerId) return fail(UserErrorCode.NOT_FOUND, 'Customer not found', field);
  const query = tx.getRepository(GroupCustomerEntity).createQueryBuilder('c').where('c.id = :customerId', { customerId });
  const readable = await customerPolicy.applyRead(query.clone(), 'c', ctx.viewer).getExists();
  if (!readable) return fail(UserErrorCode.NOT_FOUND, 'Customer not found', field);
  const row = await customerPolicy.applyWrite(query, 'c', ctx.viewer).setLock('pessimistic_write').getOne();
  if (!row) throw forbidden('You may read this customer but not change it');
  return ok(row);
}

/** Checks region and account manager of a new or changed customer (same province, a real manager). */
async function checkPlacement(tx: EntityManager, regionId: string | null, accountManagerId: string | null, errors: UserErrorValue[]) {
  const region: RegionFacts | null = regionId ? await organisationFacts.region(tx, regionId) : null;
  if (!region) {
    errors.push(userError(UserErrorCode.VALIDATION, 'Unknown region', 'regionId'));
    return;
  }
  if (accountManagerId) {
    const [manager] = await organisationFacts.staff(tx, [accountManagerId]);
    if (!manager || !manager.active) {
      errors.push(userError(UserErrorCode.VALIDATION, 'Unknown account manager', 'accountManagerId'));
    } else if (!manager.roles.some((role) => role === Role.ACCOUNT_MANAGER || role === Role.GRID_MANAGER || role === Role.INDUSTRY_MANAGER)) {
      errors.push(userError(UserErrorCode.VALIDATION, `${manager.name} is not an account, grid or industry manager`, 'accountManagerId'));
    } else if (provinceOf(manager.regionPath) !== provinceOf(region.path)) {
      errors.push(userError(UserErrorCode.VALIDATION, `${manager.name} works in another province`, 'accountManagerId'));
    }
  }
}

async function creditCodeOwner(tx: EntityManager, creditCode: string, except?: string): Promise<GroupCustomerEntity | null> {
  const query = tx.getRepository(GroupCustomerEntity).createQueryBuilder('c').where('c.credit_code = :creditCode', { creditCode });
  if (except) query.andWhere('c.id <> :except', { except });
  return query.getOne();
}

const duplicateCreditCode = (code: string, owner?: GroupCustomerEntity | null) =>
  userError(
    UserErrorCode.DUPLICATE_CREDIT_CODE,
    owner ? `Credit code ${code} already belongs to ${owner.name} (${owner.code})` : `Credit code ${code} already belongs to another customer`,
    'creditCode',
  );

export const customerService = {
  ...customerHierarchy,

  /** Customers by uuid in the viewer's read scope; null for unknown or out of scope. */
  async byIds(ctx: Context, ids: readonly string[]): Promise<(GroupCustomerEntity | null)[]> {
    const query = ctx.db
      .getRepository(GroupCustomerEntity)
      .createQueryBuilder('c')
      .where('c.id IN (:...ids)', { ids: [...ids] });
    return byIds((await readEntities(customerPolicy.applyRead(query, 'c', ctx.viewer))).entities, ids);
  },

  /** One customer by id, code or credit code, in scope. */
  async findOne(ctx: Context, by: { id?: string | null; code?: string | null; creditCode?: string | null }): Promise<GroupCustomerEntity | null> {
    const query = ctx.db.getRepository(GroupCustomerEntity).createQueryBuilder('c');
    if (by.id) {
      const uuid = uuidOf(by.id, 'GroupCustomer');
      if (!uuid) return null;
      query.andWhere('c.id = :uuid', { uuid });
    }
    if (by.code) query.andWhere('c.code = :code', { code: by.code.trim().toUpperCase() });
    if (by.creditCode) query.andWhere('c.credit_code = :creditCode', { creditCode: by.creditCode.trim().toUpperCase() });
    if (!by.id && !by.code && !by.creditCode) return null;
    return customerPolicy.applyRead(query, 'c', ctx.viewer).getOne();
  },

  async list(ctx: Context, filter: GroupCustomerFilter | null | undefined, order: GroupCustomerOrder | null | undefined, args: PageArgs): Promise<Page<GroupCustomerEntity>> {
    const query = ctx.db.getRepository(GroupCustomerEntity).createQueryBuilder('c');
    customerPolicy.applyRead(query, 'c', ctx.viewer);
    const text = filter?.text?.trim();
    if (filter?.grades?.length) query.andWhere('c.grade IN (:...grades)', { grades: filter.grades });
    if (filter?.industries?.length) query.andWhere('c.industry IN (:...industries)', { industries: filter.industries });
    if (filter?.managementLevels?.length) query.andWhere('c.management_level IN (:...levels)', { levels: filter.managementLevels });
    if (filter?.statuses?.length) query.andWhere('c.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter?.regionId != null) {
      query.andWhere(organisationSql.inSubtreeOfRegion('c.region_id', 'filterRegionId'), {
        filterRegionId: uuidOf(filter.regionId, 'Region') ?? '00000000-0000-0000-0000-000000000000',
      });
    }
    if (filter?.accountManagerId != null) {
      query.andWhere('c.account_manager_id = :filterManager', {
        filterManager: uuidOf(filter.accountManagerId, 'Staff') ?? '00000000-0000-0000-0000-000000000000',
      });
    }
    if (filter?.revenueMin != null) query.andWhere('c.monthly_revenue >= :revenueMin', { revenueMin: filter.revenueMin });
    if (filter?.revenueMax != null) query.andWhere('c.monthly_revenue <= :revenueMax', { revenueMax: filter.revenueMax });
    for (const extra of customerFilters.conditions('c', filter)) query.andWhere(extra.sql, extra.params);
    return paginate(query, {
      args,
      sort: SORTS[order?.field ?? GroupCustomerOrderField.NAME],
      direction: order?.direction === OrderDirection.DESC ? 'DESC' : 'ASC',
      idExpression: 'c.id',
      map: (row) => row,
      capCount: true,
      sift: text ? textSearch(text) : undefined,
      shape: 'customers.list',
    });
  },

  /** Relations touching each customer (either side), oldest first. */
  async relationsOf(ctx: Context, customerIds: readonly string[]): Promise<CustomerRelationEntity[][]> {
    const rows = await ctx.db
      .getRepository(CustomerRelationEntity)
      .createQueryBuilder('r')
      .where('r.from_customer_id IN (:...ids) OR r.to_customer_id IN (:...ids)', { ids: [...customerIds] })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
    return customerIds.map((id) => rows.filter((row) => row.fromCustomerId === id || row.toCustomerId === id));
  },

  /** Each customer's history, newest first, a page per customer in one statement. */
  async historyPages(ctx: Context, customerIds: readonly string[], args: PageArgs, count: (customerId: string) => Promise<number>) {
    const query = ctx.db.createQueryBuilder().from(CustomerChangeEntity, 'h');
    return paginateEach(ctx.db, {
      entity: CustomerChangeEntity,
      query,
      alias: 'h',
      partitionExpression: 'h.customer_id',
      parentIds: customerIds,
      sort: { expression: 'h.at', type: 'timestamptz', value: (h) => h.at },
      direction: 'DESC',
      args,
      count,
    });
  },

  async historyCounts(ctx: Context, customerIds: readonly string[]): Promise<number[]> {
    const rows: { id: string; n: number }[] = await ctx.db
      .createQueryBuilder()
      .from(CustomerChangeEntity, 'h')
      .select('h.customer_id', 'id')
      .addSelect('count(*)::int', 'n')
      .where('h.customer_id IN (:...ids)', { ids: [...customerIds] })
      .groupBy('h.customer_id')
      .getRawMany();
    const counts = new Map(rows.map((row) => [row.id, row.n]));
    return customerIds.map((id) => counts.get(id) ?? 0);
  },

  /** Next code of the one numbering rule for every customer: JT + 8 digits. */
  async nextCode(tx: EntityManager): Promise<string> {
    const [{ n }] = await tx.query(`SELECT nextval('group_customer_code_seq') AS n`);
    return `JT${String(n).padStart(8, '0')}`;
  },

  async create(ctx: Context, input: CreateGroupCustomerInput): Promise<Result<GroupCustomerEntity>> {
    if (!customerPolicy.mayKeepCustomers(ctx.viewer)) throw forbidden('Only account, grid and industry managers create customers');
    const errors = await validateInput(input);
    const credit = normaliseCreditCode(input.creditCode);
    const revenue = money(input.monthlyRevenue, 'monthlyRevenue');
    for (const problem of [credit.error, revenue.error]) if (problem) errors.push(problem);
    const status = input.status ?? CustomerStatus.ACTIVE;
    if (status === CustomerStatus.CHURNED && !input.churnReason?.trim()) errors.push(userError(UserErrorCode.VALIDATION, 'A churned customer needs a churn reason', 'churnReason'));
    const regionId = uuidOf(input.regionId, 'Region');
    let accountManagerId = input.accountManagerId != null ? uuidOf(input.accountManagerId, 'Staff') : null;
    if (input.accountManagerId != null && !accountManagerId) errors.push(userError(UserErrorCode.VALIDATION, 'Unknown account manager', 'accountManagerId'));
    if (input.accountManagerId == null && hasRole(ctx.viewer, Role.ACCOUNT_MANAGER, Role.GRID_MANAGER, Role.INDUSTRY_MANAGER)) accountManagerId = ctx.viewer.staffId;

    return inTransaction(
      ctx,
      async (tx) => {
        await checkPlacement(tx, regionId, accountManagerId, errors);
        if (errors.length) return failMany(errors);
        if (credit.value) {
          const owner = await creditCodeOwner(tx, credit.value);
          if (owner) return failMany([duplicateCreditCode(credit.value, owner)]);
        }
        const repo = tx.getRepository(GroupCustomerEntity);
        const customer = repo.create({
          code: await customerService.nextCode(tx),
          name: input.name.trim(),
          creditCode: credit.value,
          industry: input.industry,
          grade: input.grade,
          managementLevel: input.managementLevel,
          regionId: regionId!,
          accountManagerId,
          memberCount: input.memberCount ?? 0,
          monthlyRevenue: revenue.value ?? '0.00',
          status,
          churnReason: status === CustomerStatus.CHURNED ? input.churnReason!.trim() : null,
          address: input.address?.trim() || null,
          parentId: null,
          version: 1,
        });
        const saved = await repo.save(customer);
        // The new customer must be one the creator may keep: otherwise they created something they cannot see.
        const keeps = await customerPolicy.applyWrite(repo.createQueryBuilder('c').where('c.id = :id', { id: saved.id }), 'c', ctx.viewer).getExists();
        if (!keeps) return fail(UserErrorCode.VALIDATION, 'This region, management level or account manager puts the customer outside what you manage', 'regionId');
        await recordChange(tx, ctx, saved.id, 'CREATE', diff(null, saved));
        return ok(saved);
      },
      { uq_group_customer_credit_code: duplicateCreditCode(credit.value ?? '') },
    );
  },

  async update(ctx: Context, input: UpdateGroupCustomerInput): Promise<Result<GroupCustomerEntity>> {
    const errors = await validateInput(input);
    const credit = input.creditCode !== undefined && input.creditCode !== null ? normaliseCreditCode(input.creditCode) : null;
    const revenue = money(input.monthlyRevenue, 'monthlyRevenue');
    for (const problem of [credit?.error, revenue.error]) if (problem) errors.push(problem);
    const regionId = input.regionId != null ? uuidOf(input.regionId, 'Region') : undefined;
    if (input.regionId != null && !regionId) errors.push(userError(UserErrorCode.VALIDATION, 'Unknown region', 'regionId'));
    const accountManagerId = input.accountManagerId != null ? uuidOf(input.accountManagerId, 'Staff') : undefined;
    if (input.accountManagerId != null && !accountManagerId) errors.push(userError(UserErrorCode.VALIDATION, 'Unknown account manager', 'accountManagerId'));
    if (errors.length) return failMany(errors);

    return inTransaction(
      ctx,
      async (tx) => {
        const locked = await lockWritable(tx, ctx, uuidOf(input.id, 'GroupCustomer'), 'id');
        if (!locked.ok) return locked;
        const before = locked.value;
        if (input.expectedVersion != null && input.expectedVersion !== before.version) {
          return fail(UserErrorCode.VERSION_CONFLICT, `The customer changed since you read it (version ${input.expectedVersion}, now ${before.version})`, 'expectedVersion');
        }
        const reclassified = directReclassificationErrors(ctx.viewer, before, { managementLevel: input.managementLevel ?? undefined, grade: input.grade ?? undefined });
        if (reclassified.length) return failMany(reclassified);
        const after = Object.assign(new GroupCustomerEntity(), before);
        if (input.name != null) after.name = input.name.trim();
        if (credit) after.creditCode = credit.value;
        if (input.industry != null) after.industry = input.industry;
        if (input.grade != null) after.grade = input.grade;
        if (input.managementLevel != null) after.managementLevel = input.managementLevel;
        if (regionId) after.regionId = regionId;
        if (accountManagerId) after.accountManagerId = accountManagerId;
        if (input.memberCount != null) after.memberCount = input.memberCount;
        if (revenue.value != null) after.monthlyRevenue = revenue.value;
        if (input.status != null) after.status = input.status;
        if (input.churnReason != null) after.churnReason = input.churnReason.trim() || null;
        if (input.address != null) after.address = input.address.trim() || null;
        if (after.status !== CustomerStatus.CHURNED) after.churnReason = null;
        else if (!after.churnReason) return fail(UserErrorCode.VALIDATION, 'A churned customer needs a churn reason', 'churnReason');

        const placement: UserErrorValue[] = [];
        if (regionId || accountManagerId) await checkPlacement(tx, after.regionId, after.accountManagerId, placement);
        if (placement.length) return failMany(placement);
        if (credit?.value && credit.value !== before.creditCode) {
          const owner = await creditCodeOwner(tx, credit.value, before.id);
          if (owner) return failMany([duplicateCreditCode(credit.value, owner)]);
        }
        const changes = diff(before, after);
        if (changes.length === 0) return ok(before);
        const { version: _version, updatedAt: _updatedAt, createdAt: _createdAt, id: _id, ...fields } = after;
        void _version;
        void _updatedAt;
        void _createdAt;
        void _id;
        // Conditional on the version read under the lock: a lost update is impossible.
        const result = await tx
          .createQueryBuilder()
          .update(GroupCustomerEntity)
          .set({ ...fields, version: () => 'version + 1' })
          .where('id = :id AND version = :version', { id: before.id, version: before.version })
          .execute();
        if (result.affected !== 1) return fail(UserErrorCode.VERSION_CONFLICT, 'The customer changed while you were saving', 'expectedVersion');
        const stillKept = await customerPolicy.applyWrite(tx.getRepository(GroupCustomerEntity).createQueryBuilder('c').where('c.id = :id', { id: before.id }), 'c', ctx.viewer).getExists();
        if (!stillKept) return fail(UserErrorCode.VALIDATION, 'This change would put the customer outside what you manage', regionId ? 'regionId' : 'accountManagerId');
        await recordChange(tx, ctx, before.id, 'UPDATE', changes);
        return ok(await tx.getRepository(GroupCustomerEntity).findOneByOrFail({ id: before.id }));
      },
      { uq_group_customer_credit_code: duplicateCreditCode(credit?.value ?? '') },
    );
  },

  /** 集团总部 → 成员单位: a parent that is the customer itself or one of its descendants is a cycle. */
  async setParent(ctx: Context, input: SetCustomerParentInput): Promise<Result<GroupCustomerEntity>> {
    return inTransaction(ctx, async (tx) => {
      // One writer at a time reshapes the hierarchy, so two concurrent moves cannot form a cycle together.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['group-crm:customer-hierarchy']);
      const locked = await lockWritable(tx, ctx, uuidOf(input.id, 'GroupCustomer'), 'id');
      if (!locked.ok) return locked;
      const customer = locked.value;
      if (input.expectedVersion != null && input.expectedVersion !== customer.version) {
        return fail(UserErrorCode.VERSION_CONFLICT, `The customer changed since you read it (version ${input.expectedVersion}, now ${customer.version})`, 'expectedVersion');
      }
      let parentId: string | null = null;
      if (input.parentId != null) {
        parentId = uuidOf(input.parentId, 'GroupCustomer');
        const visible = parentId
          ? await customerPolicy.applyRead(tx.getRepository(GroupCustomerEntity).createQueryBuilder('c').where('c.id = :parentId', { parentId }), 'c', ctx.viewer).getExists()
          : false;
        if (!visible) return fail(UserErrorCode.NOT_FOUND, 'Parent customer not found', 'parentId');
        if (parentId === customer.id) return fail(UserErrorCode.HIERARCHY_CYCLE, 'A customer cannot be its own parent', 'parentId');
        // Is the new parent inside this customer's own subtree?
        const [{ cycle }] = await tx.query(
          `WITH RECURSIVE up(id) AS (SELECT $1::uuid UNION SELECT c.parent_id FROM group_customer c JOIN up ON c.id = up.id WHERE c.parent_id IS NOT NULL)
           SELECT EXISTS (SELECT 1 FROM up WHERE id = $2) AS cycle`,
          [parentId, customer.id],
        );
        if (cycle) return fail(UserErrorCode.HIERARCHY_CYCLE, 'That parent is already a member unit under this customer', 'parentId');
      }
      if (parentId === customer.parentId) return ok(customer);
      await tx
        .createQueryBuilder()
        .update(GroupCustomerEntity)
        .set({ parentId, version: () => 'version + 1' })
        .where('id = :id', { id: customer.id })
        .execute();
      await recordChange(tx, ctx, customer.id, 'SET_PARENT', [
        { field: 'parent', from: customer.parentId && toGlobalId('GroupCustomer', customer.parentId), to: parentId && toGlobalId('GroupCustomer', parentId) },
      ]);
      return ok(await tx.getRepository(GroupCustomerEntity).findOneByOrFail({ id: customer.id }));
    });
  },

  async addRelation(ctx: Context, input: AddCustomerRelationInput): Promise<Result<CustomerRelationEntity>> {
    const errors = await validateInput(input);
    if (errors.length) return failMany(errors);
    return inTransaction(
      ctx,
      async (tx) => {
        const from = await lockWritable(tx, ctx, uuidOf(input.fromId, 'GroupCustomer'), 'fromId');
        if (!from.ok) return from;
        const toId = uuidOf(input.toId, 'GroupCustomer');
        const toVisible = toId ? await customerPolicy.applyRead(tx.getRepository(GroupCustomerEntity).createQueryBuilder('c').where('c.id = :toId', { toId }), 'c', ctx.viewer).getExists() : false;
        if (!toVisible) return fail(UserErrorCode.NOT_FOUND, 'Customer not found', 'toId');
        if (toId === from.value.id) return fail(UserErrorCode.VALIDATION, 'A relation joins two different customers', 'toId');
        const repo = tx.getRepository(CustomerRelationEntity);
        const relation = await repo.save(
          repo.create({
            fromCustomerId: from.value.id,
            toCustomerId: toId!,
            type: input.type,
            note: input.note?.trim() || null,
            recordedById: ctx.viewer.staffId,
          }),
        );
        await recordChange(tx, ctx, from.value.id, 'ADD_RELATION', [{ field: 'relations', from: null, to: `${input.type} ${toGlobalId('GroupCustomer', toId!)}` }]);
        return ok(relation);
      },
      { uq_customer_relation: userError(UserErrorCode.ALREADY_EXISTS, 'These two customers already have this relation', 'type') },
    );
  },
  /**
   * The customer a partner names by credit code, or a new PROSPECT 潜在客户
   * in the partner's region when the code is unknown (DOMAIN.md: Partner
   * registration). Unscoped on purpose: a partner may name any customer it
   * knows the code of, and learns only what its opportunity shows (code,
   * name, region). Same numbering, credit-code rule and history as create.
   */
  async findOrCreateProspect(tx: EntityManager, ctx: Context, input: { name: string; creditCode: string; regionId: string; industry: Industry }): Promise<Result<GroupCustomerEntity>> {
    const credit = normaliseCreditCode(input.creditCode);
    if (credit.error) return failMany([{ ...credit.error, field: ['input', 'customer', 'creditCode'] }]);
    if (!credit.value) return fail(UserErrorCode.VALIDATION, 'creditCode must not be empty', ['customer', 'creditCode']);
    const existing = await creditCodeOwner(tx, credit.value);
    if (existing) return ok(existing);
    const region = (await organisationFacts.region(tx, input.regionId))!;
    const repo = tx.getRepository(GroupCustomerEntity);
    const saved = await repo.save(
      repo.create({
        code: await customerService.nextCode(tx),
        name: input.name.trim(),
        creditCode: credit.value,
        industry: input.industry,
        grade: CustomerGrade.D,
        managementLevel:
          region.level === RegionLevel.COUNTY || region.level === RegionLevel.GRID ? ManagementLevel.COUNTY : region.level === RegionLevel.CITY ? ManagementLevel.CITY : ManagementLevel.PROVINCE,
        regionId: region.id,
        accountManagerId: null,
        memberCount: 0,
        monthlyRevenue: '0.00',
        status: CustomerStatus.PROSPECT,
        churnReason: null,
        address: null,
        parentId: null,
        version: 1,
      }),
    );
    await recordChange(tx, ctx, saved.id, 'CREATE', diff(null, saved));
    return ok(saved);
  },
};
