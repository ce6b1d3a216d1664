import { dataOf, errorCodes, startTestApp, TestApp } from '../support/harness';
import { cityCustomer, regionId, uuidOf } from '../opportunities/builders';
import { months, mustRecord, refresh } from './builders';

/*
 * DOMAIN.md: Retention — atRiskCustomers in the viewer's scope, highest
 * risk then highest revenue first, keyset-paged and filtered; churnRisk on a
 * customer and the list read the same computation; batched nested fields.
 */

let t: TestApp;
const made: { id: string; code: string; grade: string; revenue: string; manager: string }[] = [];
beforeAll(async () => {
  t = await startTestApp();
  // 12 customers at risk: a drop for all, DORMANT on every third (two signals), A1 on every fourth (HIGH).
  for (let i = 0; i < 12; i++) {
    const grade = i % 4 === 0 ? 'A1' : 'C';
    const manager = i % 2 === 0 ? 'xa-am1' : 'xa-am2';
    const c = await cityCustomer(t, { name: `列表测试${i}`, grade });
    if (manager === 'xa-am2') await t.db.query(`UPDATE group_customer SET account_manager_id = (SELECT id FROM staff WHERE employee_no = 'xa-am2') WHERE code = $1`, [c.code]);
    if (i % 3 === 0) await t.db.query(`UPDATE group_customer SET status = 'DORMANT' WHERE code = $1`, [c.code]);
    const revenue = `${(1000 + i * 100).toFixed(2)}`;
    made.push({ id: c.id, code: c.code, grade, revenue, manager });
    await mustRecord(t, [...months(c.code, -6, -4, '90000.00'), ...months(c.code, -3, -1, revenue)]);
  }
  await refresh(t);
});
afterAll(() => t.close());

const LIST = `query($first: Int, $after: String, $filter: AtRiskCustomerFilter) { atRiskCustomers(first: $first, after: $after, filter: $filter) {
  totalCount pageInfo { hasNextPage endCursor } nodes { level revenue signals { kind evidence } customer { id grade } } } }`;
const list = async (as: string, variables: Record<string, unknown> = {}) => dataOf(await t.gql(as, LIST, { first: 100, ...variables })).atRiskCustomers;
const ours = <N extends { customer: { id: string } }>(nodes: N[]) => nodes.filter((n) => made.some((m) => m.id === n.customer.id));
const RANK: Record<string, number> = { HIGH: 2, MEDIUM: 1, LOW: 0 };

