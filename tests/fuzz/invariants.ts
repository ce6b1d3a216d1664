import { Client } from 'pg';

/**
 * The invariants checked in SQL after every fuzzed operation, in one round
 * trip: a digest of every table (to prove a refused mutation changed
 * nothing), and the rules that must hold whatever happened.
 */

/** How many rows each statement kind wrote per table since the run began, as `table:INSERT` → rows. */
export type Digest = Record<string, number>;

export interface Checked {
  digest: Digest;
  /** Each broken invariant, in words. */
  violations: string[];
}

/** Tables that are not business data: migrations, seed bookkeeping, rate-limit counters. */
const NOT_DATA = ['migrations', 'seed_run', 'rate_usage'];

const DEAD = `('LOST', 'REJECTED', 'CANCELLED')`;

/** Columns that may change without a new version: kept by triggers from other rows, or bookkeeping. */
const UNVERSIONED_COLUMNS: Record<string, string[]> = {
  group_customer: ['updated_at', 'version', 'search_bigrams'],
  contact: ['updated_at', 'version', 'last_cared_at', 'next_care_due_at'],
  // last_follow_up_at follows the follow-ups (follow-ups.ts), like a contact's care state: no new version.
  opportunity: ['updated_at', 'version', 'last_follow_up_at'],
};

/**
 * Installs the fuzzer's witnesses in a database (the fuzz template, once):
 * a row trigger on every business table counting what each committed
 * statement wrote (a refusal rolls back, so it must leave the counts alone),
 * and one on the versioned tables noting every row that changed without its
 * version moving up by exactly one, or was created at another version than 1.
 */
