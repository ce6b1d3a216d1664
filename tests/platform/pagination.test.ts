import { dataOf, startTestApp, TestApp } from '../support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const LIST = `query($first: Int, $after: String, $last: Int, $before: String, $filter: StaffFilter) {
  staffMembers(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount edges { cursor node { employeeNo } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;
type Page = {
  totalCount: number;
  edges: { cursor: string; node: { employeeNo: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};
const list = async (variables: Record<string, unknown>) => dataOf<{ staffMembers: Page }>(await t.gql('admin', LIST, variables)).staffMembers;
const names = (page: Page) => page.edges.map((e) => e.node.employeeNo);

describe('keyset pagination (staffMembers)', () => {
  it('walks every page forward exactly once, in order', async () => {
    const all = (await t.db.query(`SELECT employee_no FROM staff ORDER BY employee_no COLLATE "C"`)).map((r: { employee_no: string }) => r.employee_no);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Page = await list({ first: 7, after });
      seen.push(...names(page));
      pages++;
      expect(page.totalCount).toBe(all.length);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([...all].sort());
    expect(pages).toBe(Math.ceil(all.length / 7));
  });

  it('an exact page says there is nothing more; an empty result has no cursors', async () => {
    const filter = { text: 'xa-yt' };
    const full = await list({ filter, first: 100 });
    const exact = await list({ filter, first: full.totalCount });
    expect(names(exact)).toEqual(names(full));
    expect(exact.pageInfo.hasNextPage).toBe(false);
    const empty = await list({ filter: { text: 'nobody-matches-this' } });
    expect(empty).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
    const pastTheEnd = await list({ filter, first: 5, after: exact.pageInfo.endCursor });
    expect(pastTheEnd.edges).toEqual([]);
    expect(pastTheEnd.pageInfo.hasNextPage).toBe(false);
  });

  it('pages backward with last/before', async () => {
    const forward = await list({ first: 10 });
    const back = await list({ last: 3, before: forward.edges[6].cursor });
    expect(names(back)).toEqual(names(forward).slice(3, 6));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('filters by region subtree, role and text', async () => {
    const [xian] = await t.db.query(`SELECT id FROM region WHERE code = '6101'`);
    const regionId = Buffer.from(`Region:${xian.id}`).toString('base64');
    const leaders = await list({ first: 100, filter: { regionId, roles: ['COUNTY_LEADER'] } });
    expect(names(leaders).sort()).toEqual(['xa-bl-leader', 'xa-ca-leader', 'xa-wy-leader', 'xa-yt-leader']);
    const wildcard = await list({ filter: { text: '%' } });
    expect(wildcard.totalCount).toBe(0);
  });

  it.each([
    [{ first: 0 }, '`first` must be between 1 and 100'],
    [{ first: 101 }, '`first` must be between 1 and 100'],
    [{ after: 'bm90IGEgY3Vyc29y' }, 'Invalid cursor'],
    [{ first: 1, last: 1 }, 'Pass either `first` or `last`, not both'],
  ])('refuses %p', async (variables, message) => {
    const res = await t.gql('admin', LIST, variables);
    expect(res.body.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('reads a page with nested regions in a constant number of SQL statements', async () => {
    const query = `query($n: Int, $text: String) { staffMembers(first: $n, filter: { text: $text }) { nodes { employeeNo region { code parent { code } } partner { name } } } }`;
    const small = await t.gql('admin', query, { n: 3, text: 'p-' });
    const large = await t.gql('admin', query, { n: 100, text: '-' });
    expect(small.body.data.staffMembers.nodes.every((s: { partner: unknown }) => s.partner)).toBe(true);
    expect(large.body.data.staffMembers.nodes).toHaveLength(100);
    // viewer, page, regions, partners, parent regions — however many rows (the loader cache can only make it fewer)
    expect(small.sql).toBe(5);
    expect(large.sql).toBeLessThanOrEqual(small.sql);
  });
});

describe('cursors keep the database precision', () => {
  it('walks rows whose timestamps differ by microseconds, forward and backward, each exactly once', async () => {
    // Rows written in one transaction share now() to the microsecond, and rows a microsecond apart share a millisecond.
    const walk = async (direction: 'ASC' | 'DESC') => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i++) {
        const res: { body: { data: any } } = await t.gql(
          'admin',
          `query($a: String) { groupCustomers(first: 2, after: $a, orderBy: { field: UPDATED_AT, direction: ${direction} }) { pageInfo { hasNextPage endCursor } nodes { code } } }`,
          { a: after },
        );
        const page: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { code: string }[] } = res.body.data.groupCustomers;
        seen.push(...page.nodes.map((n) => n.code));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      return seen;
    };
    await t.db.query(
      `INSERT INTO group_customer (code, name, industry, grade, management_level, region_id)
       SELECT 'JT' || lpad(nextval('group_customer_code_seq')::text, 8, '0'), '微秒客户' || g, 'RETAIL', 'D', 'CITY', (SELECT id FROM region WHERE code = '6101') FROM generate_series(1, 9) g`,
    );
    await t.db.query(`UPDATE group_customer SET updated_at = TIMESTAMPTZ '2026-11-01 08:00:00.000001+00' + (random() * 3)::int * INTERVAL '1 microsecond'`);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM group_customer`);
    for (const direction of ['ASC', 'DESC'] as const) {
      const seen = await walk(direction);
      expect(seen).toHaveLength(n);
      expect(new Set(seen).size).toBe(n);
    }
  });
});
