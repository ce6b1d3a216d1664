import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Context, inTransaction } from '../../platform/context';
import { publish } from '../../platform/live/events';
import { careEvent, CareDueChange } from './care-due-events';
import { Page, PageArgs, paginate, SortKey } from '../../platform/graphql/connection';
import { forbidden } from '../../platform/graphql/errors';
import { toGlobalId, uuidOf } from '../../platform/graphql/node-id';
import { fail, failMany, ok, Result, userError, UserErrorCode, UserErrorValue } from '../../platform/graphql/user-error';
import { validateInput } from '../../platform/graphql/validation';
import { byIds, escapeLike, paginateEach } from '../../platform/sql';
import { customerFacts, customerSql } from '../customers/customer.sql';
import { CareActivityEntity } from './care-activity.entity';
import { careDuePage } from './care-due';
import { CarePolicyEntity } from './care-policy.entity';
import { CARE_STATUS, CARE_TIME_ZONE, careDueReasons } from './care.sql';
import { CareDueReason, CareLevel, CareStatus } from './contact.enums';
import { ContactEntity } from './contact.entity';
import { contactPolicy } from './contact.policy';
import { ContactFilter, CreateContactInput, RecordCareActivityInput, SetCarePolicyInput, UpdateContactInput } from './contact.types';
import { normaliseEmail, normaliseMobile, parseBirthday } from './personal-data';

const BY_NAME: SortKey<ContactEntity> = { expression: 'ct.name', type: 'text', value: (c) => c.name };
const NEWEST_FIRST: SortKey<CareActivityEntity> = { expression: 'a.occurred_at', type: 'timestamptz', value: (a) => a.occurredAt };

/** Care state of one contact, as of the moment it was read. */
export interface CareFacts {
  careStatus: CareStatus;
  /** May the viewer see this contact's mobile, email and birthday unmasked? */
  personal: boolean;
}

export interface CoverageRow {
  careLevel: CareLevel;
  contacts: number;
  onTrack: number;
}

const requestMoments = new WeakMap<Context, string>();

/** The moment care status is judged at: one per request, so a filter and the status it shows always agree. */
function careNow(ctx: Context): string {
  let moment = requestMoments.get(ctx);
  if (!moment) {
    moment = new Date().toISOString();
    requestMoments.set(ctx, moment);
  }
  return moment;
}

/** Contacts joined to their customer (`c`, for scope) and their level's policy (`p`, for care state), in the viewer's read scope. */
function scopedContacts(ctx: Context): SelectQueryBuilder<ContactEntity> {
  const query = customerSql.joinTo(ctx.db.getRepository(ContactEntity).createQueryBuilder('ct'), 'c', 'ct.customer_id').innerJoin(CarePolicyEntity, 'p', 'p.care_level = ct.care_level');
  return contactPolicy.applyRead(query, 'c', ctx.viewer);
}

function applyFilter(ctx: Context, query: SelectQueryBuilder<ContactEntity>, filter: ContactFilter | null | undefined): SelectQueryBuilder<ContactEntity> {
  if (filter?.customerId != null)
    query.andWhere('ct.customer_id = :filterCustomer', {
      filterCustomer: uuidOf(filter.customerId, 'GroupCustomer') ?? '00000000-0000-0000-0000-000000000000',
    });
  if (filter?.careLevels?.length) query.andWhere('ct.care_level IN (:...filterLevels)', { filterLevels: filter.careLevels });
  if (filter?.careStatuses?.length) query.andWhere(`${CARE_STATUS} IN (:...filterStatuses)`, { filterStatuses: filter.careStatuses, careNow: careNow(ctx) });
  const text = filter?.text?.trim();
  if (text) query.andWhere(`(ct.name ILIKE :filterText OR ct.title ILIKE :filterText OR ct.department ILIKE :filterText)`, { filterText: `%${escapeLike(text)}%` });
  return query;
}

