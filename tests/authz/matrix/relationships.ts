import { answered, Expectations, listed, Observer, payload, row, Row, SCOPED } from '../engine';
import { SCOPES } from '../roles';
import { ContactRow, CustomerRow } from '../world';

/**
 * The relationship map 人脉地图 (DOMAIN.md: Relationship map): shared across
 * the province 全员共享 — every internal user opens the map of, and looks for
 * introduction paths into, any customer of the province (another province's
 * answers like an unknown id; contacts out of row scope show as profiles);
 * gaps and changes need a contact one may read; partners get FORBIDDEN on
 * every part of it.
 */
const SHARED: Expectations = {
  admin: 'OK',
  // The province leader's out-of-scope place is another province (甘肃); every other role's is in 陕西.
  provinceLeader: SCOPED,
  cityLeader: 'OK',
  countyLeader: 'OK',
  industryManager: 'OK',
  accountManager: 'OK',
  gridManager: 'OK',
  supportManager: 'OK',
  opportunityAdmin: 'OK',
  partner: 'FORBIDDEN',
};

const MAP_USERS: Expectations = {
  admin: 'OK',
  provinceLeader: SCOPED,
  cityLeader: SCOPED,
  countyLeader: SCOPED,
  industryManager: SCOPED,
  accountManager: SCOPED,
  gridManager: SCOPED,
  supportManager: 'NOT_FOUND',
  opportunityAdmin: 'NOT_FOUND',
  partner: 'FORBIDDEN',
};

const USER_ERRORS = 'userErrors { code message field }';
const me = (role: keyof typeof SCOPES) => SCOPES[role].employeeNo ?? 'admin';
const paths: Observer<unknown> = (data) => (data?.introductionPaths == null ? 'ABSENT' : data.introductionPaths.length ? 'OK' : 'EMPTY');

export const relationshipRows: Row[] = [
  row<CustomerRow>('Query.relationshipMap', {
    document: `query($id: ID!) { relationshipMap(customerId: $id) { truncated customers { id } } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c) => ({ id: c.id }),
    observe: answered('relationshipMap'),
    expect: SHARED,
  }),

  row<ContactRow & { me: string }>('Query.introductionPaths', {
    document: `query($from: ID!, $to: ID!) { introductionPaths(fromStaffId: $from, toContactId: $to, maxHops: 2) { hops } }`,
    // The user knows the contact: one hop, found exactly when the contact is theirs to read.
    target: async (w, role, side) => {
      const contact = await w.contact(role, side);
      await w.relationship({ uuid: w.staffUuid(me(role)), kind: 'Staff' }, { uuid: contact.uuid, kind: 'Contact' });
      return { ...contact, me: w.staffId(me(role)) };
    },
    variables: (c) => ({ from: c.me, to: c.id }),
    observe: paths,
    expect: SHARED,
  }),

  row<ContactRow & { me: string; tie: string }>('Query.introductionPaths', {
    variant: 'through a tie of two people of the place',
    document: `query($from: ID!, $to: ID!) { introductionPaths(fromStaffId: $from, toContactId: $to, maxHops: 3, first: 5) { relationships { id note since recordedBy { id } } } }`,
    // user — A — B — C, with C a contact the user may read and A, B two contacts of the role's place. Out of scope the path
    // still shows the way in (DOMAIN.md: Relationship map), A and B as placeholders and their tie without what was noted
    // about them, since when or by whom: EMPTY here. node(id:) of that tie is null (node-types.ts: Relationship).
    target: async (w, role, side) => {
      const contact = await w.contact(role, 'in');
      const place = await w.customer(role, side);
      const [a, b] = [await w.contactOf(place), await w.contactOf(place)];
      await w.relationship({ uuid: w.staffUuid(me(role)), kind: 'Staff' }, { uuid: a.uuid, kind: 'Contact' });
      const tie = await w.relationship({ uuid: a.uuid, kind: 'Contact' }, { uuid: b.uuid, kind: 'Contact' }, '两人是连襟, 私下关系好');
      await w.relationship({ uuid: b.uuid, kind: 'Contact' }, { uuid: contact.uuid, kind: 'Contact' });
      return { ...contact, me: w.staffId(me(role)), tie };
    },
    variables: (c) => ({ from: c.me, to: c.id }),
    observe: (data, c) => {
      const tie = (data?.introductionPaths ?? []).flatMap((p: { relationships: { id: string; note: string | null }[] }) => p.relationships).find((r: { id: string }) => r.id === c.tie);
      return data?.introductionPaths == null ? 'ABSENT' : !tie ? 'no path through the tie' : tie.note != null ? 'OK' : 'EMPTY';
    },
    expect: {
      ...MAP_USERS,
      // They read none of the four people; the path is shared all the same (全员共享), the tie without its note.
      supportManager: 'EMPTY',
      opportunityAdmin: 'EMPTY',
      provinceLeader: ['OK', 'EMPTY'],
      cityLeader: ['OK', 'EMPTY'],
      countyLeader: ['OK', 'EMPTY'],
      industryManager: ['OK', 'EMPTY'],
      accountManager: ['OK', 'EMPTY'],
      gridManager: ['OK', 'EMPTY'],
    },
  }),

  row<CustomerRow & { gap: string }>('Query.relationshipGaps', {
    document: `query($id: ID!) { relationshipGaps(customerId: $id) { id } }`,
    // A manager nobody knows: a gap, listed for whoever may read the customer's people.
    target: async (w, role, side) => {
      const customer = await w.customer(role, side);
      return { ...customer, gap: (await w.contactOf(customer, { careLevel: 'MANAGEMENT' })).id };
    },
    variables: (c) => ({ id: c.id }),
    observe: listed('relationshipGaps', { idOf: (c: { gap: string }) => c.gap }),
    // A support manager reads the customer but none of its people.
    expect: { ...MAP_USERS, supportManager: ['EMPTY', 'NOT_FOUND'] },
  }),

  row<ContactRow & { me: string }>('Mutation.addRelationship', {
    document: `mutation($input: AddRelationshipInput!) { addRelationship(input: $input) { relationship { id } ${USER_ERRORS} } }`,
    target: async (w, role, side) => ({ ...(await w.contact(role, side)), me: w.staffId(me(role)) }),
    variables: (c) => ({ input: { fromId: c.me, toId: c.id, type: 'KNOWS', strength: 3 } }),
    observe: payload('addRelationship', 'relationship'),
    expect: MAP_USERS,
  }),

  row<{ id: string }>('Mutation.removeRelationship', {
    document: `mutation($input: RemoveRelationshipInput!) { removeRelationship(input: $input) { removedId ${USER_ERRORS} } }`,
    // Two contacts of one customer who know each other: the relationship is readable exactly when they are.
    target: (w, role, side) => w.contactsRelationship(role, side),
    variables: (r) => ({ input: { id: r.id } }),
    observe: payload('removeRelationship', 'removedId'),
    expect: MAP_USERS,
  }),
];
