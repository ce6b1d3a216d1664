import type { DataSource } from 'typeorm';
import { RARE_WORD } from './data';

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

/** The rows the workloads aim at, picked once from the loaded database so every server gets the same ones. */
export interface Fixtures {
  viewers: { admin: string; province: string; city: string; accountManager: string; partner: string };
  accountManagerCustomers: number;
  /** W3: a customer of the account manager (so every internal viewer may read it) with contacts and opportunities. */
  customer: { uuid: string; gid: string };
  searchWords: string[];
  /** W7: staff → contact pairs, cycled through by the load. */
  pathPairs: { staff: string; contact: string }[];
  /** W8: distinct contacts with the employee number of their account manager, who records the care. */
  careTargets: { contactGid: string; contactId: string; staffId: string; employeeNo: string }[];
  /** W8: distinct pending steps of city and county leaders, with the approver's employee number. */
  pendingSteps: { stepGid: string; employeeNo: string }[];
  /** Every employee number a token is needed for. */
  employeeNos: string[];
}

export async function pickFixtures(db: DataSource): Promise<Fixtures> {
  // The Xi'an account manager whose book is closest to 200 customers.
  const [am] = await db.query(
    `SELECT s.employee_no, count(*)::int AS n FROM group_customer c JOIN staff s ON s.id = c.account_manager_id JOIN region r ON r.id = s.region_id
     WHERE s.employee_no LIKE 'bench-am%' AND r.path LIKE (SELECT path FROM region WHERE code = '6101') || '%'
     GROUP BY s.employee_no ORDER BY abs(count(*) - 200), s.employee_no LIMIT 1`,
  );
  const [customer] = await db.query(
    `SELECT c.id FROM group_customer c JOIN staff s ON s.id = c.account_manager_id
     WHERE s.employee_no = $1 AND c.management_level = 'CITY' ORDER BY (SELECT count(*) FROM opportunity o WHERE o.customer_id = c.id) DESC, c.code LIMIT 1`,
    [am.employee_no],
  );
  // Who can start a path: the hub (xa-leader), the chosen account manager and other account managers; targets anywhere.
  const starts: { id: string }[] = await db.query(
    `SELECT id FROM staff WHERE employee_no IN ('xa-leader', $1) UNION ALL (SELECT id FROM staff WHERE employee_no LIKE 'bench-am%' ORDER BY md5(employee_no) LIMIT 8)`,
    [am.employee_no],
  );
  const targets: { id: string }[] = await db.query(`SELECT id FROM contact ORDER BY md5(id::text) LIMIT $1`, [starts.length * 2]);
  const pathPairs = targets.map((t, i) => ({ staff: gid('Staff', starts[i % starts.length].id), contact: gid('Contact', t.id) }));
  const care: { contact_id: string; staff_id: string; employee_no: string }[] = await db.query(
    `SELECT ct.id AS contact_id, s.id AS staff_id, s.employee_no FROM contact ct JOIN group_customer c ON c.id = ct.customer_id JOIN staff s ON s.id = c.account_manager_id
     ORDER BY md5(ct.id::text) LIMIT 40000`,
  );
  const steps: { id: string; employee_no: string }[] = await db.query(
    `SELECT a.id, s.employee_no FROM approval_step a JOIN LATERAL (SELECT employee_no FROM staff s WHERE s.region_id = a.region_id AND a.approver_role = ANY(s.roles) AND s.active ORDER BY employee_no LIMIT 1) s ON true
     WHERE a.state = 'PENDING' AND a.approver_role IN ('CITY_LEADER', 'COUNTY_LEADER') ORDER BY md5(a.id::text)`,
  );
  const viewers = { admin: 'admin', province: 'sx-leader', city: 'xa-leader', accountManager: am.employee_no as string, partner: 'p-huaxin' };
  const employeeNos = new Set<string>([...Object.values(viewers), ...care.map((c) => c.employee_no), ...steps.map((s) => s.employee_no)]);
  return {
    viewers,
    accountManagerCustomers: am.n,
    customer: { uuid: customer.id, gid: gid('GroupCustomer', customer.id) },
    searchWords: ['有限', '公司', '西安', RARE_WORD],
    pathPairs,
    careTargets: care.map((c) => ({ contactGid: gid('Contact', c.contact_id), contactId: c.contact_id, staffId: c.staff_id, employeeNo: c.employee_no })),
    pendingSteps: steps.map((s) => ({ stepGid: gid('ApprovalStep', s.id), employeeNo: s.employee_no })),
    employeeNos: [...employeeNos],
  };
}