export async function installWitnesses(sql: { query(text: string, params?: unknown[]): Promise<{ tablename: string }[]> }): Promise<void> {
  await sql.query(`CREATE TABLE fuzz_audit (tbl text NOT NULL, op text NOT NULL, n bigint NOT NULL, PRIMARY KEY (tbl, op))`);
  await sql.query(`CREATE TABLE fuzz_violation (id serial PRIMARY KEY, problem text NOT NULL)`);
  await sql.query(`CREATE FUNCTION fuzz_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO fuzz_audit VALUES (TG_TABLE_NAME, TG_OP, 1) ON CONFLICT (tbl, op) DO UPDATE SET n = fuzz_audit.n + 1;
      RETURN NULL;
    END $$`);
  await sql.query(`CREATE FUNCTION fuzz_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        IF NEW.version <> 1 THEN
          INSERT INTO fuzz_violation (problem) VALUES (format('%s %s created at version %s', TG_TABLE_NAME, NEW.id, NEW.version));
        END IF;
      ELSIF NEW.version < OLD.version OR NEW.version > OLD.version + 1
         OR (NEW.version = OLD.version AND (to_jsonb(NEW) - TG_ARGV) IS DISTINCT FROM (to_jsonb(OLD) - TG_ARGV)) THEN
        INSERT INTO fuzz_violation (problem) VALUES (format('%s %s went from version %s to %s (%s)', TG_TABLE_NAME, NEW.id, OLD.version, NEW.version,
          (SELECT string_agg(key, ', ') FROM jsonb_each(to_jsonb(NEW) - TG_ARGV) n WHERE n.value IS DISTINCT FROM (to_jsonb(OLD) - TG_ARGV) -> n.key)));
      END IF;
      RETURN NULL;
    END $$`);
  const tables = await sql.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND NOT (tablename = ANY($1)) AND tablename NOT LIKE 'fuzz_%'`, [NOT_DATA]);
  for (const { tablename } of tables) {
    await sql.query(`CREATE TRIGGER zz_fuzz_audit AFTER INSERT OR UPDATE OR DELETE ON ${tablename} FOR EACH ROW EXECUTE FUNCTION fuzz_audit()`);
    const ignored = UNVERSIONED_COLUMNS[tablename];
    if (ignored) await sql.query(`CREATE TRIGGER zz_fuzz_version AFTER INSERT OR UPDATE ON ${tablename} FOR EACH ROW EXECUTE FUNCTION fuzz_version(${ignored.map((c) => `'${c}'`).join(', ')})`);
  }
}

const INVARIANTS = [
  // At most one open step per opportunity; open exactly while PENDING_APPROVAL; it is the next step of the frozen route, in the latest round.
  `SELECT 'approval steps of ' || o.code || ' (' || o.stage || '): ' || p.n || ' pending' AS problem
   FROM opportunity o
   CROSS JOIN LATERAL (SELECT count(*)::int AS n, min(s.sequence) AS seq, min(s.round) AS round, min(s.approver_role::text) AS role, min(s.region_id::text) AS region
                       FROM approval_step s WHERE s.opportunity_id = o.id AND s.state = 'PENDING') p
   WHERE p.n > 1 OR (o.stage = 'PENDING_APPROVAL') <> (p.n = 1)
      OR (p.n = 1 AND (o.approval_route -> (p.seq - 1) ->> 'approverRole' IS DISTINCT FROM p.role
                    OR o.approval_route -> (p.seq - 1) ->> 'regionId' IS DISTINCT FROM p.region
                    OR p.round <> (SELECT max(round) FROM approval_step WHERE opportunity_id = o.id)
                    OR EXISTS (SELECT 1 FROM approval_step q WHERE q.opportunity_id = o.id AND q.round = p.round AND q.sequence < p.seq AND q.state <> 'APPROVED')))`,
  // An opportunity approved by the route has every step of its latest round approved, one per route step.
  `SELECT 'approved ' || o.code || ' without its whole route approved' FROM opportunity o
   WHERE o.stage = 'APPROVED' AND o.approval_route IS NOT NULL
     AND (SELECT count(*) FROM approval_step s WHERE s.opportunity_id = o.id AND s.state = 'APPROVED'
          AND s.round = (SELECT max(round) FROM approval_step WHERE opportunity_id = o.id)) <> jsonb_array_length(o.approval_route)`,
  // The group hierarchy and every org chart are trees.
  `WITH RECURSIVE up(start_id, id, depth) AS (
     SELECT id, parent_id, 1 FROM group_customer WHERE parent_id IS NOT NULL
     UNION ALL SELECT up.start_id, c.parent_id, up.depth + 1 FROM up JOIN group_customer c ON c.id = up.id WHERE c.parent_id IS NOT NULL AND up.depth < 200)
   SELECT DISTINCT 'customer hierarchy cycle through ' || c.code FROM up JOIN group_customer c ON c.id = up.start_id WHERE up.id = up.start_id`,
  `WITH RECURSIVE up(start_id, id, depth) AS (
     SELECT id, reports_to_id, 1 FROM contact WHERE reports_to_id IS NOT NULL
     UNION ALL SELECT up.start_id, c.reports_to_id, up.depth + 1 FROM up JOIN contact c ON c.id = up.id WHERE c.reports_to_id IS NOT NULL AND up.depth < 200)
   SELECT DISTINCT 'org chart cycle through contact ' || up.start_id FROM up WHERE up.id = up.start_id`,
  // 撞单: one accepted partner registration per customer and product line inside its window.
  `SELECT 'two accepted registrations protect ' || a.code || ' and ' || b.code FROM opportunity a
   JOIN opportunity b ON b.customer_id = a.customer_id AND a.id < b.id AND a.products && b.products
   WHERE a.source = 'PARTNER' AND b.source = 'PARTNER' AND a.stage NOT IN ${DEAD} AND b.stage NOT IN ${DEAD}
     AND a.protected_until > now() AND b.protected_until > now()`,
  // Registration attempts say what happened: an accepted one has its partner's opportunity, a refused one what it collided with.
  `SELECT 'registration attempt ' || a.id || ' is inconsistent' FROM registration_attempt a LEFT JOIN opportunity o ON o.id = a.opportunity_id
   WHERE (a.outcome = 'ACCEPTED' AND (o.id IS NULL OR o.partner_id <> a.partner_id OR a.collided_with_id IS NOT NULL))
      OR (a.outcome = 'REFUSED_DUPLICATE' AND (a.opportunity_id IS NOT NULL OR a.collided_with_id IS NULL))`,
  // Every opportunity's history ends in its stage.
  `SELECT 'history of ' || o.code || ' does not end in ' || o.stage FROM opportunity o
   WHERE o.stage IS DISTINCT FROM (SELECT e.to_stage FROM opportunity_event e WHERE e.opportunity_id = o.id ORDER BY e.at DESC, e.action = 'REQUEST_INCENTIVE' DESC LIMIT 1)`,
  // Incentive applications are filed once an opportunity was approved (it may end without a win later), at most one
  // live at a time, and a decided one names who decided and when.
  `SELECT 'incentive on ' || o.code || ' in ' || o.stage FROM incentive i JOIN opportunity o ON o.id = i.opportunity_id WHERE o.stage IN ('DRAFT', 'SUBMITTED', 'PENDING_APPROVAL', 'REJECTED')`,
  `SELECT 'two live incentive applications on ' || o.code FROM opportunity o WHERE (SELECT count(*) FROM incentive i WHERE i.opportunity_id = o.id AND i.state IN ('PENDING', 'APPROVED')) > 1`,
  `SELECT 'incentive ' || i.id || ' is ' || i.state || ' with decision ' || coalesce(i.decided_by_id::text, 'none') FROM incentive i WHERE (i.state = 'PENDING') <> (i.decided_by_id IS NULL) OR (i.decided_by_id IS NULL) <> (i.decided_at IS NULL)`,
  // Follow-ups: the opportunity's last_follow_up_at is its newest follow-up, and only that one may hold an open next step.
  `SELECT 'last follow-up of ' || o.code || ' is not its newest' FROM opportunity o
   WHERE EXISTS (SELECT 1 FROM follow_up f WHERE f.opportunity_id = o.id) AND o.last_follow_up_at IS DISTINCT FROM (SELECT max(f.occurred_at) FROM follow_up f WHERE f.opportunity_id = o.id)`,
  `SELECT 'an older follow-up of ' || o.code || ' holds an open next step' FROM opportunity o JOIN follow_up f ON f.opportunity_id = o.id
   WHERE f.next_step IS NOT NULL AND f.next_step_done_by_id IS NULL AND f.occurred_at < o.last_follow_up_at`,
];

/** History is appended, never rewritten. */
const APPEND_ONLY = ['opportunity_event:UPDATE', 'opportunity_event:DELETE', 'customer_change:UPDATE', 'customer_change:DELETE', 'registration_attempt:UPDATE', 'registration_attempt:DELETE'];

export class InvariantChecker {
  private seenViolations = 0;

  constructor(private readonly sql: () => Client) {}

  /** Every invariant, the witnesses' counts, and the version problems noted since the last check. */
  async check(): Promise<Checked> {
    const statements = [`SELECT tbl || ':' || op AS k, n::int AS n FROM fuzz_audit`, `SELECT id, problem FROM fuzz_violation WHERE id > ${this.seenViolations} ORDER BY id`, ...INVARIANTS];
    const results = (await this.sql().query(statements.join(';\n'))) as unknown as { rows: Record<string, unknown>[] }[];
    const digest: Digest = {};
    for (const row of results[0].rows) digest[row.k as string] = row.n as number;
    const violations = results.slice(2).flatMap((r) => r.rows.map((row) => String(Object.values(row)[0])));
    for (const row of results[1].rows) {
      violations.push(String(row.problem));
      this.seenViolations = Math.max(this.seenViolations, Number(row.id));
    }
    for (const key of APPEND_ONLY) if (digest[key]) violations.push(`${key.replace(':', ' had an ')}`);
    return { digest, violations };
  }
}

/** The (table, statement) counts that differ between two digests, with the difference. */
export function changedTables(before: Digest, after: Digest): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const key of Object.keys(after).sort()) {
    const delta = after[key] - (before[key] ?? 0);
    if (delta) changed[key] = delta;
  }
  return changed;
}
