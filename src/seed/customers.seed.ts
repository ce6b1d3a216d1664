import { EntityManager } from 'typeorm';
import { Role } from '../platform/auth/viewer';
import { CustomerGrade, CustomerRelationType, CustomerStatus, ManagementLevel } from '../modules/customers/customer.enums';
import { CustomerRelationEntity } from '../modules/customers/customer-relation.entity';
import { creditCodeCheckCharacter } from '../modules/customers/credit-code';
import { GroupCustomerEntity } from '../modules/customers/group-customer.entity';
import { Industry } from '../modules/organisation/industry';
import { RegionEntity, RegionLevel } from '../modules/organisation/region.entity';
import { StaffEntity } from '../modules/organisation/staff.entity';
import { random } from './names';
import { SeedStep } from './runner';

type Draft = Omit<GroupCustomerEntity, 'id' | 'code' | 'createdAt' | 'updatedAt' | 'version' | 'region' | 'accountManager' | 'parent'> & {
  key: string;
  parentKey?: string;
};

/** Per industry: how demo customer names are made for a city (short city name without 市). */
const NAMERS: Record<string, (city: string, i: number) => string> = {
  GOVERNMENT: (c, i) => `${c}市${['教育局', '公安局', '人力资源和社会保障局', '交通运输局', '卫生健康委员会', '市场监督管理局', '住房和城乡建设局', '应急管理局', '税务局', '政务服务中心'][i % 10]}`,
  EDUCATION: (c, i) => [`${c}职业技术学院`, `${c}市第${i + 1}中学`, `${c}实验小学`, `${c}文理学院`, `${c}市外国语学校`][i % 5],
  HEALTHCARE: (c, i) => [`${c}市中心医院`, `${c}市第${i + 1}人民医院`, `${c}市中医医院`, `${c}市妇幼保健院`, `${c}市疾病预防控制中心`][i % 5],
  FINANCE: (c, i) => [`中国建设银行${c}分行`, `中国农业银行${c}分行`, `${c}农村商业银行`, `中国人寿${c}分公司`, `长安银行${c}支行`][i % 5],
  MANUFACTURING: (c, i) => [`陕西${c}重型机械有限公司`, `${c}精密仪器制造有限公司`, `${c}汽车零部件有限公司`, `${c}新材料科技股份有限公司`][i % 4],
  ENERGY: (c, i) => [`国网${c}供电公司`, `${c}燃气集团有限公司`, `${c}热力有限公司`, `陕西${c}煤业有限公司`][i % 4],
  TRANSPORT: (c, i) => [`${c}公交集团有限公司`, `${c}长途汽车客运站`, `${c}物流园区管理有限公司`, `${c}市出租汽车公司`][i % 4],
  RETAIL: (c, i) => [`${c}百货大楼有限公司`, `${c}华润万家超市`, `${c}农产品批发市场`][i % 3],
  CONSTRUCTION: (c, i) => [`${c}建工集团有限公司`, `${c}城市投资建设有限公司`, `${c}市政工程有限公司`][i % 3],
  CULTURE_TOURISM: (c, i) => [`${c}文化旅游集团`, `${c}广播电视台`, `${c}日报社`][i % 3],
  AGRICULTURE: (c, i) => [`${c}现代农业发展有限公司`, `${c}果业集团有限公司`][i % 2],
  INTERNET: (c, i) => [`${c}云计算科技有限公司`, `${c}软件园发展有限公司`][i % 2],
};

const GRADE_WEIGHTS: [CustomerGrade, number][] = [
  [CustomerGrade.A1, 0.04],
  [CustomerGrade.A2, 0.08],
  [CustomerGrade.B1, 0.15],
  [CustomerGrade.B2, 0.2],
  [CustomerGrade.C, 0.33],
  [CustomerGrade.D, 0.2],
];

/** Province-managed groups (省管) with a member unit in several cities: the demo hierarchies. */
const GROUPS: { name: string; industry: Industry; member: (city: string) => string; grade: CustomerGrade }[] = [
  { name: '陕西省交通建设集团有限公司', industry: Industry.TRANSPORT, member: (c) => `陕西省交通建设集团${c}分公司`, grade: CustomerGrade.A1 },
  { name: '中国工商银行陕西省分行', industry: Industry.FINANCE, member: (c) => `中国工商银行${c}分行`, grade: CustomerGrade.A1 },
  { name: '陕西省人民医院医疗集团', industry: Industry.HEALTHCARE, member: (c) => `陕西省人民医院${c}分院`, grade: CustomerGrade.A2 },
  { name: '陕西延长石油（集团）有限责任公司', industry: Industry.ENERGY, member: (c) => `延长石油${c}销售分公司`, grade: CustomerGrade.A1 },
  { name: '陕西省教育厅直属院校联盟', industry: Industry.EDUCATION, member: (c) => `${c}师范学院`, grade: CustomerGrade.A2 },
];

