import { EntityManager } from 'typeorm';
import type { Context } from '../../platform/context';
import { organisationSql } from '../organisation/organisation.sql';
import { CustomerGrade, CustomerStatus } from './customer.enums';
import { recordChange } from './customer-changes';
import { GroupCustomerEntity } from './group-customer.entity';

/*
 * The writes the retention module makes on customers (DOMAIN.md: Retention):
 * billing keeps `monthlyRevenue` at the latest month, and a retention case
 * that ends LOST churns the customer, one that ends RETAINED wins a churned
 * one back. Each moves the version, so a stale edit is refused as usual.
 */

/** What a retention case needs of its customer, read under a row lock. */
export interface RetentionCustomerFacts {
  id: string;
  code: string;
  name: string;
  grade: CustomerGrade;
  status: CustomerStatus;
  accountManagerId: string | null;
  regionId: string;
  regionPath: string;
}

export const customerRetention = {
  /** The customer, locked (FOR UPDATE) for the rest of the transaction; null when unknown. */
  async lock(tx: EntityManager, customerId: string): Promise<RetentionCustomerFacts | null> {
    const [row] = await tx.query(
      `SELECT c.id, c.code, c.name, c.grade, c.status, c.account_manager_id AS "accountManagerId", c.region_id AS "regionId", ${organisationSql.regionPath('c.region_id')} AS "regionPath"
       FROM group_customer c WHERE c.id = $1 FOR UPDATE OF c`,
      [customerId],
    );
    return row ?? null;
  },

  /** Customers among `codes` (upper-case), code → id. */
  async idsByCode(tx: EntityManager, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows: { id: string; code: string }[] = await tx.query(`SELECT id, code FROM group_customer WHERE code = ANY($1)`, [codes]);
    return new Map(rows.map((row) => [row.code, row.id]));
  },

  /** Sets `monthlyRevenue` of each listed customer whose value differs (the latest billed month); one statement. */
  async setMonthlyRevenue(tx: EntityManager, rows: { customerId: string; revenue: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `UPDATE group_customer c SET monthly_revenue = v.revenue, version = c.version + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::numeric[]) AS v(id, revenue) WHERE c.id = v.id AND c.monthly_revenue <> v.revenue`,
      [rows.map((row) => row.customerId), rows.map((row) => row.revenue)],
    );
  },

  /** 流失: the customer becomes CHURNED with `reason` (a case closed LOST). */
  async markChurned(tx: EntityManager, ctx: Context, customer: RetentionCustomerFacts, reason: string): Promise<void> {
    await customerRetention.setStatus(tx, ctx, customer, CustomerStatus.CHURNED, reason);
  },

  /** 挽回成功 on a churned customer: it is ACTIVE again and its churn reason goes. */
  async markWonBack(tx: EntityManager, ctx: Context, customer: RetentionCustomerFacts): Promise<void> {
    await customerRetention.setStatus(tx, ctx, customer, CustomerStatus.ACTIVE, null);
  },

  async setStatus(tx: EntityManager, ctx: Context, customer: RetentionCustomerFacts, status: CustomerStatus, reason: string | null): Promise<void> {
    const before = await tx.getRepository(GroupCustomerEntity).findOneByOrFail({ id: customer.id });
    if (before.status === status && before.churnReason === reason) return;
    await tx
      .createQueryBuilder()
      .update(GroupCustomerEntity)
      .set({ status, churnReason: reason, version: () => 'version + 1' })
      .where('id = :id', { id: customer.id })
      .execute();
    const changes = [
      ...(before.status !== status ? [{ field: 'status', from: before.status, to: status }] : []),
      ...(before.churnReason !== reason ? [{ field: 'churnReason', from: before.churnReason, to: reason }] : []),
    ];
    await recordChange(tx, ctx, customer.id, 'RETENTION', changes);
  },
};
