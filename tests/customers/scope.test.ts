import { dataOf, startTestApp, TestApp } from '../support/harness';
import { mustCreateCustomer, nextCreditCode, regionId, staffId } from './builders';

/**
 * DOMAIN.md: Who sees what — for customers, on every path: the list, lookups
 * by id, code and credit code, node/nodes, and nested parent/children/relations.
 */
let t: TestApp;
const customers: Record<string, { id: string; code: string; creditCode: string }> = {};
beforeAll(async () => {
  t = await startTestApp();
  const make = async (key: string, input: Record<string, unknown>) => {
    customers[key] = await mustCreateCustomer(t, 'admin', { name: key, creditCode: nextCreditCode(), ...input });
  };
  await make('西安甲·xa-am1', { regionId: await regionId(t, '6101'), accountManagerId: await staffId(t, 'xa-am1') });
  await make('西安乙·xa-am2', { regionId: await regionId(t, '6101'), accountManagerId: await staffId(t, 'xa-am2') });
  await make('雁塔网格丙', { regionId: await regionId(t, '610113-G1'), managementLevel: 'COUNTY', accountManagerId: await staffId(t, 'xa-yt-am') });
  await make('宝鸡丁', { regionId: await regionId(t, '6103'), accountManagerId: await staffId(t, 'bj-am1') });
  await make('省管教育戊', {
    regionId: await regionId(t, '61'),
    managementLevel: 'PROVINCE',
    industry: 'EDUCATION',
    accountManagerId: await staffId(t, 'im-edu'),
  });
  await make('省管金融己', {
    regionId: await regionId(t, '6101'),
    managementLevel: 'PROVINCE',
    industry: 'FINANCE',
    accountManagerId: await staffId(t, 'im-fin'),
  });
  // 西安乙 is the HQ of 西安甲; 西安甲 and 宝鸡丁 are related.
  await t.gql('admin', `mutation($i: SetCustomerParentInput!) { setCustomerParent(input: $i) { userErrors { code } } }`, {
    i: { id: customers['西安甲·xa-am1'].id, parentId: customers['西安乙·xa-am2'].id },
  });
  await t.gql('admin', `mutation($i: AddCustomerRelationInput!) { addCustomerRelation(input: $i) { userErrors { code } } }`, {
    i: { fromId: customers['西安甲·xa-am1'].id, toId: customers['宝鸡丁'].id, type: 'AFFILIATE' },
  });
});
afterAll(() => t.close());

const ALL = ['西安甲·xa-am1', '西安乙·xa-am2', '雁塔网格丙', '宝鸡丁', '省管教育戊', '省管金融己'];
const VISIBLE: Record<string, string[]> = {
  admin: ALL,
  'sx-leader': ALL,
  'xa-leader': ['西安甲·xa-am1', '西安乙·xa-am2', '雁塔网格丙', '省管金融己'],
  'bj-leader': ['宝鸡丁'],
  'xa-yt-leader': ['雁塔网格丙'],
  'xa-am1': ['西安甲·xa-am1'],
  'xa-am2': ['西安乙·xa-am2'],
  'xa-yt-g1': ['雁塔网格丙'],
  'xa-yt-g2': [],
  'im-edu': ['省管教育戊'],
  'im-fin': ['省管金融己'],
  'xa-support': [],
  'p-huaxin': [],
};

describe.each(Object.entries(VISIBLE))('%s', (who, visible) => {
  it('lists exactly the customers in scope', async () => {
    const res = dataOf(await t.gql(who, `{ groupCustomers(first: 100) { totalCount nodes { name } } }`)).groupCustomers;
    expect(res.nodes.map((n: { name: string }) => n.name).sort()).toEqual([...visible].sort());
    expect(res.totalCount).toBe(visible.length);
  });

  it('finds by id, code, credit code and node only what is in scope; the rest reads as null', async () => {
    for (const name of ALL) {
      const c = customers[name];
      const res = dataOf(
        await t.gql(
          who,
          `query($id: ID, $code: String, $cc: String, $nid: ID!) { a: groupCustomer(id: $id) { name } b: groupCustomer(code: $code) { name } c: groupCustomer(creditCode: $cc) { name } d: node(id: $nid) { ... on GroupCustomer { name } } e: nodes(ids: [$nid]) { id } }`,
          {
            id: c.id,
            code: c.code,
            cc: c.creditCode,
            nid: c.id,
          },
        ),
      );
      const expected = visible.includes(name) ? { name } : null;
      expect([res.a, res.b, res.c, res.d]).toEqual([expected, expected, expected, expected]);
      expect(res.e).toEqual([visible.includes(name) ? { id: c.id } : null]);
    }
  });

  it('sees nested parent, children and related customers only when in scope', async () => {
    const hq = customers['西安乙·xa-am2'];
    const member = customers['西安甲·xa-am1'];
    const res = dataOf(
      await t.gql(
        who,
        `query($hq: ID!, $m: ID!) { hq: node(id: $hq) { ... on GroupCustomer { children { totalCount nodes { name } } } } m: node(id: $m) { ... on GroupCustomer { parent { name } relations { to { name } } } } }`,
        { hq: hq.id, m: member.id },
      ),
    );
    if (visible.includes('西安乙·xa-am2')) {
      const children = visible.includes('西安甲·xa-am1') ? ['西安甲·xa-am1'] : [];
      expect(res.hq.children).toEqual({ totalCount: children.length, nodes: children.map((name) => ({ name })) });
    } else {
      expect(res.hq).toBeNull();
    }
    if (visible.includes('西安甲·xa-am1')) {
      expect(res.m.parent).toEqual(visible.includes('西安乙·xa-am2') ? { name: '西安乙·xa-am2' } : null);
      expect(res.m.relations).toEqual([{ to: visible.includes('宝鸡丁') ? { name: '宝鸡丁' } : null }]);
    } else {
      expect(res.m).toBeNull();
    }
  });
});
