import { DataSource, EntityManager } from 'typeorm';
import type { Viewer } from '../../platform/auth/viewer';
import type { ScopePredicate } from '../../platform/scope/predicate';
import { customerPolicy } from '../customers/customer.policy';
import { customerSql } from '../customers/customer.sql';
import { ContactEntity } from './contact.entity';
import { CareActivityKind, CareLevel } from './contact.enums';
import { contactPolicy } from './contact.policy';

/*
 * What the other modules may know of contacts: SQL fragments that name this
 * module's tables, and reads in the viewer's scope. Nobody else names
 * `contact`, `care_policy` or `care_activity`
 * (tests/platform/module-boundaries.test.ts).
 */

export const contactSql = {
  /** The contact `contactIdExpression` exists and the viewer may read it. */
  readable(contactIdExpression: string, viewer: Viewer, alias: string): ScopePredicate {
    const scope = contactPolicy.read(`${alias}_c`, viewer);
    return {
      sql: `EXISTS (SELECT 1 FROM contact ${alias} ${customerSql.join(`${alias}_c`, `${alias}.customer_id`)} WHERE ${alias}.id = ${contactIdExpression} AND ${scope.sql})`,
      params: scope.params,
    };
  },

  /** The ids among the uuid array `idsExpression` that are contacts (a SELECT of one column, `id`). */
  idsAmong(idsExpression: string): string {
    return `SELECT id FROM contact WHERE id = ANY(${idsExpression})`;
  },

  /** The contacts still there (not left 离职) of the customers `customerIdsSelect` (a SELECT of one column): columns customer_id, contact_id, care_level. */
  ofCustomers(customerIdsSelect: string): string {
    return `SELECT ct.customer_id, ct.id AS contact_id, ct.care_level FROM contact ct WHERE ct.customer_id IN (${customerIdsSelect}) AND ct.left_on IS NULL`;
  },

  /** Care activities per contact and kind that happened in [from, to) (SQL timestamps), for the contacts `contactIdsSelect`: contact_id, kind, n. */
  careCountsBetween(contactIdsSelect: string, from: string, to: string): string {
    return `SELECT a.contact_id, a.kind, count(*)::int AS n FROM care_activity a WHERE a.contact_id IN (${contactIdsSelect}) AND a.occurred_at >= ${from} AND a.occurred_at < ${to} GROUP BY a.contact_id, a.kind`;
  },

  /**
   * MANAGEMENT and KEY_PERSON contacts still there (not left 离职) of the
   * customers `customerIds` (a SELECT of one uuid column) overdue for care at `:careNow` — never cared
   * for, or past their next due moment (care.sql.ts): rows of customer_id,
   * name, care_level, last_cared_at, next_care_due_at.
   */
  overdueKeyContacts(customerIds: string): string {
    return `SELECT ct.customer_id, ct.name, ct.care_level::text AS care_level, ct.last_cared_at, ct.next_care_due_at
      FROM contact ct
      WHERE ct.customer_id IN (${customerIds}) AND ct.care_level IN ('MANAGEMENT', 'KEY_PERSON') AND ct.left_on IS NULL
        AND (ct.last_cared_at IS NULL OR ct.next_care_due_at < CAST(:careNow AS timestamptz))`;
  },

  /** MANAGEMENT and KEY_PERSON contacts of the customers `customerIds` (a SELECT) who left 离职 within `days` days of :today (China date): customer_id, name, care_level, left_on. */
  keyContactsLeft(customerIds: string, days: number): string {
    return `SELECT ct.customer_id, ct.name, ct.care_level::text AS care_level, ct.left_on
      FROM contact ct
      WHERE ct.customer_id IN (${customerIds}) AND ct.care_level IN ('MANAGEMENT', 'KEY_PERSON') AND ct.left_on IS NOT NULL
        AND ct.left_on > CAST(:today AS date) - ${Math.trunc(days)} AND ct.left_on <= CAST(:today AS date)`;
  },

  /** The customers of the contacts in the uuid array `idsExpression` (a SELECT of one column). */
  customerIdsOf(idsExpression: string): string {
    return `SELECT ct.customer_id FROM contact ct WHERE ct.id = ANY(${idsExpression})`;
  },
};

/** What anyone inside the province may see of a contact on the shared map (DOMAIN.md: Relationship map 全员共享): no personal data. */
export interface ContactProfile {
  id: string;
  name: string;
  title: string | null;
  careLevel: CareLevel;
  leftOn: string | null;
  customerCode: string;
  customerName: string;
}

/** One care activity another module records (the service module's customer events). */
export interface CareRecord {
  contactId: string;
  kind: CareActivityKind;
  occurredAt: Date;
  note: string | null;
  cost: string;
  recordedById: string;
}