/** Today's date where the customers are, for birthday checks. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CARE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

interface PersonalFields {
  mobile?: string | null;
  email?: string | null;
  birthday?: string | null;
}

/** Checks and normalises mobile, email and birthday; undefined stays undefined (not given), empty clears. */
function personalFields(input: PersonalFields, errors: UserErrorValue[]): PersonalFields {
  const out: PersonalFields = {};
  const blank = (v: string | null | undefined) => v === null || (typeof v === 'string' && v.trim() === '');
  if (input.mobile !== undefined) {
    out.mobile = blank(input.mobile) ? null : normaliseMobile(input.mobile!);
    if (out.mobile === null && !blank(input.mobile)) errors.push(userError(UserErrorCode.VALIDATION, 'mobile must be a mainland mobile number such as 13812345678', 'mobile'));
  }
  if (input.email !== undefined) {
    out.email = blank(input.email) ? null : normaliseEmail(input.email!);
    if (out.email === null && !blank(input.email)) errors.push(userError(UserErrorCode.VALIDATION, 'email is not a valid email address', 'email'));
  }
  if (input.birthday !== undefined) {
    out.birthday = blank(input.birthday) ? null : parseBirthday(input.birthday!, today());
    if (out.birthday === null && !blank(input.birthday)) errors.push(userError(UserErrorCode.VALIDATION, 'birthday must be a past date written YYYY-MM-DD', 'birthday'));
  }
  return out;
}

const optionalText = (value: string | null | undefined) => (value == null ? null : value.trim() || null);

/** Whether the viewer may read and change a customer; NOT_FOUND reads exactly like out of scope. */
export async function customerAccess(tx: EntityManager, ctx: Context, customerId: string | null): Promise<{ readable: boolean; writable: boolean }> {
  if (!customerId) return { readable: false, writable: false };
  const access = await customerFacts.check(tx, customerId, {
    readable: (alias) => contactPolicy.read(alias, ctx.viewer),
    writable: (alias) => contactPolicy.write(alias, ctx.viewer),
  });
  return { readable: access.readable, writable: access.readable && access.writable };
}

/**
 * The customer's org chart: the manager must be a contact of the same
 * customer and must not sit below the contact (no cycles). Callers hold the
 * customer's org-chart lock, so two concurrent changes cannot close a cycle.
 */
async function checkReportsTo(tx: EntityManager, customerId: string, selfId: string | null, reportsToId: string): Promise<UserErrorValue | null> {
  const managerId = uuidOf(reportsToId, 'Contact');
  const manager = managerId ? await tx.getRepository(ContactEntity).findOne({ where: { id: managerId }, select: { id: true, customerId: true } }) : null;
  if (!manager) return userError(UserErrorCode.VALIDATION, 'Unknown contact', 'reportsToId');
  if (manager.customerId !== customerId) return userError(UserErrorCode.VALIDATION, 'A contact reports to a contact of the same customer', 'reportsToId');
  if (selfId == null) return null;
  // Walks up from the proposed manager; meeting the contact itself means a cycle.
  const [{ cycle }] = await tx.query(
    `WITH RECURSIVE up(id) AS (SELECT $1::uuid UNION SELECT ct.reports_to_id FROM contact ct JOIN up ON ct.id = up.id WHERE ct.reports_to_id IS NOT NULL)
     SELECT EXISTS (SELECT 1 FROM up WHERE id = $2) AS cycle`,
    [manager.id, selfId],
  );
  return cycle ? userError(UserErrorCode.VALIDATION, 'That contact already reports (directly or not) to this one: the org chart would form a cycle', 'reportsToId') : null;
}

async function lockOrgChart(tx: EntityManager, customerId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`group-crm:org-chart:${customerId}`]);
}

