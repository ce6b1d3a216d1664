import type { DataSource } from 'typeorm';

/**
 * Inserts `count` B1 government customers spread over every account manager
 * (and so every city, county and grid they sit in), for the scale tests.
 * `name` is an SQL expression of `g`, the customer's number from 1.
 */
export async function insertProvinceCustomers(db: DataSource, count: number, name: string): Promise<void> {
  await db.query(
    `WITH managers AS (SELECT array_agg(id ORDER BY employee_no) AS ids, array_agg(region_id ORDER BY employee_no) AS regions FROM staff WHERE 'ACCOUNT_MANAGER' = ANY(roles::text[]))
     INSERT INTO group_customer (code, name, industry, grade, management_level, region_id, account_manager_id)
     SELECT 'JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0'), ${name}, 'GOVERNMENT', 'B1', 'CITY', m.regions[1 + g % cardinality(m.ids)], m.ids[1 + g % cardinality(m.ids)]
     FROM generate_series(1, ${count}) g, managers m`,
  );
}