export const careRecords = {
  /** Inserts care activities in one statement (the contacts' care state follows by trigger): each new id with its contact. */
  async insertMany(tx: EntityManager, records: readonly CareRecord[]): Promise<{ id: string; contactId: string }[]> {
    if (records.length === 0) return [];
    return tx.query(
      `INSERT INTO care_activity (contact_id, kind, occurred_at, note, cost, recorded_by_id)
       SELECT r.contact_id, r.kind::care_activity_kind, r.occurred_at, r.note, r.cost, r.recorded_by_id
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::numeric[], $6::uuid[]) WITH ORDINALITY AS r(contact_id, kind, occurred_at, note, cost, recorded_by_id, n)
       ORDER BY r.n RETURNING id, contact_id AS "contactId"`,
      [records.map((r) => r.contactId), records.map((r) => r.kind), records.map((r) => r.occurredAt), records.map((r) => r.note), records.map((r) => r.cost), records.map((r) => r.recordedById)],
    );
  },
};

export const contactFacts = {
  /** Contacts by id with their customer and care level; unknown ids are left out. */
  async ofIds(db: DataSource | EntityManager, ids: readonly string[]): Promise<{ id: string; customerId: string; careLevel: CareLevel }[]> {
    if (ids.length === 0) return [];
    return db.getRepository(ContactEntity).find({ where: [...new Set(ids)].map((id) => ({ id })), select: { id: true, customerId: true, careLevel: true } });
  },

  /**
   * Name, title, care level and customer of the contacts among `ids` whose
   * customer lies under `regionPath` (null: anywhere) — never their mobile,
   * email or birthday.
   */
  async profiles(db: DataSource | EntityManager, ids: readonly string[], regionPath: string | null): Promise<ContactProfile[]> {
    if (ids.length === 0) return [];
    const query = db
      .createQueryBuilder()
      .from(ContactEntity, 'ct')
      .select([
        'ct.id AS id',
        'ct.name AS name',
        'ct.title AS title',
        'ct.care_level AS "careLevel"',
        `to_char(ct.left_on, 'YYYY-MM-DD') AS "leftOn"`,
        'pc.code AS "customerCode"',
        'pc.name AS "customerName"',
      ])
      .where('ct.id IN (:...profileIds)', { profileIds: [...ids] });
    customerSql.joinTo(query, 'pc', 'ct.customer_id');
    if (regionPath !== null) {
      const region = customerPolicy.inRegionSubtree('pc', regionPath, 'profileRegion');
      query.andWhere(region.sql, region.params);
    }
    return query.getRawMany<ContactProfile>();
  },

  /** The ids of every contact of a customer, whoever may read them, by name (the shared map shows those out of scope as profiles). */
  async allOfCustomer(db: DataSource | EntityManager, customerId: string): Promise<string[]> {
    const rows: { id: string }[] = await db
      .createQueryBuilder()
      .select('ct.id', 'id')
      .from(ContactEntity, 'ct')
      .where('ct.customer_id = :ofCustomer', { ofCustomer: customerId })
      .orderBy('ct.name')
      .addOrderBy('ct.id')
      .getRawMany();
    return rows.map((row) => row.id);
  },

  /** Whether contact `id` belongs to a customer under `regionPath`. */
  async isUnder(db: DataSource | EntityManager, id: string, regionPath: string): Promise<boolean> {
    return (await contactFacts.profiles(db, [id], regionPath)).length === 1;
  },

  /** Whether the viewer may read contact `id`. */
  async isReadable(db: DataSource | EntityManager, viewer: Viewer, id: string): Promise<boolean> {
    const scope = contactPolicy.readContact('ct', viewer);
    return db.createQueryBuilder().from(ContactEntity, 'ct').where('ct.id = :contactId', { contactId: id }).andWhere(scope.sql, scope.params).getExists();
  },

  /**
   * The ids of the contacts of customer `customerId` the viewer may read, by
   * name (care level first with `byCareLevel`; without those who left with
   * `stillThere`); `where` adds a condition on
   * the contact alias `ct`.
   */
  async readableOfCustomer(
    db: DataSource | EntityManager,
    viewer: Viewer,
    customerId: string,
    options: { careLevels?: CareLevel[]; byCareLevel?: boolean; stillThere?: boolean; where?: (contactAlias: string) => string } = {},
  ): Promise<string[]> {
    const scope = contactPolicy.readContact('ct', viewer);
    const query = db.createQueryBuilder().select('ct.id', 'id').from(ContactEntity, 'ct').where('ct.customer_id = :ofCustomer', { ofCustomer: customerId }).andWhere(scope.sql, scope.params);
    if (options.careLevels) query.andWhere('ct.care_level IN (:...ofLevels)', { ofLevels: options.careLevels });
    // DOMAIN.md: People and rules — a contact who left (离职) is no gap to close.
    if (options.stillThere) query.andWhere('ct.left_on IS NULL');
    if (options.where) query.andWhere(options.where('ct'));
    if (options.byCareLevel) query.orderBy('ct.care_level').addOrderBy('ct.name').addOrderBy('ct.id');
    else query.orderBy('ct.name').addOrderBy('ct.id');
    const rows: { id: string }[] = await query.getRawMany();
    return rows.map((row) => row.id);
  },
};
