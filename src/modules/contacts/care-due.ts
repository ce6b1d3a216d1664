import type { Context } from '../../platform/context';
import { decodeCursor, encodeCursor, Page, PageArgs, pageSize, TOTAL_COUNT_CAP } from '../../platform/graphql/connection';
import { badInput } from '../../platform/graphql/errors';
import { cappedCount } from '../../platform/sql';
import { CARE_TIME_ZONE, careDueReasons, careDueUrgency, NEXT_BIRTHDAY_STARTS_AT, NEXT_CARE_DUE_AT } from './care.sql';
import { ContactEntity } from './contact.entity';
import { contactPolicy } from './contact.policy';

/** The widest due-list window a client may ask for. */
export const MAX_DUE_WITHIN_DAYS = 365;

/** Month and day of the birthday as MMDD — the expression of ix_contact_birthday_md, written exactly as the index has it. */
const BIRTHDAY_MD = `((EXTRACT(MONTH FROM ct.birthday) * 100 + EXTRACT(DAY FROM ct.birthday))::int)`;

const CONTACT_COLUMNS = (db: Context['db']) =>
  db
    .getMetadata(ContactEntity)
    .columns.map((column) => `ct.${column.databaseName} AS "${column.propertyName}"`)
    .join(', ');

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
 */
