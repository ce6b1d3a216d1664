import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ScopePredicate } from '../../platform/scope/predicate';
import { organisationSql } from '../organisation/organisation.sql';
import { ManagementLevel } from './customer.enums';
import { GroupCustomerEntity } from './group-customer.entity';

/*
 * What the other modules may know of group customers: SQL fragments that
 * name this module's tables, and the facts other modules' rules read.
 * Predicates on a customer alias come from customer.policy.ts; nobody else
 * names `group_customer` or `customer_relation`
 * (tests/platform/module-boundaries.test.ts).
 */

/** What opportunity routing and actor checks need of a customer: its level, account manager and region path. */
export interface CustomerFacts {
  id: string;
  code: string;
  managementLevel: ManagementLevel;
  accountManagerId: string | null;
  regionPath: string;
}

/** What anyone who may read an opportunity (partners included) may know of its customer. */
export interface CustomerSummary {
  id: string;
  code: string;
  name: string;
  regionId: string;
}

/** A predicate over a customer alias, e.g. `(alias) => customerPolicy.read(alias, viewer)`. */
export type CustomerPredicate = (alias: string) => ScopePredicate;

export const customerSql = {
  /** `JOIN group_customer <alias> ON <alias>.id = <customerIdExpression>`, for raw SQL that scopes rows by their customer. */
  join(alias: string, customerIdExpression: string): string {
    return `JOIN group_customer ${alias} ON ${alias}.id = ${customerIdExpression}`;
  },

  /** The same join on a query builder. */
  joinTo<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, alias: string, customerIdExpression: string): SelectQueryBuilder<E> {
    return query.innerJoin(GroupCustomerEntity, alias, `${alias}.id = ${customerIdExpression}`);
  },

  /**
   * The same join, selecting the customer whole, for a list that shows its
   * customer: customerLoaders.primeJoined hands the customers read to the
   * loader. Only for rows already confined to the viewer's read scope.
   */
  joinAndSelectTo<E extends ObjectLiteral>(query: SelectQueryBuilder<E>, alias: string, customerIdExpression: string): SelectQueryBuilder<E> {
    return query.innerJoinAndSelect(GroupCustomerEntity, alias, `${alias}.id = ${customerIdExpression}`);
  },

  /** The customer `customerIdExpression` satisfies `predicate` (EXISTS: checks one row per outer row). */
  exists(customerIdExpression: string, alias: string, predicate: ScopePredicate): ScopePredicate {
    return { sql: `EXISTS (SELECT 1 FROM group_customer ${alias} WHERE ${alias}.id = ${customerIdExpression} AND ${predicate.sql})`, params: predicate.params };
  },

  /** `customerIdExpression` is among the customers satisfying `predicate` (IN: hashes them all; for small sets). */
  within(customerIdExpression: string, alias: string, predicate: ScopePredicate): ScopePredicate {
    return { sql: `${customerIdExpression} IN (SELECT ${alias}.id FROM group_customer ${alias} WHERE ${predicate.sql})`, params: predicate.params };
  },

  /** `SELECT <columns> FROM group_customer <alias> WHERE <where>`: the customers a report or a batch reads, with the columns it needs. */
  select(alias: string, columns: string, where: string): string {
    return `SELECT ${columns} FROM group_customer ${alias} WHERE ${where}`;
  },

  /** The value of `expression` (SQL over `alias`) for the customer `customerIdExpression`, as a scalar subquery. */
  valueFor(customerIdExpression: string, alias: string, expression: string): string {
    return `(SELECT ${expression} FROM group_customer ${alias} WHERE ${alias}.id = ${customerIdExpression})`;
  },

  /** Whether more than `limit` customers satisfy `predicate`, reading at most limit + 1 of them. */
  moreThan(limit: number, alias: string, predicate: ScopePredicate): string {
    return `SELECT count(*) > ${limit} AS broad FROM (SELECT 1 FROM group_customer ${alias} WHERE ${predicate.sql} LIMIT ${limit + 1}) s`;
  },

  /** `group_customer <alias>`, for a FROM clause of SQL that reads customers' own columns (retention's assessment). */
  from(alias: string): string {
    return `group_customer ${alias}`;
  },

  /**
   * When customer `customerIdExpression` last had its status set to `status`
   * (a literal of CustomerStatus), from its history; null when it never was.
   */
  statusSetAt(customerIdExpression: string, status: string): string {
    if (!/^[A-Z_]+$/.test(status)) throw new Error(`not a status: ${status}`);
    return `(SELECT max(h.at) FROM customer_change h WHERE h.customer_id = ${customerIdExpression} AND h.changes @> '[{"field": "status", "to": "${status}"}]')`;
  },

  /**
   * The customers satisfying `where` (SQL over the alias `c`) that existed at
   * the timestamptz parameter named `start`, with their grade and status
   * then and their status at the parameter named `end`, rebuilt from the
   * history (the first later change of a field holds its value then). A
   * SELECT of id, region_id, grade, status, status_at_end.
   */
  asOf(where: string, start: string, end: string): string {
    const first = (condition: string) => `(array_agg(e->>'from' ORDER BY h.at) FILTER (WHERE ${condition}))[1]`;
    return `SELECT c.id, c.region_id, coalesce(l.grade, c.grade::text) AS grade, coalesce(l.status, c.status::text) AS status, coalesce(l.status_at_end, c.status::text) AS status_at_end
      FROM group_customer c LEFT JOIN (
        SELECT h.customer_id, ${first(`e->>'field' = 'grade'`)} AS grade, ${first(`e->>'field' = 'status'`)} AS status,
               ${first(`e->>'field' = 'status' AND h.at > CAST(:${end} AS timestamptz)`)} AS status_at_end
        FROM customer_change h CROSS JOIN jsonb_array_elements(h.changes) e
        WHERE h.at > CAST(:${start} AS timestamptz) AND h.action <> 'CREATE' AND e->>'field' IN ('grade', 'status') GROUP BY h.customer_id) l ON l.customer_id = c.id
      WHERE c.created_at <= CAST(:${start} AS timestamptz) AND ${where}`;
  },

  /** `customerIdExpression` is a customer in the region subtree of the region whose id is the named parameter. */
  inSubtreeOfRegion(customerIdExpression: string, regionIdParam: string): string {
    return `${customerIdExpression} IN (SELECT fc.id FROM group_customer fc WHERE ${organisationSql.inSubtreeOfRegion('fc.region_id', regionIdParam)})`;
  },

  /**
   * The customers around customer `$customerParam`, itself included: its
   * parent, up to 50 of its members by name and the customers it is related
   * to (a SELECT of one column, `id`).
   */
  neighbourhood(customerParam: string): string {
    return `SELECT ${customerParam}::uuid AS id UNION ALL SELECT parent_id FROM group_customer WHERE id = ${customerParam} AND parent_id IS NOT NULL
         UNION ALL (SELECT id FROM group_customer WHERE parent_id = ${customerParam} ORDER BY name LIMIT 50)
         UNION ALL SELECT CASE WHEN from_customer_id = ${customerParam} THEN to_customer_id ELSE from_customer_id END FROM customer_relation WHERE from_customer_id = ${customerParam} OR to_customer_id = ${customerParam}`;
  },
};

