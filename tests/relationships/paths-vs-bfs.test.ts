import { random } from '../../src/seed/names';
import { dataOf, startTestApp, TestApp } from '../support/harness';

/**
 * Introduction paths on a generated graph, checked against an exhaustive
 * search done here in the test: every simple path of at most `maxHops`, ordered
 * by hops then weakest-link strength.
 */
let t: TestApp;
const staff: string[] = [];
const contacts: string[] = [];
const adjacency = new Map<string, { to: string; strength: number }[]>();

beforeAll(async () => {
  t = await startTestApp();
  const rand = random(42);
  const [{ id: region }] = await t.db.query(`SELECT id FROM region WHERE code = '6101'`);
  const [{ id: admin }] = await t.db.query(`SELECT id FROM staff WHERE employee_no = 'admin'`);
  staff.push(...(await t.db.query(`SELECT id FROM staff WHERE partner_id IS NULL ORDER BY employee_no LIMIT 25`)).map((r: { id: string }) => r.id));
  for (let k = 0; k < 3; k++) {
    const [{ id: customer }] = await t.db.query(
      `INSERT INTO group_customer (code, name, industry, grade, management_level, region_id) VALUES ('JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0'), $1, 'GOVERNMENT', 'C', 'CITY', $2) RETURNING id`,
      [`图客户${k}`, region],
    );
    for (let i = 0; i < 20; i++) {
      const [{ id }] = await t.db.query(`INSERT INTO contact (customer_id, name, care_level) VALUES ($1, $2, 'KEY_PERSON') RETURNING id`, [customer, `图联系人${k}-${i}`]);
      contacts.push(id);
    }
  }
  const people = [...staff, ...contacts];
  const seen = new Set<string>();
  for (let e = 0; e < 160; e++) {
    const a = people[Math.floor(rand() * people.length)];
    const b = rand() < 0.2 ? people[0] : people[Math.floor(rand() * people.length)]; // people[0] is a small hub
    if (a === b) continue;
    const [p, q] = a < b ? [a, b] : [b, a];
    if (seen.has(`${p}:${q}`)) continue;
    seen.add(`${p}:${q}`);
    const strength = 1 + Math.floor(rand() * 5);
    const isStaff = (id: string) => staff.includes(id);
    await t.db.query(
      `INSERT INTO relationship (type, a_staff_id, a_contact_id, b_staff_id, b_contact_id, person_a, person_b, strength, recorded_by_id) VALUES ('KNOWS', $1, $2, $3, $4, $5, $6, $7, $8)`,
      [isStaff(p) ? p : null, isStaff(p) ? null : p, isStaff(q) ? q : null, isStaff(q) ? null : q, p, q, strength, admin],
    );
    for (const [x, y] of [
      [p, q],
      [q, p],
    ]) {
      adjacency.set(x, [...(adjacency.get(x) ?? []), { to: y, strength }]);
    }
  }
});
afterAll(() => t.close());

function allPaths(from: string, to: string, maxHops: number): { hops: number; strength: number }[] {
  const found: { hops: number; strength: number }[] = [];
  const walk = (at: string, visited: Set<string>, strength: number, hops: number) => {
    if (at === to) {
      found.push({ hops, strength });
      return;
    }
    if (hops === maxHops) return;
    for (const edge of adjacency.get(at) ?? []) {
      if (visited.has(edge.to)) continue;
      visited.add(edge.to);
      walk(edge.to, visited, Math.min(strength, edge.strength), hops + 1);
      visited.delete(edge.to);
    }
  };
  walk(from, new Set([from]), 5, 0);
  return found.sort((a, b) => a.hops - b.hops || b.strength - a.strength);
}

describe('introduction paths on a generated graph', () => {
  it('match an exhaustive search for every staff member to a sample of contacts', async () => {
    const rand = random(7);
    let compared = 0;
    for (let i = 0; i < 30; i++) {
      const from = staff[Math.floor(rand() * staff.length)];
      const to = contacts[Math.floor(rand() * contacts.length)];
      for (const maxHops of [1, 2, 3, 4]) {
        const expected = allPaths(from, to, maxHops).slice(0, 20);
        const res = await t.gql(
          'admin',
          `query($s: ID!, $c: ID!, $h: Int) { introductionPaths(fromStaffId: $s, toContactId: $c, maxHops: $h, first: 20) { hops strength people { ... on Staff { id } ... on Contact { id } } } }`,
          {
            s: Buffer.from(`Staff:${from}`).toString('base64'),
            c: Buffer.from(`Contact:${to}`).toString('base64'),
            h: maxHops,
          },
        );
        const got = dataOf(res).introductionPaths as { hops: number; strength: number; people: { id: string }[] }[];
        expect(got.map((p) => ({ hops: p.hops, strength: p.strength }))).toEqual(expected);
        for (const path of got) {
          expect(path.people).toHaveLength(path.hops + 1);
          expect(new Set(path.people.map((p) => p.id)).size).toBe(path.people.length);
        }
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});