describe('atRiskCustomers 流失预警名单', () => {
  it('highest risk first, then highest revenue; pages by keyset without gaps or repeats', async () => {
    const all = (await list('xa-leader')).nodes;
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1], all[i]];
      expect(RANK[a.level] > RANK[b.level] || (a.level === b.level && Number(a.revenue) >= Number(b.revenue))).toBe(true);
    }
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { customer: { id: string } }[] } = await list('xa-leader', { first: 5, after });
      paged.push(...page.nodes.map((n) => n.customer.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(all.map((n: { customer: { id: string } }) => n.customer.id));
    expect(ours(all)).toHaveLength(12);
  });

  it('the viewer’s scope: an account manager their customers, a leader the region; others none of it', async () => {
    const mine = ours((await list('xa-am1')).nodes).map((n) => n.customer.id);
    expect(mine.sort()).toEqual(
      made
        .filter((m) => m.manager === 'xa-am1')
        .map((m) => m.id)
        .sort(),
    );
    expect(ours((await list('bj-leader')).nodes)).toEqual([]);
    expect(ours((await list('sx-leader')).nodes)).toHaveLength(12);
    for (const user of ['p-huaxin', 'xa-support']) expect(errorCodes(await t.gql(user, LIST, {}))).toEqual(['FORBIDDEN']);
  });

  it('filters by level, grade, region and signal', async () => {
    const high = ours((await list('xa-leader', { filter: { level: 'HIGH' } })).nodes as { level: string; customer: { id: string } }[]);
    expect(high.every((n) => n.level === 'HIGH')).toBe(true);
    expect(high.map((n) => n.customer.id).sort()).toEqual(
      made
        .filter((m) => m.grade === 'A1')
        .map((m) => m.id)
        .sort(),
    );
    expect(ours((await list('xa-leader', { filter: { grade: 'C', level: 'MEDIUM' } })).nodes)).toHaveLength(9);
    const dormant = ours((await list('xa-leader', { filter: { signal: 'DORMANT' } })).nodes);
    expect(dormant).toHaveLength(4);
    expect(ours((await list('sx-leader', { filter: { regionId: await regionId(t, '6103') } })).nodes)).toEqual([]);
    expect(ours((await list('sx-leader', { filter: { regionId: await regionId(t, '6101') } })).nodes)).toHaveLength(12);
  });

  it('a leader’s list and count are exactly the at-risk customers of their region, read from the region path each risk carries', async () => {
    const truth = async (path: string) =>
      (
        await t.db.query(
          `SELECT s.id FROM retention_state s JOIN group_customer c ON c.id = s.id JOIN region r ON r.id = c.region_id
           WHERE s.level_rank > 0 AND r.path LIKE $1 || '%' ORDER BY s.priority DESC, s.id DESC`,
          [path],
        )
      ).map((row: { id: string }) => row.id);
    const pathOf = async (who: string) => (await t.db.query(`SELECT r.path FROM staff s JOIN region r ON r.id = s.region_id WHERE s.employee_no = $1`, [who]))[0].path;
    for (const who of ['sx-leader', 'xa-leader', 'bj-leader', 'xa-yt-leader', 'admin']) {
      const expected = await truth(who === 'admin' ? '' : await pathOf(who));
      const got = await list(who, { first: 100 });
      expect(got.totalCount).toBe(expected.length);
      expect(got.nodes.map((n: { customer: { id: string } }) => uuidOf(n.customer.id))).toEqual(expected.slice(0, 100));
    }
  });

  it('counts with the page, and past the last page as well; the page reads its customers for the nested field', async () => {
    const full = await list('xa-leader');
    const beyond = Buffer.from(JSON.stringify(['0', 'ffffffff-ffff-ffff-ffff-ffffffffffff'])).toString('base64');
    const past = await list('xa-leader', { after: beyond });
    expect(past.nodes).toEqual([]);
    expect(past.totalCount).toBe(full.totalCount);
    const counted = await t.gql('xa-leader', `{ atRiskCustomers(first: 5) { totalCount nodes { customer { name grade } } } }`);
    const plain = await t.gql('xa-leader', `{ atRiskCustomers(first: 5) { nodes { level } } }`);
    // One statement for the page, its count and its customers (as for the page alone), beside the rate accounting.
    expect(counted.sql).toBe(plain.sql);
    expect(dataOf(counted).atRiskCustomers.totalCount).toBe(full.totalCount);
  });

  it('follows a customer that moves to another city: out of the old leader’s list and count, into the new one’s, at once', async () => {
    const moving = made[5];
    const before = { xa: (await list('xa-leader')).totalCount, bj: (await list('bj-leader')).totalCount };
    await t.db.query(`UPDATE group_customer SET region_id = (SELECT id FROM region WHERE code = '6103') WHERE id = $1`, [uuidOf(moving.id)]);
    try {
      const [xa, bj] = [await list('xa-leader'), await list('bj-leader')];
      expect(xa.nodes.map((n: { customer: { id: string } }) => n.customer.id)).not.toContain(moving.id);
      expect(bj.nodes.map((n: { customer: { id: string } }) => n.customer.id)).toContain(moving.id);
      expect([xa.totalCount, bj.totalCount]).toEqual([before.xa - 1, before.bj + 1]);
    } finally {
      await t.db.query(`UPDATE group_customer SET region_id = (SELECT id FROM region WHERE code = '6101') WHERE id = $1`, [uuidOf(moving.id)]);
    }
    expect((await list('xa-leader')).totalCount).toBe(before.xa);
  });

  it('churnRisk on a customer is the list’s entry, evidence and all', async () => {
    const all = ours((await list('xa-leader')).nodes as { level: string; revenue: string; signals: unknown[]; customer: { id: string } }[]);
    for (const entry of all.slice(0, 4)) {
      const risk = dataOf(await t.gql('xa-leader', `query($id: ID!) { node(id: $id) { ... on GroupCustomer { churnRisk { level revenue signals { kind evidence } } } } }`, { id: entry.customer.id }))
        .node.churnRisk;
      expect(risk).toEqual({ level: entry.level, revenue: entry.revenue, signals: entry.signals });
    }
  });

  it('a page costs the same statements whatever its size, nested fields included', async () => {
    const NESTED = `query($first: Int) { atRiskCustomers(first: $first) { totalCount nodes { level signals { kind since evidence } openCase { id }
      customer { name grade accountManager { name } segment { code rule } revenueHistory(months: 6) { month revenue } churnRisk { level } } } } }`;
    const [small, large] = [await t.gql('xa-leader', NESTED, { first: 2 }), await t.gql('xa-leader', NESTED, { first: 12 })];
    expect(dataOf(large).atRiskCustomers.nodes).toHaveLength(12);
    expect(large.sql).toBe(small.sql);
    // The page and its count; the risk, open case, customer, manager, segment rules and revenue loaders.
    expect(large.sql).toBeLessThanOrEqual(9);
  });
});
