import { registerEnumType } from 'type-graphql';

/** Roles of staff members (DOMAIN.md: Who uses it). A staff member may hold several. */
export enum Role {
  ADMIN = 'ADMIN',
  PROVINCE_LEADER = 'PROVINCE_LEADER',
  CITY_LEADER = 'CITY_LEADER',
  COUNTY_LEADER = 'COUNTY_LEADER',
  INDUSTRY_MANAGER = 'INDUSTRY_MANAGER',
  ACCOUNT_MANAGER = 'ACCOUNT_MANAGER',
  GRID_MANAGER = 'GRID_MANAGER',
  SUPPORT_MANAGER = 'SUPPORT_MANAGER',
  PARTNER = 'PARTNER',
  OPPORTUNITY_ADMIN = 'OPPORTUNITY_ADMIN',
  BILLING_INTEGRATION = 'BILLING_INTEGRATION',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a staff member does, and so what they may see and change.',
  valuesConfig: {
    ADMIN: { description: '系统管理员 — regions, staff, partners, policies, rules; sees everything.' },
    PROVINCE_LEADER: { description: '省政企部门领导 — approvals and pipeline across the province.' },
    CITY_LEADER: { description: '地市政企部门领导 — approvals and pipeline in their city.' },
    COUNTY_LEADER: { description: '区县政企部门领导 — approvals and pipeline in their county.' },
    INDUSTRY_MANAGER: { description: '行业经理 — province-managed customers of their industry.' },
    ACCOUNT_MANAGER: { description: '客户经理 — the customers they manage.' },
    GRID_MANAGER: { description: '网格经理 — the customers in their grid.' },
    SUPPORT_MANAGER: { description: '支撑经理 — first evaluation of reported opportunities.' },
    PARTNER: { description: '第三方合作伙伴 — reports opportunities through a partner portal.' },
    OPPORTUNITY_ADMIN: { description: '商机管理员 — one city: its partners’ accounts, registrations and commission reviews and payments.' },
    BILLING_INTEGRATION: { description: '计费接口 — the billing system (BOSS) feeding monthly revenue; reads nothing else.' },
  },
});

export const LEADER_ROLES: readonly Role[] = [Role.PROVINCE_LEADER, Role.CITY_LEADER, Role.COUNTY_LEADER];

/** The authenticated staff member a request acts for. */
export interface Viewer {
  staffId: string;
  employeeNo: string;
  name: string;
  roles: ReadonlySet<Role>;
  regionId: string;
  /** Materialised path of the viewer's region, e.g. `/p/c/`; scope is "this node and everything under it". */
  regionPath: string;
  industry: string | null;
  partnerId: string | null;
}

export const hasRole = (viewer: Viewer, ...roles: Role[]) => roles.some((role) => viewer.roles.has(role));
export const isAdmin = (viewer: Viewer) => viewer.roles.has(Role.ADMIN);
export const isPartner = (viewer: Viewer) => viewer.roles.has(Role.PARTNER) && !viewer.roles.has(Role.ADMIN);
