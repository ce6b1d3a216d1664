import { dataOf, TestApp } from '../support/harness';

/** Builders for relationship tests: people's global ids and relationships made through the API. */
export const REL_FIELDS = `id type strength since note recordedBy { employeeNo }
  from { __typename ... on Staff { employeeNo } ... on Contact { name } ... on RestrictedPerson { id } }
  to { __typename ... on Staff { employeeNo } ... on Contact { name } ... on RestrictedPerson { id } }`;

export const ADD = `mutation($input: AddRelationshipInput!) { addRelationship(input: $input) { relationship { ${REL_FIELDS} } userErrors { code message field } } }`;
export const REMOVE = `mutation($input: RemoveRelationshipInput!) { removeRelationship(input: $input) { removedId userErrors { code message field } } }`;

export async function staffGid(t: TestApp, employeeNo: string): Promise<string> {
  const [row] = await t.db.query('SELECT id FROM staff WHERE employee_no = $1', [employeeNo]);
  return Buffer.from(`Staff:${row.id}`).toString('base64');
}

export async function add(t: TestApp, as: string, input: Record<string, unknown>) {
  return dataOf(await t.gql(as, ADD, { input: { type: 'KNOWS', strength: 3, ...input } })).addRelationship;
}

export async function mustAdd(t: TestApp, as: string, input: Record<string, unknown>) {
  const payload = await add(t, as, input);
  if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
  return payload.relationship;
}

/** Describes a person as the tests compare them: employee number, contact name, or 'hidden'. */
export function who(person: { __typename: string; employeeNo?: string; name?: string }): string {
  return person.__typename === 'Staff' ? person.employeeNo! : person.__typename === 'Contact' ? person.name! : 'hidden';
}