export const contactService = {
  /** Contacts by uuid in the viewer's scope; null for unknown or out of scope. */
  async byIds(ctx: Context, ids: readonly string[]): Promise<(ContactEntity | null)[]> {
    return byIds(
      await scopedContacts(ctx)
        .andWhere('ct.id IN (:...ids)', { ids: [...ids] })
        .getMany(),
      ids,
    );
  },

  /** Contacts across the viewer's scope, filtered, by name. */
  async list(ctx: Context, filter: ContactFilter | null | undefined, args: PageArgs): Promise<Page<ContactEntity>> {
    const query = applyFilter(ctx, scopedContacts(ctx), filter);
    return paginate(query, { args, sort: BY_NAME, direction: 'ASC', idExpression: 'ct.id', map: (row) => row, capCount: true, shape: 'contacts.list' });
  },

  /** One page of contacts per customer, by name, one statement for the batch. */
  async pagesByCustomer(ctx: Context, customerIds: readonly string[], filter: ContactFilter | null | undefined, args: PageArgs, count: (customerId: string) => Promise<number>) {
    const query = applyFilter(ctx, scopedContacts(ctx), filter);
    return paginateEach(ctx.db, {
      entity: ContactEntity,
      query,
      alias: 'ct',
      partitionExpression: 'ct.customer_id',
      parentIds: customerIds,
      sort: BY_NAME,
      direction: 'ASC',
      args,
      count,
    });
  },

  async countsByCustomer(ctx: Context, customerIds: readonly string[], filter: ContactFilter | null | undefined): Promise<number[]> {
    const query = applyFilter(ctx, scopedContacts(ctx), filter)
      .select('ct.customer_id', 'customer')
      .addSelect('count(*)::int', 'n')
      .andWhere('ct.customer_id IN (:...countCustomers)', { countCustomers: [...customerIds] })
      .groupBy('ct.customer_id');
    const counts = new Map((await query.getRawMany<{ customer: string; n: number }>()).map((row) => [row.customer, row.n]));
    return customerIds.map((id) => counts.get(id) ?? 0);
  },

  /** The contacts reporting directly to each contact, by name. */
  async directReports(ctx: Context, managerIds: readonly string[]): Promise<ContactEntity[][]> {
    const rows = await scopedContacts(ctx)
      .andWhere('ct.reports_to_id IN (:...managerIds)', { managerIds: [...managerIds] })
      .orderBy('ct.name')
      .addOrderBy('ct.id')
      .getMany();
    return managerIds.map((id) => rows.filter((row) => row.reportsToId === id));
  },

  /** Care state and personal-data visibility of each contact, one statement for the batch. */
  async facts(ctx: Context, contactIds: readonly string[]): Promise<(CareFacts | null)[]> {
    const personal = contactPolicy.personalData('c', ctx.viewer);
    const rows = await scopedContacts(ctx)
      .select('ct.id', 'id')
      .addSelect(CARE_STATUS, 'careStatus')
      .addSelect(`(${personal.sql})`, 'personal')
      .andWhere('ct.id IN (:...factIds)', { factIds: [...contactIds] })
      .setParameters({ ...personal.params, careNow: careNow(ctx) })
      .getRawMany<CareFacts & { id: string }>();
    return byIds(rows, contactIds);
  },

  /** Why each contact would be on a due list looking `withinDays` ahead. */
  async dueReasons(ctx: Context, contactIds: readonly string[], withinDays: number): Promise<CareDueReason[][]> {
    const personal = contactPolicy.personalData('c', ctx.viewer);
    const rows = await scopedContacts(ctx)
      .select('ct.id', 'id')
      .addSelect(careDueReasons(personal.sql), 'reasons')
      .andWhere('ct.id IN (:...reasonIds)', { reasonIds: [...contactIds] })
      .setParameters({ ...personal.params, careNow: careNow(ctx), dueWithinDays: withinDays })
      .getRawMany<{ id: string; reasons: CareDueReason[] }>();
    return byIds(rows, contactIds).map((row) => row?.reasons ?? []);
  },

  /** 关怀提醒 — the viewer's due list (care-due.ts). */
  careDue(ctx: Context, withinDays: number, args: PageArgs): Promise<Page<ContactEntity>> {
    return careDuePage(ctx, careNow(ctx), withinDays, args);
  },

  /** 关怀覆盖 — per care level of each customer: contacts in scope and how many are ON_TRACK. */
  async coverage(ctx: Context, customerIds: readonly string[]): Promise<CoverageRow[][]> {
    const rows = await scopedContacts(ctx)
      .select('ct.customer_id', 'customer')
      .addSelect('ct.care_level', 'careLevel')
      .addSelect('count(*)::int', 'contacts')
      .addSelect(`(count(*) FILTER (WHERE ${CARE_STATUS} = 'ON_TRACK'))::int`, 'onTrack')
      .andWhere('ct.customer_id IN (:...coverageIds) AND ct.left_on IS NULL', { coverageIds: [...customerIds] })
      .setParameter('careNow', careNow(ctx))
      .groupBy('ct.customer_id')
      .addGroupBy('ct.care_level')
      .getRawMany<CoverageRow & { customer: string }>();
    return customerIds.map((id) =>
      Object.values(CareLevel).map((careLevel) => {
        const row = rows.find((r) => r.customer === id && r.careLevel === careLevel);
        return { careLevel, contacts: row?.contacts ?? 0, onTrack: row?.onTrack ?? 0 };
      }),
    );
  },

  /** Care activities visible through their contact, by uuid. */
  async activitiesByIds(ctx: Context, ids: readonly string[]): Promise<(CareActivityEntity | null)[]> {
    const query = ctx.db
      .getRepository(CareActivityEntity)
      .createQueryBuilder('a')
      .innerJoin(ContactEntity, 'ct', 'ct.id = a.contact_id')
      .where('a.id IN (:...ids)', { ids: [...ids] });
    return byIds(await contactPolicy.applyRead(customerSql.joinTo(query, 'c', 'ct.customer_id'), 'c', ctx.viewer).getMany(), ids);
  },

  /** One page of care activities per contact, newest first, one statement for the batch. */
  async activityPages(ctx: Context, contactIds: readonly string[], args: PageArgs, count: (contactId: string) => Promise<number>) {
    const query = customerSql.joinTo(ctx.db.createQueryBuilder().from(CareActivityEntity, 'a').innerJoin(ContactEntity, 'ct', 'ct.id = a.contact_id'), 'c', 'ct.customer_id');
    contactPolicy.applyRead(query, 'c', ctx.viewer);
    return paginateEach(ctx.db, {
      entity: CareActivityEntity,
      query,
      alias: 'a',
      partitionExpression: 'a.contact_id',
      parentIds: contactIds,
      sort: NEWEST_FIRST,
      direction: 'DESC',
      args,
      count,
    });
  },

  async activityCounts(ctx: Context, contactIds: readonly string[]): Promise<number[]> {
    const query = ctx.db
      .createQueryBuilder()
      .from(CareActivityEntity, 'a')
      .innerJoin(ContactEntity, 'ct', 'ct.id = a.contact_id')
      .select('a.contact_id', 'contact')
      .addSelect('count(*)::int', 'n')
      .where('a.contact_id IN (:...contactIds)', { contactIds: [...contactIds] })
      .groupBy('a.contact_id');
    contactPolicy.applyRead(customerSql.joinTo(query, 'c', 'ct.customer_id'), 'c', ctx.viewer);
    const counts = new Map((await query.getRawMany<{ contact: string; n: number }>()).map((row) => [row.contact, row.n]));
    return contactIds.map((id) => counts.get(id) ?? 0);
  },

  /** The four care policies, management first. Our staff may read them; partners have no contacts to care for. */
  async policies(ctx: Context): Promise<CarePolicyEntity[]> {
    if (!contactPolicy.mayReadPolicies(ctx.viewer)) return [];
    const rows = await ctx.db.getRepository(CarePolicyEntity).find();
    const order = Object.values(CareLevel);
    return rows.sort((a, b) => order.indexOf(a.careLevel) - order.indexOf(b.careLevel));
  },

  async policiesByIds(ctx: Context, ids: readonly string[]): Promise<(CarePolicyEntity | null)[]> {
    if (!contactPolicy.mayReadPolicies(ctx.viewer)) return ids.map(() => null);
    return byIds(
      await ctx.db
        .getRepository(CarePolicyEntity)
        .createQueryBuilder('p')
        .where('p.id IN (:...ids)', { ids: [...ids] })
        .getMany(),
      ids,
    );
  },

  async create(ctx: Context, input: CreateContactInput): Promise<Result<ContactEntity>> {
    const errors = await validateInput(input);
    const personal = personalFields(input, errors);
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const customerId = uuidOf(input.customerId, 'GroupCustomer');
      const access = await customerAccess(tx, ctx, customerId);
      if (!access.readable) return fail(UserErrorCode.NOT_FOUND, 'Customer not found', 'customerId');
      if (!access.writable) throw forbidden('You may read this customer but not keep its contacts');
      if (input.reportsToId != null) {
        await lockOrgChart(tx, customerId!);
        const problem = await checkReportsTo(tx, customerId!, null, input.reportsToId);
        if (problem) return failMany([problem]);
      }
      const repo = tx.getRepository(ContactEntity);
      const saved = await repo.save(
        repo.create({
          customerId: customerId!,
          name: input.name.trim(),
          title: optionalText(input.title),
          department: optionalText(input.department),
          careLevel: input.careLevel,
          decisionRole: input.decisionRole ?? null,
          attitude: input.attitude ?? null,
          reportsToId: uuidOf(input.reportsToId, 'Contact'),
          mobile: personal.mobile ?? null,
          email: personal.email ?? null,
          birthday: personal.birthday ?? null,
          note: optionalText(input.note),
        }),
      );
      await publish(tx, careEvent(CareDueChange.ADDED, saved.id));
      return ok(await repo.findOneByOrFail({ id: saved.id }));
    });
  },

  async update(ctx: Context, input: UpdateContactInput): Promise<Result<ContactEntity>> {
    const errors = await validateInput(input);
    const personal = personalFields(input, errors);
    if (input.name === null) errors.push(userError(UserErrorCode.VALIDATION, 'name must not be empty', 'name'));
    if (input.careLevel === null) errors.push(userError(UserErrorCode.VALIDATION, 'careLevel cannot be cleared', 'careLevel'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const contactId = uuidOf(input.id, 'Contact');
      const existing = contactId ? await tx.getRepository(ContactEntity).findOne({ where: { id: contactId }, select: { id: true, customerId: true } }) : null;
      const access = await customerAccess(tx, ctx, existing?.customerId ?? null);
      if (!existing || !access.readable) return fail(UserErrorCode.NOT_FOUND, 'Contact not found', 'id');
      if (!access.writable) throw forbidden('You may read this contact but not change it');
      if (input.reportsToId !== undefined) await lockOrgChart(tx, existing.customerId);
      // Under the lock, so two writers queue and the version check below sees the latest row.
      const before = await tx.getRepository(ContactEntity).createQueryBuilder('ct').where('ct.id = :id', { id: existing.id }).setLock('pessimistic_write').getOneOrFail();
      if (input.expectedVersion != null && input.expectedVersion !== before.version) {
        return fail(UserErrorCode.VERSION_CONFLICT, `The contact changed since you read it (version ${input.expectedVersion}, now ${before.version})`, 'expectedVersion');
      }
      const changes: Partial<ContactEntity> = {};
      if (input.name != null) changes.name = input.name.trim();
      if (input.title !== undefined) changes.title = optionalText(input.title);
      if (input.department !== undefined) changes.department = optionalText(input.department);
      if (input.careLevel != null) changes.careLevel = input.careLevel;
      if (input.decisionRole !== undefined) changes.decisionRole = input.decisionRole ?? null;
      if (input.attitude !== undefined) changes.attitude = input.attitude ?? null;
      if (input.note !== undefined) changes.note = optionalText(input.note);
      Object.assign(changes, personal);
      if (input.reportsToId !== undefined) {
        if (input.reportsToId !== null) {
          const problem = await checkReportsTo(tx, before.customerId, before.id, input.reportsToId);
          if (problem) return failMany([problem]);
        }
        changes.reportsToId = uuidOf(input.reportsToId, 'Contact');
      }
      await tx
        .createQueryBuilder()
        .update(ContactEntity)
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: before.id, version: before.version })
        .execute();
      return ok(await tx.getRepository(ContactEntity).findOneByOrFail({ id: before.id }));
    });
  },

  /**
   * Sets (or, with null, clears) who a contact reports to inside a caller's
   * transaction, with the same rules as updateContact — for the relationship
   * map, whose REPORTS_TO mirrors the org chart. Null when done, else why not.
   */
  async setReportsTo(tx: EntityManager, ctx: Context, contactId: string, managerId: string | null): Promise<UserErrorValue | null> {
    const existing = await tx.getRepository(ContactEntity).findOne({ where: { id: contactId }, select: { id: true, customerId: true } });
    const access = await customerAccess(tx, ctx, existing?.customerId ?? null);
    if (!existing || !access.readable) return userError(UserErrorCode.VALIDATION, 'Unknown contact, or one outside your scope', 'id');
    if (!access.writable) return userError(UserErrorCode.VALIDATION, 'You may read this contact but not change its org chart', 'id');
    await lockOrgChart(tx, existing.customerId);
    if (managerId !== null) {
      const problem = await checkReportsTo(tx, existing.customerId, existing.id, toGlobalId('Contact', managerId));
      if (problem) return problem;
    }
    await tx
      .createQueryBuilder()
      .update(ContactEntity)
      .set({ reportsToId: managerId, version: () => 'version + 1' })
      .where('id = :id', { id: existing.id })
      .execute();
    return null;
  },

  /** 关怀记录 by the viewer: when it happened (never in the future), what, and what it cost. */
  async recordCare(ctx: Context, input: RecordCareActivityInput): Promise<Result<CareActivityEntity>> {
    const errors = await validateInput(input);
    const now = new Date();
    const occurredAt = input.occurredAt ?? now;
    if (occurredAt.getTime() > now.getTime()) errors.push(userError(UserErrorCode.VALIDATION, 'occurredAt must not be in the future', 'occurredAt'));
    const cost = input.cost ?? '0.00';
    if (cost.startsWith('-')) errors.push(userError(UserErrorCode.VALIDATION, 'cost must not be negative', 'cost'));
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const contactId = uuidOf(input.contactId, 'Contact');
      const contact = contactId ? await tx.getRepository(ContactEntity).findOne({ where: { id: contactId }, select: { id: true, customerId: true } }) : null;
      const access = await customerAccess(tx, ctx, contact?.customerId ?? null);
      if (!contact || !access.readable) return fail(UserErrorCode.VALIDATION, 'Unknown contact', 'contactId');
      if (!access.writable) throw forbidden('You may read this contact but not record care for it');
      const repo = tx.getRepository(CareActivityEntity);
      const saved = await repo.save(repo.create({ contactId: contact.id, kind: input.kind, occurredAt, note: optionalText(input.note), cost, recordedById: ctx.viewer.staffId }));
      await publish(tx, careEvent(CareDueChange.CARED_FOR, contact.id));
      return ok(await repo.findOneByOrFail({ id: saved.id }));
    });
  },

  /** Admins change a level's policy; every contact's status follows at once, because status is computed on read. */
  async setPolicy(ctx: Context, input: SetCarePolicyInput): Promise<Result<CarePolicyEntity>> {
    if (!contactPolicy.mayAdministerPolicies(ctx.viewer)) throw forbidden('Only an administrator may change care policies');
    const errors = await validateInput(input);
    if (errors.length) return failMany(errors);
    return inTransaction(ctx, async (tx) => {
      const repo = tx.getRepository(CarePolicyEntity);
      const policy = await repo.createQueryBuilder('p').where('p.care_level = :level', { level: input.careLevel }).setLock('pessimistic_write').getOne();
      if (!policy) return fail(UserErrorCode.NOT_FOUND, `No care policy for ${input.careLevel}`, 'careLevel');
      const changes: Partial<CarePolicyEntity> = { updatedById: ctx.viewer.staffId };
      if (input.intervalDays != null) changes.intervalDays = input.intervalDays;
      if (input.birthdayWindowDays != null) changes.birthdayWindowDays = input.birthdayWindowDays;
      if (input.dueSoonDays != null) changes.dueSoonDays = input.dueSoonDays;
      await repo.update({ id: policy.id }, changes);
      return ok(await repo.findOneByOrFail({ id: policy.id }));
    });
  },
};