export async function careDuePage(ctx: Context, now: string, withinDays: number, args: PageArgs): Promise<Page<ContactEntity>> {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > MAX_DUE_WITHIN_DAYS) throw badInput(`withinDays must be between 0 and ${MAX_DUE_WITHIN_DAYS}`);
  if (args.last != null || args.before != null) throw badInput('The due list pages forward only: use `first` and `after`');
  const { size } = pageSize(args);
  const scope = contactPolicy.read('c', ctx.viewer);
  const personal = contactPolicy.personalData('c', ctx.viewer);
  const params: Record<string, unknown> = { ...scope.params, ...personal.params, careNow: now, dueWithinDays: withinDays };
  let seekCare = '';
  let seekBirthday = '';
  let seekPage = '';
  if (args.after != null) {
    const [value, id] = decodeCursor(args.after, 'timestamptz');
    Object.assign(params, { afterUrgency: value, afterId: id });
    seekCare = `AND (${NEXT_CARE_DUE_AT}, ct.id) > (CAST(:afterUrgency AS timestamptz), CAST(:afterId AS uuid))`;
    seekBirthday = `AND (${NEXT_BIRTHDAY_STARTS_AT}, ct.id) > (CAST(:afterUrgency AS timestamptz), CAST(:afterId AS uuid))`;
    seekPage = `AND (d."__urgency", d.id) > (CAST(:afterUrgency AS timestamptz), CAST(:afterId AS uuid))`;
  }
  const from = `contact ct JOIN group_customer c ON c.id = ct.customer_id JOIN care_policy p ON p.care_level = ct.care_level`;
  const birthdayDue = `${personal.sql} AND ct.birthday IS NOT NULL AND crm_next_birthday(ct.birthday, (SELECT today FROM w)) - (SELECT today FROM w) <= p.birthday_window_days`;
  const walk = size + 1;
  const sql = `
    WITH w AS MATERIALIZED (
      SELECT t.today,
             ((EXTRACT(MONTH FROM t.today) * 100 + EXTRACT(DAY FROM t.today))::int) AS lo,
             ((EXTRACT(MONTH FROM t.today + m.days) * 100 + EXTRACT(DAY FROM t.today + m.days))::int) AS hi
      FROM (SELECT (CAST(:careNow AS timestamptz) AT TIME ZONE '${CARE_TIME_ZONE}')::date AS today) t,
           (SELECT coalesce(max(birthday_window_days), 0) AS days FROM care_policy) m
    ),
    candidates AS (
      (SELECT ct.id FROM ${from} WHERE ${scope.sql} AND ${NEXT_CARE_DUE_AT} <= CAST(:careNow AS timestamptz) + make_interval(days => CAST(:dueWithinDays AS int)) ${seekCare}
       ORDER BY ${NEXT_CARE_DUE_AT}, ct.id LIMIT ${walk})
      UNION
      (SELECT ct.id FROM ${from} WHERE ${scope.sql} AND ${BIRTHDAY_MD} <> 229
         AND ${BIRTHDAY_MD} BETWEEN (SELECT lo FROM w) AND (SELECT CASE WHEN lo <= hi THEN hi ELSE 1231 END FROM w) AND ${birthdayDue} ${seekBirthday}
       ORDER BY ${BIRTHDAY_MD}, ct.id LIMIT ${walk})
      UNION
      (SELECT ct.id FROM ${from} WHERE ${scope.sql} AND ${BIRTHDAY_MD} <> 229
         AND ${BIRTHDAY_MD} BETWEEN 101 AND (SELECT CASE WHEN lo <= hi THEN 0 ELSE hi END FROM w) AND ${birthdayDue} ${seekBirthday}
       ORDER BY ${BIRTHDAY_MD}, ct.id LIMIT ${walk})
      UNION
      (SELECT ct.id FROM ${from} WHERE ${scope.sql} AND ${BIRTHDAY_MD} = 229 AND ${birthdayDue} ${seekBirthday})
    ),
    due AS (
      SELECT ${CONTACT_COLUMNS(ctx.db)}, ${careDueReasons(personal.sql)} AS "__reasons", ${NEXT_CARE_DUE_AT} AS "__nextDue", ${NEXT_BIRTHDAY_STARTS_AT} AS "__birthdayAt"
      FROM candidates JOIN contact ct ON ct.id = candidates.id JOIN group_customer c ON c.id = ct.customer_id JOIN care_policy p ON p.care_level = ct.care_level
    )
    SELECT d.*, d."__urgency"::text AS "__cursor" FROM (
      SELECT due.*, ${careDueUrgency('due."__reasons"', 'due."__nextDue"', 'due."__birthdayAt"')} AS "__urgency" FROM due WHERE cardinality(due."__reasons") > 0
    ) d WHERE TRUE ${seekPage} ORDER BY d."__urgency", d.id LIMIT ${size + 1}`;
  const [query, values] = ctx.db.driver.escapeQueryWithParameters(sql, params);
  const rows: (ContactEntity & { __urgency: unknown; __cursor: string; __reasons: unknown; __nextDue: unknown; __birthdayAt: unknown })[] = await ctx.db.query(query, values);
  const edges = rows.slice(0, size).map(({ __urgency: _u, __cursor, __reasons: _r, __nextDue: _n, __birthdayAt: _b, ...entity }) => {
    void _u;
    void _r;
    void _n;
    void _b;
    // The urgency as the database prints it: a JavaScript Date would lose its microseconds.
    return { cursor: encodeCursor(__cursor, entity.id), node: Object.assign(new ContactEntity(), entity) };
  });
  // Everything due in scope, counted up to the cap: the same reasons, without the index walks' order.
  const countSql = `SELECT 1 FROM ${from} WHERE ${scope.sql} AND (${NEXT_CARE_DUE_AT} <= CAST(:careNow AS timestamptz) + make_interval(days => CAST(:dueWithinDays AS int))
      OR (${personal.sql} AND ct.birthday IS NOT NULL AND crm_next_birthday(ct.birthday, (CAST(:careNow AS timestamptz) AT TIME ZONE '${CARE_TIME_ZONE}')::date) - (CAST(:careNow AS timestamptz) AT TIME ZONE '${CARE_TIME_ZONE}')::date <= p.birthday_window_days))`;
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, hasPreviousPage: args.after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
    count: () => cappedCount(ctx.db, ctx.db.driver.escapeQueryWithParameters(countSql, params)),
    countCap: TOTAL_COUNT_CAP,
  };
}
