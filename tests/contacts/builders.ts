import { expect } from '@jest/globals';
import { dataOf, TestApp } from '../support/harness';
import { mustCreateCustomer } from '../customers/builders';

/** Small builders for contact tests: contacts and care records made through the API. */
export const CONTACT_FIELDS = 'id name title department careLevel decisionRole attitude mobile email birthday note version reportsTo { id name } customer { id }';

export const CREATE_CONTACT = `mutation($input: CreateContactInput!) { createContact(input: $input) { contact { ${CONTACT_FIELDS} } userErrors { code message field } } }`;
export const UPDATE_CONTACT = `mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { ${CONTACT_FIELDS} } userErrors { code message field } } }`;
export const RECORD_CARE = `mutation($input: RecordCareActivityInput!) { recordCareActivity(input: $input) { careActivity { id kind occurredAt note cost recordedBy { employeeNo } contact { id } } userErrors { code message field } } }`;
export const SET_POLICY = `mutation($input: SetCarePolicyInput!) { setCarePolicy(input: $input) { carePolicy { careLevel intervalDays birthdayWindowDays dueSoonDays updatedBy { employeeNo } } userErrors { code message field } } }`;

/** A customer in 西安 managed by xa-am1 (city-managed, government), made by its account manager. */
export function xianCustomer(t: TestApp, name = '西安市教育局') {
  return mustCreateCustomer(t, 'xa-am1', { name });
}

export async function createContact(t: TestApp, as: string, input: Record<string, unknown>) {
  return dataOf(await t.gql(as, CREATE_CONTACT, { input: { name: '张伟', careLevel: 'KEY_PERSON', ...input } })).createContact;
}

export async function mustCreateContact(t: TestApp, as: string, input: Record<string, unknown>) {
  const payload = await createContact(t, as, input);
  expect(payload.userErrors).toEqual([]);
  return payload.contact;
}

export async function recordCare(t: TestApp, as: string, input: Record<string, unknown>) {
  return dataOf(await t.gql(as, RECORD_CARE, { input: { kind: 'VISIT', ...input } })).recordCareActivity;
}

export async function mustRecordCare(t: TestApp, as: string, input: Record<string, unknown>) {
  const payload = await recordCare(t, as, input);
  expect(payload.userErrors).toEqual([]);
  return payload.careActivity;
}

/** Freezes `Date` only (timers, I/O and the database keep running), so care status is read at a known instant. */
export function freezeClock(at: Date = new Date()): Date {
  jest.useFakeTimers({
    now: at,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  return at;
}

export const DAY = 24 * 60 * 60 * 1000;

/** The database uuid behind a global id, for checking what was (not) written. */
export const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1];
