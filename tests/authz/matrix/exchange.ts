import { everyRole, Expectations, payload, Row, row, SCOPED, single } from '../engine';
import { SCOPES, Side } from '../roles';
import { gid, World } from '../world';

/**
 * Bulk import (issue 17): an import job is its uploader's (admins see all);
 * committing one is for admins and city leaders (exchange.policy.ts). The
 * uploads and exports themselves are REST routes beside /graphql, tested in
 * tests/exchange; live subscriptions in tests/live.
 */
const me = (role: keyof typeof SCOPES) => SCOPES[role].employeeNo ?? 'admin';

/** A dry-run job with no rows, uploaded by the role's user (in) or by a leader of another province (out). */
export async function importJobOf(w: World, role: keyof typeof SCOPES, side: Side): Promise<{ id: string }> {
  const [job] = await w.q(
    `INSERT INTO import_job (kind, state, format, created_by_id, rows_total, rows_valid, rows_invalid, rows_duplicate) VALUES ('CUSTOMERS', 'VALIDATED', 'CSV', $1, 0, 0, 0, 0) RETURNING id`,
    [w.staffUuid(side === 'in' ? me(role) : 'gs-leader')],
  );
  return { id: gid('ImportJob', job.id) };
}

/** Readable by whoever uploaded it, and admins. */
export const IMPORT_JOB_SCOPE: Expectations = { ...everyRole(SCOPED), admin: 'OK' };

/** A finished export job of the role's user (in) or of a leader of another province (out); no file behind it. */
export async function exportJobOf(w: World, role: keyof typeof SCOPES, side: Side): Promise<{ id: string }> {
  const [job] = await w.q(
    `INSERT INTO export_job (list, format, variables, state, created_by_id, heartbeat_at, expires_at) VALUES ('pipeline', 'CSV', '{}', 'DONE', $1, now(), now() + interval '1 day') RETURNING id`,
    [w.staffUuid(side === 'in' ? me(role) : 'gs-leader')],
  );
  return { id: gid('ExportJob', job.id) };
}

export const exchangeRows: Row[] = [
  row('Query.exportJob', {
    document: `query($id: ID!) { exportJob(id: $id) { id state } }`,
    target: exportJobOf,
    variables: (job) => ({ id: job.id }),
    observe: single('exportJob'),
    expect: IMPORT_JOB_SCOPE,
  }),

  // The pipeline: a list every role may read (a partner's is its own reports), so every role may start it.
  row('Mutation.startExport', {
    document: `mutation($input: StartExportInput!) { startExport(input: $input) { exportJob { id } userErrors { code message field } } }`,
    variables: () => ({ input: { list: 'pipeline', format: 'CSV' } }),
    observe: payload('startExport', 'exportJob'),
    expect: everyRole('OK'),
  }),

  row('Query.importJob', {
    document: `query($id: ID!) { importJob(id: $id) { id state } }`,
    target: importJobOf,
    variables: (job) => ({ id: job.id }),
    observe: single('importJob'),
    expect: IMPORT_JOB_SCOPE,
  }),

  row('Mutation.commitImport', {
    document: `mutation($input: CommitImportInput!) { commitImport(input: $input) { importJob { id } userErrors { code message field } } }`,
    target: importJobOf,
    variables: (job) => ({ input: { id: job.id } }),
    observe: payload('commitImport', 'importJob'),
    expect: { ...everyRole('FORBIDDEN'), admin: 'OK', cityLeader: SCOPED },
  }),
];
