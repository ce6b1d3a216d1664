/**
 * The roles the authorization matrix runs as (issue 15): one user of the demo
 * province per role (src/seed/organisation.seed.ts), plus a deactivated user
 * and a request without a token. For each role, where its "in scope" and "out
 * of scope" targets live (DOMAIN.md: Who sees what): a place is the region,
 * management level, industry and account manager of a fresh customer, and
 * the reporter says who reported the opportunities on it.
 */
export const ROLE_KEYS = [
  'admin',
  'provinceLeader',
  'cityLeader',
  'countyLeader',
  'industryManager',
  'accountManager',
  'gridManager',
  'supportManager',
  'opportunityAdmin',
  'partner',
  'deactivated',
  'anonymous',
] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

/** Roles whose outcome differs by row; the deactivated user and no token are refused everywhere. */
export type LiveRole = Exclude<RoleKey, 'deactivated' | 'anonymous'>;
export const LIVE_ROLES = ROLE_KEYS.filter((r): r is LiveRole => r !== 'deactivated' && r !== 'anonymous');

export const LEADERS: readonly RoleKey[] = ['provinceLeader', 'cityLeader', 'countyLeader'];

export type Side = 'in' | 'out';
export const SIDES: readonly Side[] = ['in', 'out'];

export type Level = 'PROVINCE' | 'CITY' | 'COUNTY';

/** Where a fresh customer sits: region code, management level, industry, account manager (employee number). */
export interface Place {
  region: string;
  level: Level;
  industry: string;
  manager: string;
}

/** Who reports the opportunities of a side: a staff member, or a partner's user (employee number, partner code). */
export interface Reporter {
  staff: string;
  partner?: string;
}

export interface RoleScope {
  /** Employee number the token is signed for; null sends no token. */
  employeeNo: string | null;
  place: Record<Side, Place>;
  /** Default: the place's account manager. */
  reporter?: Partial<Record<Side, Reporter>>;
  /** DOMAIN.md: a support manager reads a customer only while one of its opportunities awaits their evaluation. */
  customersNeedSubmittedOpportunity?: boolean;
  /** The leader this role would hand approvals to (delegateApprovals), inside and outside its own region. */
  delegate: Record<Side, string>;
  /** A region outside the user's own region and everything under it (DOMAIN.md: Organisation). */
  elsewhere: string;
}

const XIAN_CITY: Place = { region: '6101', level: 'CITY', industry: 'GOVERNMENT', manager: 'xa-am1' };
const BAOJI_CITY: Place = { region: '6103', level: 'CITY', industry: 'GOVERNMENT', manager: 'bj-am1' };
/** A second province (甘肃, built by the world): out of scope even for the province leader. */
const OTHER_PROVINCE: Place = { region: '6201', level: 'CITY', industry: 'GOVERNMENT', manager: 'gs-am1' };
const PROVINCE_GOVERNMENT: Place = { region: '6101', level: 'PROVINCE', industry: 'GOVERNMENT', manager: 'im-gov' };
/** The demo partners: 华信 at home in 西安, 智联 in 宝鸡. */
export const HUAXIN: Reporter = { staff: 'p-huaxin', partner: 'P-HUAXIN' };
export const ZHILIAN: Reporter = { staff: 'p-zhilian', partner: 'P-ZHILIAN' };
const YANTA_GRID_1: Place = { region: '610113-G1', level: 'COUNTY', industry: 'EDUCATION', manager: 'xa-yt-g1' };

export const SCOPES: Record<RoleKey, RoleScope> = {
  // Admins see everything: their "out of scope" target is another province's, and they see it too.
  admin: { employeeNo: 'admin', place: { in: XIAN_CITY, out: OTHER_PROVINCE }, elsewhere: '6103', delegate: { in: 'xa-leader', out: 'gs-leader' } },
  provinceLeader: {
    employeeNo: 'sx-leader',
    place: { in: PROVINCE_GOVERNMENT, out: { ...OTHER_PROVINCE, level: 'PROVINCE' } },
    elsewhere: '6201',
    delegate: { in: 'sx-leader2', out: 'gs-leader' },
  },
  cityLeader: { employeeNo: 'xa-leader', place: { in: XIAN_CITY, out: BAOJI_CITY }, elsewhere: '6103', delegate: { in: 'xa-yt-leader', out: 'bj-leader' } },
  countyLeader: {
    employeeNo: 'xa-yt-leader',
    place: { in: YANTA_GRID_1, out: { region: '610103-G1', level: 'COUNTY', industry: 'EDUCATION', manager: 'xa-bl-g1' } },
    elsewhere: '610103-G1',
    delegate: { in: 'xa-leader', out: 'bj-wb-leader' },
  },
  industryManager: {
    employeeNo: 'im-gov',
    place: { in: PROVINCE_GOVERNMENT, out: { ...PROVINCE_GOVERNMENT, industry: 'EDUCATION', manager: 'im-edu' } },
    elsewhere: '6201',
    delegate: { in: 'sx-leader', out: 'bj-leader' },
  },
  accountManager: {
    employeeNo: 'xa-am1',
    place: { in: XIAN_CITY, out: { ...XIAN_CITY, manager: 'xa-am2' } },
    elsewhere: '6103',
    delegate: { in: 'xa-leader', out: 'bj-leader' },
  },
  gridManager: {
    employeeNo: 'xa-yt-g1',
    place: { in: YANTA_GRID_1, out: { ...YANTA_GRID_1, region: '610113-G2', manager: 'xa-yt-g2' } },
    elsewhere: '610113-G2',
    delegate: { in: 'xa-yt-leader', out: 'bj-leader' },
  },
  supportManager: {
    employeeNo: 'xa-support',
    place: { in: XIAN_CITY, out: BAOJI_CITY },
    customersNeedSubmittedOpportunity: true,
    elsewhere: '6103',
    delegate: { in: 'xa-leader', out: 'bj-leader' },
  },
  // 商机管理员 of 西安: the partners whose home region is 西安 (华信); 宝鸡's partner (智联) is another city's.
  opportunityAdmin: {
    employeeNo: 'xa-oa',
    place: { in: XIAN_CITY, out: BAOJI_CITY },
    reporter: { in: HUAXIN, out: ZHILIAN },
    elsewhere: '6103',
    delegate: { in: 'xa-leader', out: 'bj-leader' },
  },
  partner: {
    employeeNo: 'p-huaxin',
    place: { in: XIAN_CITY, out: BAOJI_CITY },
    reporter: { in: HUAXIN, out: ZHILIAN },
    elsewhere: '6103',
    delegate: { in: 'xa-leader', out: 'bj-leader' },
  },
  // A deactivated administrator: if deactivation did not hold, every row would show it.
  deactivated: { employeeNo: 'authz-retired', place: { in: XIAN_CITY, out: BAOJI_CITY }, elsewhere: '6103', delegate: { in: 'xa-leader', out: 'bj-leader' } },
  anonymous: { employeeNo: null, place: { in: XIAN_CITY, out: BAOJI_CITY }, elsewhere: '6103', delegate: { in: 'xa-leader', out: 'bj-leader' } },
};
