import type { Context } from '../../platform/context';
import { cappedCount, decodeCursor, encodeCursor, Page, PageArgs, pageSize, TOTAL_COUNT_CAP } from '../../platform/graphql/connection';
import { badInput } from '../../platform/graphql/errors';
import { CARE_TIME_ZONE, careDueReasons, careDueUrgency, NEXT_BIRTHDAY_STARTS_AT, NEXT_CARE_DUE_AT, STILL_THERE } from './care.sql';
import { followUpCustomers, followUpDueSince } from './care-follow-up';
import { ContactEntity } from './contact.entity';
import { contactPolicy } from './contact.policy';
import { entityColumns } from '../../platform/sql';
import { customerSql } from '../customers/customer.sql';

/** The widest due-list window a client may ask for. */
export const MAX_DUE_WITHIN_DAYS = 365;

/** Scopes of at most this many customers take every due contact as a candidate; larger ones walk the indexes. */
export const NARROW_SCOPE_CUSTOMERS = 500;

/** Month and day of the birthday as MMDD — the expression of ix_contact_birthday_md, written exactly as the index has it. */
const BIRTHDAY_MD = `((EXTRACT(MONTH FROM ct.birthday) * 100 + EXTRACT(DAY FROM ct.birthday))::int)`;

/**
 * 关怀提醒 — the viewer's contacts that are overdue, due within `withinDays`,
 * or have a birthday inside their policy's window; each once, most urgent
 * first (seed 003: the system timer reminds).
 *
 * A contact's urgency is the earliest of its next care due moment and its
 * next birthday. Rather than work that out for every contact in scope (half a
 * million for a province leader), the page is cut from a few short index
 * walks, each in its own key's order and each at most one page long: care
 * falling due (ix_contact_next_care_due), birthdays in the coming days of
 * this year and of next year (ix_contact_birthday_md), and 29 February
 * birthdays, which land on 28 February in other years. Any contact on the
 * true page is within the first page of the walk whose key is its urgency,
 * so the union holds the page; it is then ordered by urgency and cut.
 *
 * A walk in index order pays for the contacts outside the scope it passes,
 * so for a scope of at most NARROW_SCOPE_CUSTOMERS customers (an account
 * manager's book, a grid) every due contact in it is a candidate instead:
 * a few thousand at most, reached through the scope's own indexes. One
 * statement decides which (a capped probe of the scope) and runs only that branch.
 */