function pick<T>(rand: () => number, weights: [T, number][]): T {
  let roll = rand();
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return weights[weights.length - 1][0];
}

/** A valid Unified Social Credit Code for demo customer number n in a city (region code 61xx). */
function demoCreditCode(cityCode: string, n: number): string {
  const body = `91${cityCode}00${String(700000000 + n).slice(-9)}`.slice(0, 17);
  return body + creditCodeCheckCharacter(body);
}

/** Money with two decimals from a random draw, exact as a string. */
const money = (amount: number) => `${Math.round(amount)}.00`;

/**
 * About three hundred believable customers across the demo province: every
 * city, grade, industry and management level, a few province-managed groups
 * with member units in the cities (3 levels deep), and customer relations.
 */
export const customersSeed: SeedStep = {
  name: 'customers-v1',
  async run(tx: EntityManager) {
    const rand = random(20261123);
    const regions = await tx.getRepository(RegionEntity).find();
    const staff = await tx.getRepository(StaffEntity).find();
    const byParent = (id: string) => regions.filter((r) => r.parentId === id);
    const province = regions.find((r) => r.level === RegionLevel.PROVINCE)!;
    const cities = byParent(province.id).sort((a, b) => a.code.localeCompare(b.code));
    const inRegion = (region: RegionEntity, role: Role) => staff.filter((s) => s.regionId === region.id && s.roles.includes(role));
    const industryManager = (industry: Industry) => staff.find((s) => s.roles.includes(Role.INDUSTRY_MANAGER) && s.industry === industry) ?? null;

    const drafts: Draft[] = [];
    let serial = 0;
    const base = (over: Partial<Draft> & Pick<Draft, 'name' | 'industry' | 'regionId'>): Draft => {
      serial++;
      const grade = over.grade ?? pick(rand, GRADE_WEIGHTS);
      const revenueScale = { A1: 800000, A2: 300000, B1: 120000, B2: 50000, C: 15000, D: 3000 }[grade];
      const status =
        over.status ??
        pick(rand, [
          [CustomerStatus.ACTIVE, 0.82],
          [CustomerStatus.PROSPECT, 0.08],
          [CustomerStatus.DORMANT, 0.06],
          [CustomerStatus.CHURNED, 0.04],
        ]);
      return {
        key: `c${serial}`,
        creditCode:
          rand() < 0.9
            ? demoCreditCode(
                regions
                  .find((r) => r.id === over.regionId)!
                  .code.slice(0, 4)
                  .padEnd(4, '0'),
                serial,
              )
            : null,
        grade,
        managementLevel: ManagementLevel.CITY,
        accountManagerId: null,
        memberCount: Math.round(revenueScale / 100 + rand() * (revenueScale / 40)),
        monthlyRevenue: status === CustomerStatus.PROSPECT ? '0.00' : money(revenueScale * (0.5 + rand())),
        status,
        churnReason:
          status === CustomerStatus.CHURNED
            ? pick(rand, [
                ['携号转网至竞争对手，资费更低', 0.4],
                ['单位撤并，业务终止', 0.3],
                ['专线合同到期未续约', 0.3],
              ])
            : null,
        address: null,
        parentId: null,
        ...over,
      };
    };

    for (const group of GROUPS) {
      const manager = industryManager(group.industry);
      const hq = base({
        name: group.name,
        industry: group.industry,
        regionId: province.id,
        grade: group.grade,
        status: CustomerStatus.ACTIVE,
        managementLevel: ManagementLevel.PROVINCE,
        accountManagerId: manager?.id ?? null,
        address: '陕西省西安市',
      });
      drafts.push(hq);
      for (const city of cities.slice(0, 6)) {
        const cityName = city.name.replace(/市$/, '');
        const member = base({
          name: group.member(cityName),
          industry: group.industry,
          regionId: city.id,
          grade: CustomerGrade.B1,
          status: CustomerStatus.ACTIVE,
          managementLevel: ManagementLevel.PROVINCE,
          accountManagerId: manager?.id ?? null,
          parentKey: hq.key,
          address: `陕西省${city.name}`,
        });
        drafts.push(member);
        if (city.code === '6101') {
          for (const county of byParent(city.id).slice(0, 2)) {
            drafts.push(
              base({
                name: `${group.member(cityName)}${county.name}营业部`,
                industry: group.industry,
                regionId: county.id,
                grade: CustomerGrade.C,
                status: CustomerStatus.ACTIVE,
                managementLevel: ManagementLevel.PROVINCE,
                accountManagerId: manager?.id ?? null,
                parentKey: member.key,
              }),
            );
          }
        }
      }
    }

    const industries = Object.keys(NAMERS) as Industry[];
    for (const city of cities) {
      const cityName = city.name.replace(/市$/, '');
      const cityManagers = inRegion(city, Role.ACCOUNT_MANAGER);
      const count = city.code === '6101' ? 60 : 18;
      const used = new Set<string>();
      for (let i = 0; i < count; i++) {
        const industry = industries[(i * 5 + city.code.charCodeAt(3)) % industries.length];
        let name = NAMERS[industry](cityName, Math.floor(i / industries.length) + i);
        if (used.has(name)) name = `${name}（${['东区', '西区', '南区', '北区', '高新区'][i % 5]}）`;
        if (used.has(name)) continue;
        used.add(name);
        const counties = byParent(city.id);
        const countyManaged = i % 3 === 2 && counties.length > 0;
        if (countyManaged) {
          const county = counties[i % counties.length];
          const grids = byParent(county.id);
          const grid = grids[i % grids.length];
          const gridManager = grid ? inRegion(grid, Role.GRID_MANAGER)[0] : undefined;
          drafts.push(
            base({
              name,
              industry,
              regionId: grid?.id ?? county.id,
              managementLevel: ManagementLevel.COUNTY,
              accountManagerId: gridManager?.id ?? inRegion(county, Role.ACCOUNT_MANAGER)[0]?.id ?? null,
              grade: pick(rand, [
                [CustomerGrade.B2, 0.3],
                [CustomerGrade.C, 0.4],
                [CustomerGrade.D, 0.3],
              ]),
              address: `陕西省${city.name}${county.name}`,
            }),
          );
        } else {
          drafts.push(
            base({
              name,
              industry,
              regionId: city.id,
              managementLevel: ManagementLevel.CITY,
              accountManagerId: cityManagers[i % Math.max(1, cityManagers.length)]?.id ?? null,
              address: `陕西省${city.name}`,
            }),
          );
        }
      }
    }

    const repo = tx.getRepository(GroupCustomerEntity);
    const ids = new Map<string, string>();
    for (const draft of drafts) {
      const { key, parentKey, ...fields } = draft;
      const [{ n }] = await tx.query(`SELECT nextval('group_customer_code_seq') AS n`);
      const saved = await repo.save(repo.create({ ...fields, code: `JT${String(n).padStart(8, '0')}`, parentId: parentKey ? ids.get(parentKey)! : null, version: 1 }));
      ids.set(key, saved.id);
    }

    const relations = tx.getRepository(CustomerRelationEntity);
    const admin = staff.find((s) => s.roles.includes(Role.ADMIN))!;
    const all = [...ids.values()];
    const pairs: [number, number, CustomerRelationType, string][] = [
      [0, 6, CustomerRelationType.GUARANTEE, '集团为成员单位专线项目提供履约担保'],
      [13, 30, CustomerRelationType.AFFILIATE, '同一实际控制人'],
      [20, 27, CustomerRelationType.AFFILIATE, '共用机房与出口带宽'],
      [40, 41, CustomerRelationType.SUBSIDIARY, '事业单位归口管理'],
      [40, 41, CustomerRelationType.AFFILIATE, '联合采购'],
    ];
    for (let i = 0; i < 25; i++) pairs.push([45 + i * 7, 46 + i * 9, [CustomerRelationType.AFFILIATE, CustomerRelationType.GUARANTEE, CustomerRelationType.SUBSIDIARY][i % 3], '业务往来']);
    for (const [a, b, type, note] of pairs) {
      const from = all[a % all.length];
      const to = all[b % all.length];
      if (from === to) continue;
      await relations.createQueryBuilder().insert().values({ fromCustomerId: from, toCustomerId: to, type, note, recordedById: admin.id }).orIgnore().execute();
    }
  },
};
