import { FORBIDDEN_IN_SCOPE, listed, LISTED_IN_SCOPE, payload, row, Row, SCOPED, single } from '../engine';
import { RoleKey, SCOPES, Side } from '../roles';
import { CustomerRow, World } from '../world';

/**
 * Group customers (DOMAIN.md: Who sees what): leaders read their region
 * subtree but do not edit customers; industry, account and grid managers
 * keep theirs; a support manager reads the basic fields of customers with an
 * opportunity awaiting their evaluation; partners never read customers.
 */
const KEEPERS_WRITE = {
  admin: 'OK',
  provinceLeader: FORBIDDEN_IN_SCOPE,
  cityLeader: FORBIDDEN_IN_SCOPE,
  countyLeader: FORBIDDEN_IN_SCOPE,
  industryManager: SCOPED,
  accountManager: SCOPED,
  gridManager: SCOPED,
  supportManager: FORBIDDEN_IN_SCOPE,
  opportunityAdmin: 'NOT_FOUND',
  partner: 'NOT_FOUND',
} as const;

const USER_ERRORS = 'userErrors { code message field }';

/** Who keeps the role's new customers: the user when they keep customers, else the place's account manager. */
const keeper = (role: RoleKey) => (['industryManager', 'accountManager', 'gridManager'].includes(role) ? SCOPES[role].employeeNo! : SCOPES[role].place.in.manager);

/**
 * A customer kept by the role's keeper, placed in the role's own place or,
 * out of scope, in a region outside the user's region (DOMAIN.md:
 * Organisation — scope is always the user's region and everything under it).
 */
const placedBy = async (w: World, role: RoleKey, side: Side) => {
  const place = { ...w.place(role, 'in'), manager: keeper(role) };
  return { place, region: side === 'in' ? place.region : SCOPES[role].elsewhere };
};