export async function careDuePage(ctx: Context, now: string, withinDays: number, args: PageArgs, narrowScope = NARROW_SCOPE_CUSTOMERS): Promise<Page<ContactEntity>> {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_DUE_WITHIN_DAYS) throw badInput(`withinDays must be between 0 and ${MAX_DUE_WITHIN_DAYS}`);
  if (args.last != null || args.before != null) throw badInput('The due list pages forward only: use `first` and `after`');
  const { size } = pageSize(args);
  const scope = contactPolicy.read('c', ctx.viewer);
  const personal = contactPolicy.personalData('c', ctx.viewer);
  const params: Record<string, unknown> = { ...scope.params, ...personal.params, careNow: now, dueWithinDays: withinDays };
  let seek = (_key: string) => '';
  let seekPage = '';
  if (args.after != null) {
    const [value, id] = decodeCursor(args.after, 'timestamptz');
    Object.assign(params, { afterUrgency: value, afterId: id });
    seek = (key: string) => `AND (${key}, ct.id) > (CAST(:afterUrgency AS timestamptz), CAST(:afterId AS uuid))`;
    seekPage = `AND (d."__urgency", d.id) > (CAST(:afterUrgency AS timestamptz), CAST(:afterId AS uuid))`;
  }
  const from = `contact ct ${customerSql.join('c', 'ct.customer_id')} JOIN care_policy p ON p.care_level = ct.care_level`;
  // A walk reads contacts in one index's order and stops after a page. Scope, personal-data rights and the level's window are checked per contact
  // in correlated subqueries, which the planner cannot turn into joins that start from the scope's customers and sort them all.
  const inScope = customerSql.valueFor('ct.customer_id', 'c', scope.sql);
  const birthdayVisible = customerSql.valueFor('ct.customer_id', 'c', `(${scope.sql}) AND (${personal.sql})`);
  const ownWindow = `crm_next_birthday(ct.birthday, (SELECT today FROM w)) - (SELECT today FROM w) <= (SELECT p.birthday_window_days FROM care_policy p WHERE p.care_level = ct.care_level)`;
  const careDue = `(${NEXT_CARE_DUE_AT} <= CAST(:careNow AS timestamptz) + make_interval(days => CAST(:dueWithinDays AS int)) AND ${STILL_THERE})`;
  // Birthdays inside the widest window (cheap arithmetic on MMDD) before the exact check against the contact's own policy.
  // 29 February falls on 28 February in other years: it is in the window when either day is (checked once per statement).
  const leapDayInWindow = `((SELECT lo FROM w) <= 229 AND (SELECT hi1 FROM w) >= 228 OR (SELECT hi2 FROM w) >= 228)`;
  const inWindow = `${STILL_THERE} AND (${BIRTHDAY_MD} BETWEEN (SELECT lo FROM w) AND (SELECT hi1 FROM w) OR ${BIRTHDAY_MD} BETWEEN 101 AND (SELECT hi2 FROM w) OR (${BIRTHDAY_MD} = 229 AND ${leapDayInWindow}))`;
  const birthdayDue = `${personal.sql} AND ct.birthday IS NOT NULL AND ${inWindow} AND crm_next_birthday(ct.birthday, (SELECT today FROM w)) - (SELECT today FROM w) <= p.birthday_window_days`;
  // Today where the customers are, and the MMDD ranges of the coming days up to the widest birthday window (lo–hi1 this year, 101–hi2 next year).
  const birthdayWindow = `
      SELECT today, lo, CASE WHEN lo <= hi THEN hi ELSE 1231 END AS hi1, CASE WHEN lo <= hi THEN 0 ELSE hi END AS hi2 FROM (
        SELECT t.today,
               ((EXTRACT(MONTH FROM t.today) * 100 + EXTRACT(DAY FROM t.today))::int) AS lo,
               ((EXTRACT(MONTH FROM t.today + m.days) * 100 + EXTRACT(DAY FROM t.today + m.days))::int) AS hi
        FROM (SELECT (CAST(:careNow AS timestamptz) AT TIME ZONE '${CARE_TIME_ZONE}')::date AS today) t,
             (SELECT coalesce(max(birthday_window_days), 0) AS days FROM care_policy) m) b`;
  // A contact walks only in the stream whose key is its urgency (the earlier of its two moments): shown once, it must not
  // come back in the other stream and take a place in that walk's page.
  const birthdayFirst = `coalesce(ct.birthday IS NOT NULL AND ${inWindow} AND ${NEXT_BIRTHDAY_STARTS_AT} < ${NEXT_CARE_DUE_AT} AND ${ownWindow} AND ${birthdayVisible}, false)`;
  const careFirst = `(${careDue} AND ${NEXT_CARE_DUE_AT} < ${NEXT_BIRTHDAY_STARTS_AT})`;
  const followUp = followUpDueSince('ct');
  const followUpBefore = (moment: string) => `coalesce(${followUp} < ${moment}, false)`;
  // The follow-up stream (care owed after a resolved complaint) leaves out contacts whose care or birthday comes first, and they leave it out.
  const followUpLater = `(coalesce(${careDue} AND ${NEXT_CARE_DUE_AT} < ${followUp}, false)
    OR coalesce(ct.birthday IS NOT NULL AND ${inWindow} AND ${NEXT_BIRTHDAY_STARTS_AT} < ${followUp} AND ${ownWindow} AND ${birthdayVisible}, false))`;
  const narrowUrgency = `LEAST(CASE WHEN ${careDue} THEN ${NEXT_CARE_DUE_AT} END, CASE WHEN ${birthdayDue} THEN ${NEXT_BIRTHDAY_STARTS_AT} END, ${followUp})`;
  const walk = size + 1;
  const broad = `(SELECT broad FROM probe)`;
  const probe = customerSql.moreThan(narrowScope, 'c', scope);
  const sql = `
    WITH w AS MATERIALIZED (${birthdayWindow}),
    probe AS MATERIALIZED (${probe}),
    candidates AS (
      (SELECT ct.id FROM contact ct WHERE ${broad} AND ${careDue} AND ${inScope} AND NOT ${birthdayFirst} AND NOT ${followUpBefore(NEXT_CARE_DUE_AT)} ${seek(NEXT_CARE_DUE_AT)} ORDER BY ${NEXT_CARE_DUE_AT}, ct.id LIMIT ${walk})
      UNION ALL
      (SELECT ct.id FROM contact ct WHERE ${broad} AND ${STILL_THERE} AND ${BIRTHDAY_MD} <> 229 AND ${BIRTHDAY_MD} BETWEEN (SELECT lo FROM w) AND (SELECT hi1 FROM w)
         AND ${ownWindow} AND ${birthdayVisible} AND NOT ${careFirst} AND NOT ${followUpBefore(NEXT_BIRTHDAY_STARTS_AT)} ${seek(NEXT_BIRTHDAY_STARTS_AT)} ORDER BY ${BIRTHDAY_MD}, ct.id LIMIT ${walk})
      UNION ALL
      (SELECT ct.id FROM contact ct WHERE ${broad} AND ${STILL_THERE} AND ${BIRTHDAY_MD} <> 229 AND ${BIRTHDAY_MD} BETWEEN 101 AND (SELECT hi2 FROM w)
         AND ${ownWindow} AND ${birthdayVisible} AND NOT ${careFirst} AND NOT ${followUpBefore(NEXT_BIRTHDAY_STARTS_AT)} ${seek(NEXT_BIRTHDAY_STARTS_AT)} ORDER BY ${BIRTHDAY_MD}, ct.id LIMIT ${walk})
      UNION ALL
      (SELECT ct.id FROM contact ct WHERE ${broad} AND ${leapDayInWindow} AND ${STILL_THERE} AND ${BIRTHDAY_MD} = 229 AND ${ownWindow} AND ${birthdayVisible} AND NOT ${careFirst} AND NOT ${followUpBefore(NEXT_BIRTHDAY_STARTS_AT)} ${seek(NEXT_BIRTHDAY_STARTS_AT)})
      UNION ALL
      (SELECT ct.id FROM contact ct WHERE ${broad} AND ct.customer_id IN (${followUpCustomers()}) AND ${followUp} IS NOT NULL AND ${inScope} AND NOT ${followUpLater} ${seek(followUp)}
       ORDER BY ${followUp}, ct.id LIMIT ${walk})
      UNION ALL
      (SELECT ct.id FROM ${from} WHERE NOT ${broad} AND ${scope.sql} AND (${careDue} OR (${birthdayDue}) OR ${followUp} IS NOT NULL)
         ${seek(narrowUrgency)}
       ORDER BY ${narrowUrgency}, ct.id LIMIT ${walk})
    ),
    due AS (
      SELECT ${entityColumns(ctx.db, ContactEntity, 'ct').join(', ')}, ${careDueReasons(personal.sql)} AS "__reasons", ${NEXT_CARE_DUE_AT} AS "__nextDue", ${NEXT_BIRTHDAY_STARTS_AT} AS "__birthdayAt",
        ${followUp} AS "__followUp"
      FROM (SELECT DISTINCT id FROM candidates) picked JOIN ${from.replace('contact ct', 'contact ct ON ct.id = picked.id')}
    )
    SELECT d.*, d."__urgency"::text AS "__cursor" FROM (
      SELECT due.*, ${careDueUrgency('due."__reasons"', 'due."__nextDue"', 'due."__birthdayAt"', 'due."__followUp"')} AS "__urgency" FROM due WHERE cardinality(due."__reasons") > 0
    ) d WHERE TRUE ${seekPage} ORDER BY d."__urgency", d.id LIMIT ${size + 1}`;
  // Everything due in scope, counted up to the cap: the same reasons, without the walks' order.
  const countSql = `WITH w AS MATERIALIZED (${birthdayWindow})
    SELECT 1 FROM ${from} WHERE ${scope.sql} AND (${careDue} OR (${birthdayDue}) OR ${followUp} IS NOT NULL)`;
  const [query, values] = ctx.db.driver.escapeQueryWithParameters(sql, params);
  const rows: (ContactEntity & { __urgency: unknown; __cursor: string; __reasons: unknown; __nextDue: unknown; __birthdayAt: unknown; __followUp: unknown })[] = await ctx.db.query(query, values);
  const edges = rows.slice(0, size).map(({ __urgency: _u, __cursor, __reasons: _r, __nextDue: _n, __birthdayAt: _b, __followUp: _f, ...entity }) => {
    void _u;
    void _r;
    void _n;
    void _b;
    void _f;
    // The urgency as the database prints it: a JavaScript Date would lose its microseconds.
    return { cursor: encodeCursor(__cursor, entity.id), node: Object.assign(new ContactEntity(), entity) };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: args.after != null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    count: () => cappedCount(ctx.db, ctx.db.driver.escapeQueryWithParameters(countSql, params)),
    countCap: TOTAL_COUNT_CAP,
  };
}
