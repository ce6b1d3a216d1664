import cluster from 'node:cluster';
import http from 'node:http';
import { Pool } from 'pg';
import { runProcessGroup } from './process-group';

/**
 * The "raw" server of the bench: node:http + pg and nothing else, running the
 * SQL a perfect server would run for each workload (issue 9) — the physical
 * limit of this stack on this machine. No GraphQL, no auth: the bench passes
 * the viewer's scope as parameters. Started as its own process so it does not
 * share an event loop with the load generator.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const money = (v: string) => Number(v).toFixed(2);

type Handler = (params: Record<string, any>) => Promise<unknown>;
/** W5: how common each search word is, from its first count (see w5). */
const frequency = new Map<string, 'rare' | 'common' | 'dense'>();

const customerPage = async (limit: number) =>
  (await pool.query({ name: 'w1', text: 'SELECT id, code, name, grade, monthly_revenue FROM group_customer ORDER BY name, id LIMIT $1', values: [limit] })).rows;

// Each contact's newest care touch is one probe of ix_care_activity_contact_occurred.
const contactsOf = async (ids: string[], perCustomer: number) =>
  (
    await pool.query({
      name: 'w2-contacts',
      text: `SELECT x.* FROM unnest($1::uuid[]) AS cid(id), LATERAL (
               SELECT ct.customer_id, ct.name, ct.title, ct.care_level,
                      (SELECT max(ca.occurred_at) FROM care_activity ca WHERE ca.contact_id = ct.id) AS last_cared_at
               FROM contact ct WHERE ct.customer_id = cid.id ORDER BY ct.name, ct.id LIMIT $2) x`,
      values: [ids, perCustomer],
    })
  ).rows;

