import type { EntityManager } from 'typeorm';
import { organisationSql } from '../organisation/organisation.sql';
import { diff } from './customer-changes';
import { CustomerGrade, CustomerStatus, ManagementLevel } from './customer.enums';
import { GroupCustomerEntity } from './group-customer.entity';
import type { Industry } from '../organisation/industry';

/*
 * What a bulk import (the exchange module) needs of customers: which already
 * exist, and inserting a batch of checked rows with their history entries.
 * Row checks and who may import are the importer's; the table is ours.
 */

/** A customer row checked by the importer, with the id it will have. */
export interface ImportedCustomer {
  id: string;
  name: string;
  creditCode: string | null;
  industry: Industry;
  grade: CustomerGrade;
  managementLevel: ManagementLevel;
  regionId: string;
  accountManagerId: string | null;
  memberCount: number;
  monthlyRevenue: string;
  status: CustomerStatus;
  address: string | null;
}

export interface ExistingCustomer {
  id: string;
  code: string;
  name: string;
  creditCode: string | null;
  regionId: string;
  regionPath: string;
}

const key = (regionId: string, name: string) => `${regionId}|${name}`;

export const customerImport = {
  /** Existing customers holding any of `creditCodes`, by credit code. */
  async byCreditCodes(tx: EntityManager, creditCodes: readonly string[]): Promise<Map<string, ExistingCustomer>> {
    if (creditCodes.length === 0) return new Map();
    const rows: ExistingCustomer[] = await tx.query(
      `SELECT c.id, c.code, c.name, c.credit_code AS "creditCode", c.region_id AS "regionId", ${organisationSql.regionPath('c.region_id')} AS "regionPath"
       FROM group_customer c WHERE c.credit_code = ANY($1::bpchar[])`,
      [[...new Set(creditCodes)]],
    );
    return new Map(rows.map((row) => [row.creditCode!, row]));
  },

  /** Existing customers named exactly so in exactly that region, by `regionId|name`. */
  async byNamesInRegions(tx: EntityManager, pairs: readonly { regionId: string; name: string }[]): Promise<Map<string, ExistingCustomer>> {
    if (pairs.length === 0) return new Map();
    // By name (ix_group_customer_name), then the region in hand: a join on both would hash the whole table each batch.
    const rows: ExistingCustomer[] = await tx.query(
      `SELECT c.id, c.code, c.name, c.credit_code AS "creditCode", c.region_id AS "regionId", '' AS "regionPath" FROM group_customer c WHERE c.name = ANY($1::text[])`,
      [[...new Set(pairs.map((p) => p.name))]],
    );
    const wanted = new Set(pairs.map((p) => key(p.regionId, p.name)));
    return new Map(rows.filter((row) => wanted.has(key(row.regionId, row.name))).map((row) => [key(row.regionId, row.name), row]));
  },

  key,

  /** Customers by customer code (JT…) or credit code, as contact files name them; by the reference given. */
  async byReferences(tx: EntityManager, references: readonly string[]): Promise<Map<string, ExistingCustomer>> {
    if (references.length === 0) return new Map();
    const refs = [...new Set(references)];
    const rows: ExistingCustomer[] = await tx.query(
      `SELECT c.id, c.code, c.name, c.credit_code AS "creditCode", c.region_id AS "regionId", ${organisationSql.regionPath('c.region_id')} AS "regionPath"
       FROM group_customer c WHERE c.code = ANY($1::text[]) OR c.credit_code = ANY($1::bpchar[])`,
      [refs],
    );
    const found = new Map<string, ExistingCustomer>();
    for (const row of rows) {
      found.set(row.code, row);
      if (row.creditCode) found.set(row.creditCode, row);
    }
    return found;
  },

  /**
   * Inserts a batch of imported customers (codes from the one numbering rule)
   * and their history entries (action IMPORT, by the importer), in two
   * statements, inside the caller's transaction.
   */
  async insert(tx: EntityManager, rows: readonly ImportedCustomer[], actorId: string): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO group_customer (id, code, name, credit_code, industry, grade, management_level, region_id, account_manager_id, member_count, monthly_revenue, status, address, version)
       SELECT r.id, 'JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0'), r.name, r."creditCode", r.industry::industry, r.grade::customer_grade,
              r."managementLevel"::management_level, r."regionId", r."accountManagerId", r."memberCount", r."monthlyRevenue", r.status::customer_status, r.address, 1
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, "creditCode" text, industry text, grade text, "managementLevel" text, "regionId" uuid,
            "accountManagerId" uuid, "memberCount" int, "monthlyRevenue" numeric, status text, address text)`,
      [JSON.stringify(rows)],
    );
    const changes = rows.map((row) => ({ customerId: row.id, changes: diff(null, Object.assign(new GroupCustomerEntity(), row, { parentId: null, churnReason: null })) }));
    await tx.query(
      `INSERT INTO customer_change (customer_id, actor_id, action, changes)
       SELECT x."customerId", $2, 'IMPORT', x.changes FROM jsonb_to_recordset($1::jsonb) AS x("customerId" uuid, changes jsonb)`,
      [JSON.stringify(changes), actorId],
    );
  },
};
