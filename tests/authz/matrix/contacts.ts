import { FORBIDDEN_IN_SCOPE, listed, LISTED_IN_SCOPE, Observer, payload, row, Row, SCOPED } from '../engine';
import { ContactRow } from '../world';

/**
 * Contacts and care (DOMAIN.md: Who sees what): a contact is visible exactly
 * when its customer is, except to support managers and partners, who never
 * see a customer's people; leaders read them but do not change them; care
 * policies are read by those who keep contacts and changed by admins.
 */
const CONTACT_READERS = {
  admin: 'OK',
  provinceLeader: LISTED_IN_SCOPE,
  cityLeader: LISTED_IN_SCOPE,
  countyLeader: LISTED_IN_SCOPE,
  industryManager: LISTED_IN_SCOPE,
  accountManager: LISTED_IN_SCOPE,
  gridManager: LISTED_IN_SCOPE,
  supportManager: 'EMPTY',
  opportunityAdmin: 'EMPTY',
  partner: 'EMPTY',
} as const;

const CONTACT_KEEPERS = {
  admin: 'OK',
  provinceLeader: FORBIDDEN_IN_SCOPE,
  cityLeader: FORBIDDEN_IN_SCOPE,
  countyLeader: FORBIDDEN_IN_SCOPE,
  industryManager: SCOPED,
  accountManager: SCOPED,
  gridManager: SCOPED,
  supportManager: 'NOT_FOUND',
  opportunityAdmin: 'NOT_FOUND',
  partner: 'NOT_FOUND',
} as const;

const USER_ERRORS = 'userErrors { code message field }';
const nonEmpty =
  (field: string): Observer<unknown> =>
  (data) =>
    data?.[field] == null ? 'ABSENT' : data[field].length ? 'OK' : 'EMPTY';

export const contactRows: Row[] = [
  row<ContactRow>('Query.contacts', {
    document: `query($customerId: ID) { contacts(first: 100, filter: { customerId: $customerId }) { nodes { id } } }`,
    target: (w, role, side) => w.contact(role, side),
    variables: (c) => ({ customerId: c.customer.id }),
    observe: listed('contacts', { filtered: true }),
    expect: CONTACT_READERS,
  }),

  row<ContactRow>('Query.careDue', {
    document: `{ careDue(first: 100) { nodes { id } } }`,
    // Never cared for and added long ago: overdue before anything else the role has due, so on the first page.
    target: (w, role, side) => w.contact(role, side, { since: new Date(Date.UTC(2000, 0, 1) + w.next() * 1000).toISOString() }),
    observe: listed('careDue'),
    expect: CONTACT_READERS,
  }),

  row('Query.carePolicies', {
    document: `{ carePolicies { id careLevel } }`,
    observe: nonEmpty('carePolicies'),
    expect: {
      admin: 'OK',
      provinceLeader: 'OK',
      cityLeader: 'OK',
      countyLeader: 'OK',
      industryManager: 'OK',
      accountManager: 'OK',
      gridManager: 'OK',
      supportManager: 'EMPTY',
      opportunityAdmin: 'EMPTY',
      partner: 'EMPTY',
    },
  }),

  row<{ id: string }>('Mutation.createContact', {
    document: `mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.customer(role, side),
    variables: (c, w) => ({ input: { customerId: c.id, name: `矩阵新联系人${w.next()}`, careLevel: 'KEY_PERSON' } }),
    observe: payload('createContact', 'contact'),
    expect: CONTACT_KEEPERS,
  }),

  row<ContactRow>('Mutation.updateContact', {
    document: `mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.contact(role, side),
    variables: (c) => ({ input: { id: c.id, title: '副主任' } }),
    observe: payload('updateContact', 'contact'),
    expect: CONTACT_KEEPERS,
  }),

  row<ContactRow>('Mutation.recordCareActivity', {
    document: `mutation($input: RecordCareActivityInput!) { recordCareActivity(input: $input) { careActivity { id } ${USER_ERRORS} } }`,
    target: (w, role, side) => w.contact(role, side),
    variables: (c) => ({ input: { contactId: c.id, kind: 'VISIT', note: '矩阵拜访' } }),
    observe: payload('recordCareActivity', 'careActivity'),
    expect: CONTACT_KEEPERS,
  }),

  row('Mutation.setCarePolicy', {
    document: `mutation($input: SetCarePolicyInput!) { setCarePolicy(input: $input) { carePolicy { id } ${USER_ERRORS} } }`,
    // The default interval again: allowed calls change nothing another case could see.
    variables: () => ({ input: { careLevel: 'OTHER', intervalDays: 90 } }),
    observe: payload('setCarePolicy', 'carePolicy'),
    expect: {
      admin: 'OK',
      provinceLeader: 'FORBIDDEN',
      cityLeader: 'FORBIDDEN',
      countyLeader: 'FORBIDDEN',
      industryManager: 'FORBIDDEN',
      accountManager: 'FORBIDDEN',
      gridManager: 'FORBIDDEN',
      supportManager: 'FORBIDDEN',
      opportunityAdmin: 'FORBIDDEN',
      partner: 'FORBIDDEN',
    },
  }),
];
