import { EntityManager } from 'typeorm';
import { Role } from '../platform/auth/viewer';
import { Industry } from '../modules/organisation/industry';
import { PartnerEntity } from '../modules/organisation/partner.entity';
import { RegionEntity, RegionLevel } from '../modules/organisation/region.entity';
import { StaffEntity } from '../modules/organisation/staff.entity';
import { chineseName } from './names';
import { SeedStep } from './runner';

/** 陕西's cities with a few real counties each; the short key prefixes demo employee numbers. */
export const DEMO_CITIES: { key: string; code: string; name: string; counties: [string, string, string][] }[] = [
  {
    key: 'xa',
    code: '6101',
    name: '西安市',
    counties: [
      ['yt', '610113', '雁塔区'],
      ['bl', '610103', '碑林区'],
      ['wy', '610112', '未央区'],
      ['ca', '610116', '长安区'],
    ],
  },
  {
    key: 'bj',
    code: '6103',
    name: '宝鸡市',
    counties: [
      ['wb', '610302', '渭滨区'],
      ['jt', '610303', '金台区'],
      ['cc', '610304', '陈仓区'],
    ],
  },
  {
    key: 'xy',
    code: '6104',
    name: '咸阳市',
    counties: [
      ['qd', '610402', '秦都区'],
      ['wc', '610404', '渭城区'],
    ],
  },
  {
    key: 'wn',
    code: '6105',
    name: '渭南市',
    counties: [
      ['lw', '610502', '临渭区'],
      ['hz', '610503', '华州区'],
    ],
  },
  {
    key: 'hz',
    code: '6107',
    name: '汉中市',
    counties: [
      ['ht', '610702', '汉台区'],
      ['nz', '610703', '南郑区'],
    ],
  },
  { key: 'ya', code: '6106', name: '延安市', counties: [['bt', '610602', '宝塔区']] },
  {
    key: 'yl',
    code: '6108',
    name: '榆林市',
    counties: [
      ['yy', '610802', '榆阳区'],
      ['sm', '610881', '神木市'],
    ],
  },
  { key: 'ak', code: '6109', name: '安康市', counties: [['hb', '610902', '汉滨区']] },
  { key: 'sl', code: '6110', name: '商洛市', counties: [['sz', '611002', '商州区']] },
  { key: 'tc', code: '6102', name: '铜川市', counties: [['yty', '610202', '王益区']] },
];

const GRID_NAMES = ['城区网格', '开发区网格'];

const INDUSTRY_MANAGERS: [string, Industry][] = [
  ['im-gov', Industry.GOVERNMENT],
  ['im-edu', Industry.EDUCATION],
  ['im-health', Industry.HEALTHCARE],
  ['im-fin', Industry.FINANCE],
  ['im-mfg', Industry.MANUFACTURING],
  ['im-energy', Industry.ENERGY],
  ['im-transport', Industry.TRANSPORT],
];

/** Regions, staff in every role and two partners for the demo province (issue: foundation). */
export const organisationSeed: SeedStep = {
  name: 'organisation-v1',
  async run(tx: EntityManager) {
    const regions = tx.getRepository(RegionEntity);
    const staff = tx.getRepository(StaffEntity);
    const province = await regions.findOneOrFail({ where: { level: RegionLevel.PROVINCE }, order: { code: 'ASC' } });
    let person = 0;
    const addRegion = async (code: string, name: string, level: RegionLevel, parent: RegionEntity) => {
      const region = await regions.save(regions.create({ code, name, level, parentId: parent.id, path: '' }));
      region.path = `${parent.path}${region.id}/`;
      await regions.update({ id: region.id }, { path: region.path });
      return region;
    };
    const addStaff = (employeeNo: string, roles: Role[], region: RegionEntity, extra: Partial<StaffEntity> = {}) =>
      staff.save(staff.create({ employeeNo, name: chineseName(person++), roles, regionId: region.id, industry: null, partnerId: null, active: true, ...extra }));

    await addStaff('sx-leader', [Role.PROVINCE_LEADER], province, { name: '王建国' });
    await addStaff('sx-leader2', [Role.PROVINCE_LEADER], province, { name: '李振华' });
    for (const [employeeNo, industry] of INDUSTRY_MANAGERS) await addStaff(employeeNo, [Role.INDUSTRY_MANAGER], province, { industry });

    for (const city of DEMO_CITIES) {
      const cityRegion = await addRegion(city.code, city.name, RegionLevel.CITY, province);
      await addStaff(`${city.key}-leader`, [Role.CITY_LEADER], cityRegion);
      await addStaff(`${city.key}-support`, [Role.SUPPORT_MANAGER], cityRegion);
      const managers = city.key === 'xa' ? 4 : 2;
      for (let i = 1; i <= managers; i++) await addStaff(`${city.key}-am${i}`, [Role.ACCOUNT_MANAGER], cityRegion);
      for (const [countyKey, countyCode, countyName] of city.counties) {
        const county = await addRegion(countyCode, countyName, RegionLevel.COUNTY, cityRegion);
        await addStaff(`${city.key}-${countyKey}-leader`, [Role.COUNTY_LEADER], county);
        await addStaff(`${city.key}-${countyKey}-am`, [Role.ACCOUNT_MANAGER], county);
        for (let g = 0; g < GRID_NAMES.length; g++) {
          const grid = await addRegion(`${countyCode}-G${g + 1}`, `${countyName}${GRID_NAMES[g]}`, RegionLevel.GRID, county);
          await addStaff(`${city.key}-${countyKey}-g${g + 1}`, [Role.GRID_MANAGER, Role.ACCOUNT_MANAGER], grid);
        }
      }
    }

    const partners = tx.getRepository(PartnerEntity);
    const xian = await regions.findOneByOrFail({ code: '6101' });
    const baoji = await regions.findOneByOrFail({ code: '6103' });
    const huaxin = await partners.save(partners.create({ code: 'P-HUAXIN', name: '陕西华信通信工程有限公司', regionId: xian.id, active: true }));
    const zhilian = await partners.save(partners.create({ code: 'P-ZHILIAN', name: '宝鸡智联信息技术有限公司', regionId: baoji.id, active: true }));
    await addStaff('p-huaxin', [Role.PARTNER], xian, { partnerId: huaxin.id });
    await addStaff('p-huaxin2', [Role.PARTNER], xian, { partnerId: huaxin.id });
    await addStaff('p-zhilian', [Role.PARTNER], baoji, { partnerId: zhilian.id });
  },
};
