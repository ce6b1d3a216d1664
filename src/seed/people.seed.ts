import { EntityManager } from 'typeorm';
import { Role } from '../platform/auth/viewer';
import { toGlobalId } from '../platform/graphql/node-id';
import { SeedStep } from './runner';

const DAY = 86_400_000;

/**
 * People and rules (issue 14), written as the mutations write them: a
 * handed-over leaver (an account manager of 西安 who left; their two
 * customers went to xa-am3, each with its HANDOVER history entry), a
 * pending request to raise one of xa-am1's customers to A2 (the province
 * leaders' queue), a duplicate merged into one of xa-am1's customers (its
 * code still finds the survivor), and a key person who left their company.
 */
export const peopleSeed: SeedStep = {
  name: 'people-v1',
  async run(tx: EntityManager) {
    const staff = async (no: string) => (await tx.query(`SELECT id, region_id FROM staff WHERE employee_no = $1`, [no]))[0] as { id: string; region_id: string };
    const [admin, am1, am3, province] = [await staff('admin'), await staff('xa-am1'), await staff('xa-am3'), await staff('sx-leader')];
    const code = async () => (await tx.query(`SELECT 'JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0') AS code`))[0].code as string;

    // 离职交接: the leaver, inactive, and what was handed over from them.
    const [leaver] = await tx.query(`INSERT INTO staff (employee_no, name, roles, region_id, active) VALUES ('xa-am9', '周离职', $1, $2, false) RETURNING id`, [
      `{${Role.ACCOUNT_MANAGER}}`,
      am1.region_id,
    ]);
    for (const name of ['西安市城市管理局', '西安市水务集团']) {
      const [customer] = await tx.query(
        `INSERT INTO group_customer (code, name, industry, grade, management_level, region_id, account_manager_id, member_count, monthly_revenue, status, version, created_at)
         VALUES ($1, $2, 'GOVERNMENT', 'B2', 'CITY', $3, $4, 120, '38000.00', 'ACTIVE', 2, now() - interval '400 days') RETURNING id`,
        [await code(), name, am1.region_id, am3.id],
      );
      await tx.query(
        `INSERT INTO customer_change (customer_id, actor_id, action, changes, at) VALUES
           ($1, $2, 'CREATE', $3, now() - interval '400 days'), ($1, $4, 'HANDOVER', $5, now() - interval '10 days')`,
        [
          customer.id,
          leaver.id,
          JSON.stringify([
            { field: 'name', from: null, to: name },
            { field: 'accountManager', from: null, to: toGlobalId('Staff', leaver.id) },
          ]),
          admin.id,
          JSON.stringify([{ field: 'accountManager', from: toGlobalId('Staff', leaver.id), to: toGlobalId('Staff', am3.id) }]),
        ],
      );
    }

    // 变更申请: xa-am1 asks to raise a B-grade city customer to A2; the province leaders decide (reclassification-rules.ts).
    const [raised] = await tx.query(
      `SELECT id, grade, management_level FROM group_customer WHERE account_manager_id = $1 AND management_level = 'CITY' AND grade NOT IN ('A1', 'A2') ORDER BY code LIMIT 1`,
      [am1.id],
    );
    if (raised) {
      await tx.query(
        `INSERT INTO customer_reclassification (customer_id, from_level, from_grade, to_grade, reason, requested_by_id, decider_role, decider_region_id, created_at)
         VALUES ($1, $2, $3, 'A2', '月收入连续三个月超过50万, 申请升为A2重要集团客户', $4, 'PROVINCE_LEADER', $5, now() - interval '2 days')`,
        [raised.id, raised.management_level, raised.grade, am1.id, province.region_id],
      );
    }

    // 合并重复客户: a duplicate of one of xa-am1's customers was merged into it; its code stays findable.
    const [survivor] = await tx.query(`SELECT id, name FROM group_customer WHERE account_manager_id = $1 ORDER BY code OFFSET 1 LIMIT 1`, [am1.id]);
    if (survivor) {
      const merged = await code();
      await tx.query(`INSERT INTO customer_code_alias (code, customer_id, name, merged_by_id, merged_at) VALUES ($1, $2, $3, $4, now() - interval '5 days')`, [
        merged,
        survivor.id,
        `${survivor.name}（重复录入）`,
        admin.id,
      ]);
      await tx.query(`INSERT INTO customer_change (customer_id, actor_id, action, changes, at) VALUES ($1, $2, 'MERGE', $3, now() - interval '5 days')`, [
        survivor.id,
        admin.id,
        JSON.stringify([{ field: 'merged', from: merged, to: null }]),
      ]);
      await tx.query(`UPDATE group_customer SET version = version + 1 WHERE id = $1`, [survivor.id]);
    }

    // 离职: a key person of one of xa-am1's customers left three weeks ago.
    const leftOn = new Date(Date.now() - 21 * DAY).toISOString().slice(0, 10);
    await tx.query(
      `UPDATE contact SET left_on = $2, version = version + 1 WHERE id = (
         SELECT ct.id FROM contact ct JOIN group_customer c ON c.id = ct.customer_id WHERE c.account_manager_id = $1 AND ct.care_level = 'KEY_PERSON' ORDER BY c.code, ct.name LIMIT 1)`,
      [am1.id, leftOn],
    );
  },
};
