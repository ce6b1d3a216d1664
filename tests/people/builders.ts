import { dataOf, TestApp } from '../support/harness';
import { regionId, staffId } from '../customers/builders';

export { regionId, staffId };

const USER_ERRORS = 'userErrors { code message field }';
let serial = 0;

/** A new user made by the admin through the API; returns their employee number and global id. */
export async function newStaff(t: TestApp, roles: string[], regionCode: string, extra: Record<string, unknown> = {}): Promise<{ employeeNo: string; id: string }> {
  const employeeNo = `people-${process.pid}-${serial++}`;
  const payload = dataOf(
    await t.gql('admin', `mutation($input: CreateStaffInput!) { createStaff(input: $input) { staff { id employeeNo } ${USER_ERRORS} } }`, {
      input: { employeeNo, name: `新人${serial}`, roles, regionId: await regionId(t, regionCode), ...extra },
    }),
  ).createStaff;
  if (payload.userErrors.length) throw new Error(JSON.stringify(payload.userErrors));
  return { employeeNo, id: payload.staff.id };
}

export const DEACTIVATE = `mutation($input: DeactivateStaffInput!) { deactivateStaff(input: $input) {
  staff { id active } handover { customers opportunities approvalSteps delegations complaints } ${USER_ERRORS} } }`;

export function deactivateRaw(t: TestApp, as: string, id: string, handover: Record<string, string | null>) {
  return t.gql(as, DEACTIVATE, { input: { id, handover } });
}

export async function deactivate(t: TestApp, id: string, handover: Record<string, string | null>) {
  return dataOf(await deactivateRaw(t, 'admin', id, handover)).deactivateStaff;
}

/** Every foreign-key column pointing at `table` (information_schema), so a table added later is covered too. */
export async function foreignKeysTo(t: TestApp, table: string): Promise<{ table: string; column: string }[]> {
  return t.db.query(
    `SELECT kcu.table_name AS "table", kcu.column_name AS "column"
     FROM information_schema.referential_constraints rc
     JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema
     JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.unique_constraint_name AND ccu.constraint_schema = rc.unique_constraint_schema
     WHERE ccu.table_name = $1 AND kcu.constraint_schema = 'public'
     ORDER BY 1, 2`,
    [table],
  );
}
