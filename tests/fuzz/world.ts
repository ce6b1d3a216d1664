import { Client } from 'pg';

/**
 * What the fuzzer knows of the world it acts in: the demo users it acts as,
 * and the rows it may pick as targets, always read in a stable order (codes,
 * employee numbers, creation order) so that one seed replays the same run.
 */

/** The demo users the fuzzer acts as (src/seed/organisation.seed.ts): every role, two cities, partners of both. */
export const ACTORS = [
  'admin',
  'sx-leader',
  'sx-leader2',
  'xa-leader',
  'bj-leader',
  'xa-yt-leader',
  'xa-bl-leader',
  'bj-wb-leader',
  'xa-support',
  'bj-support',
  'xa-am1',
  'xa-am2',
  'xa-am3',
  'bj-am1',
  'bj-am2',
  'xa-yt-am',
  'xa-yt-g1',
  'xa-yt-g2',
  'im-gov',
  'im-health',
  'im-edu',
  'p-huaxin',
  'p-huaxin2',
  'p-zhilian',
] as const;

export const PARTNER_USERS = ['p-huaxin', 'p-huaxin2', 'p-zhilian'] as const;
export const LEADERS = ['sx-leader', 'sx-leader2', 'xa-leader', 'bj-leader', 'xa-yt-leader', 'xa-bl-leader', 'bj-wb-leader'] as const;

export interface Staff {
  id: string;
  employeeNo: string;
  roles: string[];
  regionId: string;
  regionPath: string;
  partnerId: string | null;
}

/** A deterministic chooser over the random integers fast-check generated for one operation. */
export class Tape {
  private at = 0;
  constructor(private readonly values: number[]) {}
  next(): number {
    const value = this.values[this.at % this.values.length] ?? 0;
    this.at += 1;
    return value;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
  /** True with probability percent/100. */
  chance(percent: number): boolean {
    return this.int(100) < percent;
  }
  pick<T>(items: readonly T[]): T | undefined {
    return items.length ? items[this.int(items.length)] : undefined;
  }
  /** A non-empty subset of `items`. */
  some<T>(items: readonly T[], max = 2): T[] {
    const count = 1 + this.int(Math.min(max, items.length));
    const out: T[] = [];
    for (let i = 0; i < count; i++) {
      const item = this.pick(items)!;
      if (!out.includes(item)) out.push(item);
    }
    return out;
  }
}

export class World {
  readonly staff = new Map<string, Staff>();
  readonly byId = new Map<string, Staff>();
  /** Codes of the demo customers the fuzzer works on, plus every customer created during the run. */
  private poolCodes: string[] = [];
  private startedAtCode = '';

  constructor(readonly sql: Client) {}

  async load(): Promise<void> {
    const rows = await this.sql.query(
      `SELECT s.id, s.employee_no, s.roles::text[] AS roles, s.region_id, r.path, s.partner_id FROM staff s JOIN region r ON r.id = s.region_id WHERE s.employee_no = ANY($1)`,
      [[...ACTORS]],
    );
    for (const row of rows.rows) {
      const staff: Staff = {
        id: row.id,
        employeeNo: row.employee_no,
        roles: row.roles,
        regionId: row.region_id,
        regionPath: row.path,
        partnerId: row.partner_id,
      };
      this.staff.set(staff.employeeNo, staff);
      this.byId.set(staff.id, staff);
    }
    // A dense corner of the province: the demo pipeline's customers and a few more in 西安 and 宝鸡, plus province HQs.
    const pool = await this.sql.query(
      `SELECT c.code FROM group_customer c JOIN region r ON r.id = c.region_id
       WHERE EXISTS (SELECT 1 FROM opportunity o WHERE o.customer_id = c.id)
          OR c.code IN (SELECT c2.code FROM group_customer c2 JOIN region r2 ON r2.id = c2.region_id
                        WHERE r2.code LIKE '6101%' OR r2.code LIKE '6103%' OR r2.level = 'PROVINCE' ORDER BY c2.code LIMIT 30)
       ORDER BY c.code`,
    );
    this.poolCodes = pool.rows.map((r) => r.code);
    const [{ max }] = (await this.sql.query(`SELECT max(code) AS max FROM group_customer`)).rows;
    this.startedAtCode = max;
  }

  actor(employeeNo: string): Staff {
    const staff = this.staff.get(employeeNo);
    if (!staff) throw new Error(`no demo user ${employeeNo}`);
    return staff;
  }

  /** Customers in play: the pool and those created during the run, by code. */
  async customers(): Promise<CustomerRow[]> {
    const { rows } = await this.sql.query(
      `SELECT c.id, c.code, c.version, c.parent_id, c.account_manager_id, c.management_level::text AS level, c.credit_code, c.region_id, r.path AS region_path, c.industry::text AS industry
       FROM group_customer c JOIN region r ON r.id = c.region_id
       WHERE c.code = ANY($1) OR c.code > $2 ORDER BY c.code`,
      [this.poolCodes, this.startedAtCode],
    );
    return rows;
  }