const handlers: Record<string, Handler> = {
  async w1() {
    const rows = await customerPage(50);
    return {
      groupCustomers: {
        nodes: rows.map((r) => ({ id: gid('GroupCustomer', r.id), code: r.code, name: r.name, grade: r.grade, monthlyRevenue: money(r.monthly_revenue) })),
      },
    };
  },
  async w2() {
    const rows = await customerPage(50);
    const contacts = await contactsOf(
      rows.map((r) => r.id),
      5,
    );
    const byCustomer = new Map<string, any[]>();
    for (const c of contacts) {
      const list = byCustomer.get(c.customer_id) ?? [];
      list.push({ name: c.name, title: c.title, careLevel: c.care_level, lastCaredAt: c.last_cared_at?.toISOString() ?? null });
      byCustomer.set(c.customer_id, list);
    }
    return {
      groupCustomers: {
        nodes: rows.map((r) => ({
          id: gid('GroupCustomer', r.id),
          code: r.code,
          name: r.name,
          grade: r.grade,
          monthlyRevenue: money(r.monthly_revenue),
          contacts: { nodes: byCustomer.get(r.id) ?? [] },
        })),
      },
    };
  },
  async w3({ id }) {
    const { rows } = await pool.query({
      name: 'w3',
      text: `SELECT c.id, c.code, c.name, c.grade,
               (SELECT coalesce(json_agg(x), '[]') FROM (SELECT ct.name, ct.title, ct.care_level AS "careLevel" FROM contact ct WHERE ct.customer_id = c.id ORDER BY ct.name, ct.id LIMIT 10) x) AS contacts,
               (SELECT coalesce(json_agg(x), '[]') FROM (SELECT o.code, o.title, o.stage, o.estimated_amount AS "estimatedAmount" FROM opportunity o WHERE o.customer_id = c.id ORDER BY o.created_at DESC, o.id DESC LIMIT 10) x) AS opportunities
             FROM group_customer c WHERE c.id = $1`,
      values: [id],
    });
    const r = rows[0];
    return {
      node: r
        ? {
            id: gid('GroupCustomer', r.id),
            code: r.code,
            name: r.name,
            grade: r.grade,
            contacts: { nodes: r.contacts },
            opportunities: { nodes: r.opportunities },
          }
        : null,
    };
  },
  // The bigram index finds rare words in microseconds, but each row it returns is rechecked with
  // crm_bigrams() (~50 µs a row), so for common words plain LIKE is far cheaper. A perfect server knows
  // how common a word is; here the first count of each word decides, and later requests run:
  // - rare (≤ 1,000 customers): page and count through the bigram index;
  // - dense (more than half of all customers): the page walks the name index and stops after 20 hits,
  //   the count scans the table once;
  // - common otherwise: one scan of the table gives the page (top-N sort) and the count together,
  //   planned for its word each time (a generic plan would walk the name index past every non-match).
  async w5({ text }) {
    const like = `lower(c.name || ' ' || c.code || ' ' || coalesce(c.credit_code, '')) LIKE $2`;
    const values = [text, `%${String(text).toLowerCase()}%`];
    const kind = frequency.get(text) ?? 'rare';
    let total: number;
    let page: { id: string; name: string }[];
    if (kind === 'common') {
      const { rows } = await pool.query(`SELECT c.id, c.name, count(*) OVER ()::int AS n FROM group_customer c WHERE ($1::text IS NOT NULL) AND ${like} ORDER BY c.name, c.id LIMIT 20`, values);
      total = rows[0]?.n ?? 0;
      page = rows;
    } else {
      const where = kind === 'dense' ? like : `crm_bigrams(c.name || ' ' || c.code || ' ' || coalesce(c.credit_code, '')) @> crm_bigrams($1) AND ${like}`;
      const [count, rows] = await Promise.all([
        pool.query({
          name: `w5-count-${kind}`,
          text: `SELECT count(*)::int AS n, (SELECT reltuples FROM pg_class WHERE relname = 'group_customer') AS size FROM group_customer c WHERE ($1::text IS NOT NULL) AND ${where}`,
          values,
        }),
        pool.query({
          name: `w5-page-${kind}`,
          text: `SELECT c.id, c.name FROM group_customer c WHERE ($1::text IS NOT NULL) AND ${where} ORDER BY c.name, c.id LIMIT 20`,
          values,
        }),
      ]);
      total = count.rows[0].n;
      page = rows.rows;
      if (!frequency.has(text)) frequency.set(text, total > count.rows[0].size / 2 ? 'dense' : total > 1000 ? 'common' : 'rare');
    }
    return { groupCustomers: { totalCount: total, nodes: page.map((r) => ({ id: gid('GroupCustomer', r.id), name: r.name })) } };
  },
  async w6() {
    const { rows } = await pool.query({
      name: 'w6',
      text: `SELECT o.id, o.code, o.title, o.stage, o.estimated_amount, c.name AS customer, s.name AS owner, st.sequence, st.state, st.due_at
             FROM opportunity o JOIN group_customer c ON c.id = o.customer_id LEFT JOIN staff s ON s.id = o.owner_id
             LEFT JOIN LATERAL (SELECT a.sequence, a.state, a.due_at FROM approval_step a WHERE a.opportunity_id = o.id AND a.state = 'PENDING' ORDER BY a.round DESC, a.sequence LIMIT 1) st ON true
             ORDER BY o.created_at DESC, o.id DESC LIMIT 50`,
    });
    return {
      opportunities: {
        nodes: rows.map((r) => ({
          id: gid('Opportunity', r.id),
          code: r.code,
          title: r.title,
          stage: r.stage,
          estimatedAmount: money(r.estimated_amount),
          customer: { name: r.customer },
          owner: r.owner ? { name: r.owner } : null,
          currentStep: r.sequence ? { sequence: r.sequence, state: r.state, dueAt: r.due_at.toISOString() } : null,
        })),
      },
    };
  },
  // recordCareActivity: the scope check (the viewer manages the contact's customer) and the insert in one statement.
  async w8care({ contactId, staffId }) {
    const { rows } = await pool.query({
      name: 'w8-care',
      text: `INSERT INTO care_activity (contact_id, kind, occurred_at, note, cost, recorded_by_id)
             SELECT ct.id, 'CALL', now(), '电话回访', 0, $2 FROM contact ct JOIN group_customer c ON c.id = ct.customer_id
             WHERE ct.id = $1 AND c.account_manager_id = $2 RETURNING id, occurred_at`,
      values: [contactId, staffId],
    });
    return {
      recordCareActivity: { careActivity: rows[0] ? { id: gid('CareActivity', rows[0].id) } : null, userErrors: rows[0] ? [] : [{ code: 'NOT_FOUND' }] },
    };
  },
};

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const name = (req.url ?? '/').slice(1).split('?')[0];
    const handler = handlers[name];
    if (!handler) {
      res.writeHead(name === '' ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: name === '' }));
      return;
    }
    const params = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    handler(params).then(
      (data) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data })),
      (error: Error) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error.message }] })),
    );
  });
});
server.keepAliveTimeout = 60_000;
const processes = Number(process.env.PROCESSES ?? 1);
if (cluster.isPrimary && processes > 1) {
  runProcessGroup(processes);
} else {
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => {
    server.close(() => void pool.end().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