export const customerFacts = {
  async of(tx: EntityManager, customerId: string): Promise<CustomerFacts> {
    const row = await tx
      .createQueryBuilder()
      .from(GroupCustomerEntity, 'c')
      .select(['c.id AS id', 'c.code AS code', 'c.management_level AS "managementLevel"', 'c.account_manager_id AS "accountManagerId"', `${organisationSql.regionPath('c.region_id')} AS "regionPath"`])
      .where('c.id = :customerId', { customerId })
      .getRawOne<CustomerFacts>();
    return row!;
  },

  async exists(tx: EntityManager, customerId: string): Promise<boolean> {
    return tx.getRepository(GroupCustomerEntity).existsBy({ id: customerId });
  },

  /**
   * Evaluates named predicates on one customer in one statement: each answer
   * is false when the customer does not exist.
   */
  async check<K extends string>(tx: EntityManager, customerId: string, predicates: Record<K, CustomerPredicate>): Promise<Record<K, boolean>> {
    const query = tx.createQueryBuilder().from(GroupCustomerEntity, 'c').where('c.id = :checkCustomerId', { checkCustomerId: customerId });
    const names = Object.keys(predicates) as K[];
    names.forEach((name, index) => {
      const predicate = predicates[name]('c');
      query[index === 0 ? 'select' : 'addSelect'](`(${predicate.sql})`, name).setParameters(predicate.params);
    });
    const row = await query.getRawOne<Record<K, boolean>>();
    return Object.fromEntries(names.map((name) => [name, !!row?.[name]])) as Record<K, boolean>;
  },

  async summaries(tx: EntityManager, customerIds: readonly string[]): Promise<CustomerSummary[]> {
    return tx
      .createQueryBuilder()
      .from(GroupCustomerEntity, 'c')
      .select(['c.id AS id', 'c.code AS code', 'c.name AS name', 'c.region_id AS "regionId"'])
      .where('c.id IN (:...ids)', { ids: [...customerIds] })
      .getRawMany();
  },
};