  async contacts(customerIds?: string[]): Promise<ContactRow[]> {
    const { rows } = await this.sql.query(
      `SELECT ct.id, ct.customer_id, ct.version, ct.reports_to_id FROM contact ct JOIN group_customer c ON c.id = ct.customer_id
       WHERE (c.code = ANY($1) OR c.code > $2) AND ($3::uuid[] IS NULL OR ct.customer_id = ANY($3))
       ORDER BY c.code, ct.created_at, ct.name, ct.care_level, coalesce(ct.title, ''), coalesce(ct.mobile, '')`,
      [this.poolCodes, this.startedAtCode, customerIds ?? null],
    );
    return rows;
  }

  async opportunities(stages?: string[]): Promise<OpportunityRow[]> {
    const { rows } = await this.sql.query(
      `SELECT o.id, o.code, o.stage::text AS stage, o.version, o.customer_id, o.reporter_id, o.owner_id, o.partner_id, o.source::text AS source, o.products::text[] AS products, r.path AS region_path
       FROM opportunity o JOIN group_customer c ON c.id = o.customer_id JOIN region r ON r.id = c.region_id
       WHERE ($1::text[] IS NULL OR o.stage::text = ANY($1)) ORDER BY o.code`,
      [stages ?? null],
    );
    return rows;
  }

  async pendingSteps(): Promise<StepRow[]> {
    const { rows } = await this.sql.query(
      `SELECT s.id, s.opportunity_id, s.approver_role::text AS role, s.region_id, o.version, o.code
       FROM approval_step s JOIN opportunity o ON o.id = s.opportunity_id WHERE s.state = 'PENDING' ORDER BY o.code, s.round, s.sequence`,
    );
    return rows;
  }

  /** Any step, decided or not (deciding a decided step must be refused). */
  async steps(): Promise<StepRow[]> {
    const { rows } = await this.sql.query(
      `SELECT s.id, s.opportunity_id, s.approver_role::text AS role, s.region_id, o.version, o.code
       FROM approval_step s JOIN opportunity o ON o.id = s.opportunity_id ORDER BY o.code, s.round, s.sequence`,
    );
    return rows;
  }

  /** Who may decide a step: the leaders holding its role in its region, and their delegates in force. */
  async approversOf(step: StepRow): Promise<string[]> {
    const { rows } = await this.sql.query(
      `SELECT s.employee_no FROM staff s WHERE s.region_id = $1 AND $2::staff_role = ANY(s.roles) AND s.active
       UNION
       SELECT t.employee_no FROM approval_delegation d JOIN staff f ON f.id = d.from_id JOIN staff t ON t.id = d.to_id
       WHERE f.region_id = $1 AND $2::staff_role = ANY(f.roles) AND d.valid_from <= now() AND now() < d.valid_until
       ORDER BY 1`,
      [step.region_id, step.role],
    );
    return rows.map((r) => r.employee_no).filter((no) => this.staff.has(no));
  }

  /** Relationship-map edges touching the pool, in a stable order (ids are random per database). */
  async edges(): Promise<{ id: string }[]> {
    const { rows } = await this.sql.query(
      `SELECT e.id FROM relationship_edge e
       LEFT JOIN contact fc ON fc.id = e.from_id LEFT JOIN staff fs ON fs.id = e.from_id
       LEFT JOIN contact tc ON tc.id = e.to_id LEFT JOIN staff ts ON ts.id = e.to_id
       LEFT JOIN group_customer c ON c.id = coalesce(fc.customer_id, tc.customer_id)
       WHERE c.code = ANY($1) OR c.code > $2 OR fs.employee_no = ANY($3)
       ORDER BY e.recorded_at, e.type, coalesce(fc.name, fs.employee_no), coalesce(fc.mobile, ''), coalesce(tc.name, ts.employee_no), coalesce(tc.mobile, '')
       LIMIT 200`,
      [this.poolCodes, this.startedAtCode, [...ACTORS]],
    );
    return rows;
  }
}

export interface CustomerRow {
  id: string;
  code: string;
  version: number;
  parent_id: string | null;
  account_manager_id: string | null;
  level: string;
  credit_code: string | null;
  region_id: string;
  region_path: string;
  industry: string;
}

export interface ContactRow {
  id: string;
  customer_id: string;
  version: number;
  reports_to_id: string | null;
}

export interface OpportunityRow {
  id: string;
  code: string;
  stage: string;
  version: number;
  customer_id: string;
  reporter_id: string;
  owner_id: string | null;
  partner_id: string | null;
  source: string;
  products: string[];
  region_path: string;
}

export interface StepRow {
  id: string;
  opportunity_id: string;
  role: string;
  region_id: string;
  version: number;
  code: string;
}