export const customerRows: Row[] = [
  row<CustomerRow>('Query.groupCustomer', {
    document: `query($id: ID) { groupCustomer(id: $id) { id } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c) => ({ id: c.id }),
    observe: single('groupCustomer'),
    expect: {
      admin: 'OK',
      provinceLeader: SCOPED,
      cityLeader: SCOPED,
      countyLeader: SCOPED,
      industryManager: SCOPED,
      accountManager: SCOPED,
      gridManager: SCOPED,
      supportManager: SCOPED,
      opportunityAdmin: 'NOT_FOUND',
      partner: 'NOT_FOUND',
    },
  }),

  row<CustomerRow>('Query.groupCustomer', {
    variant: 'by code',
    document: `query($code: String) { groupCustomer(code: $code) { id } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c) => ({ code: c.code }),
    observe: single('groupCustomer'),
    expect: {
      admin: 'OK',
      provinceLeader: SCOPED,
      cityLeader: SCOPED,
      countyLeader: SCOPED,
      industryManager: SCOPED,
      accountManager: SCOPED,
      gridManager: SCOPED,
      supportManager: SCOPED,
      opportunityAdmin: 'NOT_FOUND',
      partner: 'NOT_FOUND',
    },
  }),

  row<CustomerRow>('Query.groupCustomers', {
    document: `query($text: String) { groupCustomers(first: 100, filter: { text: $text }) { nodes { id } } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c) => ({ text: c.code }),
    observe: listed('groupCustomers', { filtered: true }),
    expect: {
      admin: 'OK',
      provinceLeader: LISTED_IN_SCOPE,
      cityLeader: LISTED_IN_SCOPE,
      countyLeader: LISTED_IN_SCOPE,
      industryManager: LISTED_IN_SCOPE,
      accountManager: LISTED_IN_SCOPE,
      gridManager: LISTED_IN_SCOPE,
      supportManager: LISTED_IN_SCOPE,
      opportunityAdmin: 'EMPTY',
      partner: 'EMPTY',
    },
  }),

  row('Mutation.createGroupCustomer', {
    document: `mutation($input: CreateGroupCustomerInput!) { createGroupCustomer(input: $input) { groupCustomer { id } ${USER_ERRORS} } }`,
    // A customer placed where the role's place says: keepers may create what they will keep, nothing else.
    target: async (w, role, side) => ({ place: w.place(role, side) }),
    variables: ({ place }, w) => ({
      input: {
        name: `矩阵新客户${w.next()}`,
        industry: place.industry,
        grade: 'C',
        managementLevel: place.level,
        regionId: w.regionId(place.region),
        accountManagerId: w.staffId(place.manager),
      },
    }),
    observe: payload('createGroupCustomer', 'groupCustomer'),
    expect: {
      admin: 'OK',
      provinceLeader: 'FORBIDDEN',
      cityLeader: 'FORBIDDEN',
      countyLeader: 'FORBIDDEN',
      industryManager: ['OK', 'VALIDATION'],
      accountManager: ['OK', 'VALIDATION'],
      gridManager: ['OK', 'VALIDATION'],
      supportManager: 'FORBIDDEN',
      opportunityAdmin: 'FORBIDDEN',
      partner: 'FORBIDDEN',
    },
  }),

  row('Mutation.createGroupCustomer', {
    variant: 'kept by its creator, inside or outside their region',
    document: `mutation($input: CreateGroupCustomerInput!) { createGroupCustomer(input: $input) { groupCustomer { id } ${USER_ERRORS} } }`,
    target: placedBy,
    variables: ({ place, region }, w) => ({
      input: {
        name: `矩阵新客户${w.next()}`,
        industry: place.industry,
        grade: 'C',
        managementLevel: place.level,
        regionId: w.regionId(region),
        accountManagerId: w.staffId(place.manager),
      },
    }),
    observe: payload('createGroupCustomer', 'groupCustomer'),
    expect: {
      admin: 'OK',
      provinceLeader: 'FORBIDDEN',
      cityLeader: 'FORBIDDEN',
      countyLeader: 'FORBIDDEN',
      industryManager: ['OK', 'VALIDATION'],
      accountManager: ['OK', 'VALIDATION'],
      gridManager: ['OK', 'VALIDATION'],
      supportManager: 'FORBIDDEN',
      opportunityAdmin: 'FORBIDDEN',
      partner: 'FORBIDDEN',
    },
  }),

  row<CustomerRow>('Mutation.updateGroupCustomer', {
    document: `mutation($input: UpdateGroupCustomerInput!) { updateGroupCustomer(input: $input) { groupCustomer { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c) => ({ input: { id: c.id, address: '矩阵路1号' } }),
    observe: payload('updateGroupCustomer', 'groupCustomer'),
    expect: KEEPERS_WRITE,
  }),

  row<CustomerRow & { region: string }>('Mutation.updateGroupCustomer', {
    variant: 'moved by its keeper, inside or outside their region',
    document: `mutation($input: UpdateGroupCustomerInput!) { updateGroupCustomer(input: $input) { groupCustomer { id } ${USER_ERRORS} } }`,
    target: async (w, role, side) => {
      const { place, region } = await placedBy(w, role, side);
      return { ...(await w.customer(role, 'in', place)), region };
    },
    variables: (c, w) => ({ input: { id: c.id, regionId: w.regionId(c.region) } }),
    observe: payload('updateGroupCustomer', 'groupCustomer'),
    expect: {
      admin: 'OK',
      provinceLeader: 'FORBIDDEN',
      cityLeader: 'FORBIDDEN',
      countyLeader: 'FORBIDDEN',
      industryManager: ['OK', 'VALIDATION'],
      accountManager: ['OK', 'VALIDATION'],
      gridManager: ['OK', 'VALIDATION'],
      supportManager: 'FORBIDDEN',
      opportunityAdmin: 'NOT_FOUND',
      partner: 'NOT_FOUND',
    },
  }),

  row<{ id: string; parent: string }>('Mutation.setCustomerParent', {
    document: `mutation($input: SetCustomerParentInput!) { setCustomerParent(input: $input) { groupCustomer { id } ${USER_ERRORS} } }`,
    // The member unit is the target; its new group HQ is always one the role may read.
    target: async (w, role, side) => ({ id: (await w.customer(role, side)).id, parent: (await w.customer(role, 'in')).id }),
    variables: (c) => ({ input: { id: c.id, parentId: c.parent } }),
    observe: payload('setCustomerParent', 'groupCustomer'),
    expect: KEEPERS_WRITE,
  }),

  row<{ id: string; other: string }>('Mutation.addCustomerRelation', {
    document: `mutation($input: AddCustomerRelationInput!) { addCustomerRelation(input: $input) { customerRelation { id } ${USER_ERRORS} } }`,
    target: async (w, role, side) => ({ id: (await w.customer(role, side)).id, other: (await w.customer(role, 'in')).id }),
    variables: (c) => ({ input: { fromId: c.id, toId: c.other, type: 'AFFILIATE' } }),
    observe: payload('addCustomerRelation', 'customerRelation'),
    expect: KEEPERS_WRITE,
  }),
];
