import { answered, everyRole, Expectations, listed, payload, Row, row } from '../engine';
import { RoleKey, SCOPES, Side } from '../roles';
import { World } from '../world';

/**
 * Organisation (DOMAIN.md: Organisation): regions are public to every
 * signed-in user; staff and partners are visible to our staff, a partner's
 * user sees only themselves; only admins change any of it.
 */
const ADMIN_ONLY: Expectations = { ...everyRole('FORBIDDEN'), admin: 'OK' };

/** The city of the role's in- or out-of-scope place: where new regions, staff and partners go. */
const cityOfPlace = { target: async (w: World, role: RoleKey, side: Side) => ({ city: w.regionId(w.cityCode(w.place(role, side).region)) }) };

export const organisationRows: Row[] = [
  row('Query.viewer', {
    document: `{ viewer { id employeeNo } }`,
    observe: answered('viewer'),
    expect: everyRole('OK'),
  }),

  row('Query.regions', {
    document: `query($parentId: ID) { regions(parentId: $parentId) { id } }`,
    // The place's own region, listed among its parent's children: public on both sides.
    target: async (w, role, side) => {
      const place = w.place(role, side);
      return { id: w.regionId(place.region), parent: w.regionId(w.parentRegionCode(place.region)) };
    },
    variables: (r) => ({ parentId: r.parent }),
    observe: listed('regions'),
    expect: everyRole('OK'),
  }),

  row('Query.staffMembers', {
    document: `query($text: String) { staffMembers(first: 100, filter: { text: $text }) { nodes { id } } }`,
    // In scope: the user themselves; out of scope: the reporter of the role's out-of-scope place (for a partner: another partner's user).
    target: async (w, role, side) => {
      const employeeNo = side === 'in' ? (SCOPES[role].employeeNo ?? 'admin') : w.reporter(role, 'out').staff;
      return { id: w.staffId(employeeNo), employeeNo };
    },
    variables: (s) => ({ text: s.employeeNo }),
    observe: listed('staffMembers'),
    expect: {
      admin: 'OK',
      provinceLeader: 'OK',
      cityLeader: 'OK',
      countyLeader: 'OK',
      industryManager: 'OK',
      accountManager: 'OK',
      gridManager: 'OK',
      supportManager: 'OK',
      opportunityAdmin: 'OK',
      partner: ['OK', 'EMPTY'],
    },
  }),

  row('Mutation.createRegion', {
    document: `mutation($input: CreateRegionInput!) { createRegion(input: $input) { region { id } userErrors { code message field } } }`,
    ...cityOfPlace,
    variables: (r, w) => ({ input: { code: `AZ-${w.next()}`, name: '矩阵测试区', level: 'COUNTY', parentId: r.city } }),
    observe: payload('createRegion', 'region'),
    expect: ADMIN_ONLY,
  }),

  row('Mutation.createStaff', {
    document: `mutation($input: CreateStaffInput!) { createStaff(input: $input) { staff { id } userErrors { code message field } } }`,
    ...cityOfPlace,
    variables: (r, w) => ({ input: { employeeNo: `authz-staff-${w.next()}`, name: '矩阵员工', roles: ['ACCOUNT_MANAGER'], regionId: r.city } }),
    observe: payload('createStaff', 'staff'),
    expect: ADMIN_ONLY,
  }),

  row('Mutation.createPartner', {
    document: `mutation($input: CreatePartnerInput!) { createPartner(input: $input) { partner { id } userErrors { code message field } } }`,
    ...cityOfPlace,
    variables: (r, w) => ({ input: { code: `P-AZ-${w.next()}`, name: '矩阵合作伙伴', regionId: r.city } }),
    observe: payload('createPartner', 'partner'),
    expect: ADMIN_ONLY,
  }),
];
