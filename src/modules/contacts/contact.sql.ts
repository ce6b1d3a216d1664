import { DataSource, EntityManager } from 'typeorm';
import type { Viewer } from '../../platform/auth/viewer';
import type { ScopePredicate } from '../../platform/scope/predicate';
import { customerSql } from '../customers/customer.sql';
import { ContactEntity } from './contact.entity';
import { CareLevel } from './contact.enums';
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

  /**
   * MANAGEMENT and KEY_PERSON contacts of the customers `customerIds` (a
   * SELECT of one uuid column) overdue for care at `:careNow` — never cared
   * for, or past their next due moment (care.sql.ts): rows of customer_id,
   * name, care_level, last_cared_at, next_care_due_at.
   */
  overdueKeyContacts(customerIds: string): string {
    return `SELECT ct.customer_id, ct.name, ct.care_level::text AS care_level, ct.last_cared_at, ct.next_care_due_at
      FROM contact ct
      WHERE ct.customer_id IN (${customerIds}) AND ct.care_level IN ('MANAGEMENT', 'KEY_PERSON')
        AND (ct.last_cared_at IS NULL OR ct.next_care_due_at < CAST(:careNow AS timestamptz))`;
  },

  /** The customers of the contacts in the uuid array `idsExpression` (a SELECT of one column). */
  customerIdsOf(idsExpression: string): string {
    return `SELECT ct.customer_id FROM contact ct WHERE ct.id = ANY(${idsExpression})`;
  },
};

export const contactFacts = {
  /** Whether the viewer may read contact `id`. */
  async isReadable(db: DataSource | EntityManager, viewer: Viewer, id: string): Promise<boolean> {
    const scope = contactPolicy.readContact('ct', viewer);
    return db.createQueryBuilder().from(ContactEntity, 'ct').where('ct.id = :contactId', { contactId: id }).andWhere(scope.sql, scope.params).getExists();
  },

  /**
   * The ids of the contacts of customer `customerId` the viewer may read, by
   * name (care level first with `byCareLevel`); `where` adds a condition on
   * the contact alias `ct`.
   */
  async readableOfCustomer(
    db: DataSource | EntityManager,
    viewer: Viewer,
    customerId: string,
    options: { careLevels?: CareLevel[]; byCareLevel?: boolean; where?: (contactAlias: string) => string } = {},
  ): Promise<string[]> {
    const scope = contactPolicy.readContact('ct', viewer);
    const query = db.createQueryBuilder().select('ct.id', 'id').from(ContactEntity, 'ct').where('ct.customer_id = :ofCustomer', { ofCustomer: customerId }).andWhere(scope.sql, scope.params);
    if (options.careLevels) query.andWhere('ct.care_level IN (:...ofLevels)', { ofLevels: options.careLevels });
    if (options.where) query.andWhere(options.where('ct'));
    if (options.byCareLevel) query.orderBy('ct.care_level').addOrderBy('ct.name').addOrderBy('ct.id');
    else query.orderBy('ct.name').addOrderBy('ct.id');
    const rows: { id: string }[] = await query.getRawMany();
    return rows.map((row) => row.id);
  },
};
