import type { DataSource, EntityManager } from 'typeorm';
import type { Context } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { Page, PageArgs, pageSize } from '../../platform/graphql/connection';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import { readTable, SheetLimits, sniffFormat } from '../../platform/files/spreadsheet';
import type { Logger } from '../../platform/logger';
import { contactImport, ImportedContact } from '../contacts/contact-import';
import { customerImport, ImportedCustomer } from '../customers/customer-import';
import { businessToday } from '../opportunities/business-date';
import { exchangePolicy } from './exchange.policy';
import { ImportKind, ImportRowStatus, ImportState } from './exchange.enums';
import { ImportJobEntity } from './import-job.entity';
import { ImportRowEntity } from './import-row.entity';
import { CONTACT_COLUMNS, CUSTOMER_COLUMNS, matchHeaders } from './import-columns';
import { CheckedRow, checkContactRows, checkCustomerRows, FileRow, Seen } from './row-checks';

/*
 * 批量导入 (issue 17): a dry run reads the whole file, checks every row and
 * keeps the per-row report — in one transaction, so a file found malformed
 * half-way leaves nothing behind. Committing writes the valid rows in batches,
 * one transaction each, that also mark their rows CREATED; a commit stopped
 * anywhere (a restart, a crash) resumes with the rows still VALID.
 */

export interface ImportLimits extends SheetLimits {
  /** Rows written per transaction. */
  batchRows: number;
  /** Batches in flight at once. */
  workers: number;
}

/** Rows checked per lookup statement during the dry run. */
const CHECK_CHUNK = 1000;

async function storeRows(tx: EntityManager, jobId: string, rows: CheckedRow<unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO import_row (job_id, line, status, problems, data)
     SELECT $1, r.line, r.status::import_row_status, r.problems, r.data FROM jsonb_to_recordset($2::jsonb) AS r(line int, status text, problems jsonb, data jsonb)`,
    [jobId, JSON.stringify(rows)],
  );
}

export const importService = {
  /** The dry run: a job in VALIDATED with its report, or FileRefused (thrown, nothing written). */
  async dryRun(ctx: Context, kind: ImportKind, path: string, fileName: string | null, limits: ImportLimits): Promise<ImportJobEntity> {
    if (!exchangePolicy.mayImport(ctx.viewer)) throw forbidden('Only administrators, and city leaders for their region, import data');
    const format = await sniffFormat(path);
    const today = businessToday();
    return ctx.db.transaction(async (tx) => {
      const repo = tx.getRepository(ImportJobEntity);
      const job = await repo.save(repo.create({ kind, state: ImportState.VALIDATED, format, fileName, createdById: ctx.viewer.staffId, rowsTotal: 0, rowsValid: 0, rowsInvalid: 0, rowsDuplicate: 0 }));
      const counts = { rowsTotal: 0, rowsValid: 0, rowsInvalid: 0, rowsDuplicate: 0 };
      const seen: Seen = new Map();
      let chunk: FileRow<string>[] = [];
      const flush = async () => {
        const checked: CheckedRow<unknown>[] =
          kind === ImportKind.CUSTOMERS ? await checkCustomerRows(tx, ctx.viewer, chunk as FileRow<never>[], seen) : await checkContactRows(tx, ctx.viewer, chunk as FileRow<never>[], seen, today);
        for (const row of checked) {
          counts.rowsTotal += 1;
          if (row.status === ImportRowStatus.VALID) counts.rowsValid += 1;
          else if (row.status === ImportRowStatus.DUPLICATE) counts.rowsDuplicate += 1;
          else counts.rowsInvalid += 1;
        }
        await storeRows(tx, job.id, checked);
        chunk = [];
      };
      const columns = matchHeaders<string>(kind === ImportKind.CUSTOMERS ? CUSTOMER_COLUMNS : CONTACT_COLUMNS);
      for await (const row of readTable(path, limits, columns)) {
        chunk.push(row);
        if (chunk.length >= CHECK_CHUNK) await flush();
      }
      await flush();
      await repo.update({ id: job.id }, counts);
      return repo.findOneByOrFail({ id: job.id });
    });
  },

  /** An import job the viewer may see (their own; admins all), or null. */
  async find(ctx: Context, id: string): Promise<ImportJobEntity | null> {
    const uuid = uuidOf(id, 'ImportJob');
    if (!uuid) return null;
    const scope = exchangePolicy.readImportJob('j', ctx.viewer);
    return ctx.db.getRepository(ImportJobEntity).createQueryBuilder('j').where('j.id = :uuid', { uuid }).andWhere(scope.sql, scope.params).getOne();
  },

  async byIds(ctx: Context, ids: readonly string[]): Promise<(ImportJobEntity | null)[]> {
    const scope = exchangePolicy.readImportJob('j', ctx.viewer);
    const rows = await ctx.db
      .getRepository(ImportJobEntity)
      .createQueryBuilder('j')
      .where('j.id IN (:...ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  },

  /**
   * Starts (or resumes) writing a dry run's valid rows: VALIDATED or FAILED →
   * COMMITTING, then the batches run in the background (runImportJob);
   * progress is the job's rowsDone. A job already committing is resumed here
   * too, in case no instance is working on it.
   */
  async commit(ctx: Context, id: string, run: (jobId: string) => void): Promise<Result<ImportJobEntity>> {
    if (!exchangePolicy.mayImport(ctx.viewer)) throw forbidden('Only administrators, and city leaders for their region, import data');
    const job = await importService.find(ctx, id);
    if (!job) return fail(UserErrorCode.NOT_FOUND, 'Import job not found', 'id');
    if (job.state === ImportState.COMMITTED) return fail(UserErrorCode.INVALID_TRANSITION, 'This import is already committed', 'id');
    // Rows refused by the dry run are done from the start: nothing to write for them.
    await ctx.db.query(
      `UPDATE import_job SET state = 'COMMITTING', failure = NULL, updated_at = now(), rows_done = CASE WHEN state = 'VALIDATED' THEN rows_invalid + rows_duplicate ELSE rows_done END
       WHERE id = $1 AND state IN ('VALIDATED', 'FAILED', 'COMMITTING')`,
      [job.id],
    );
    run(job.id);
    return ok(await ctx.db.getRepository(ImportJobEntity).findOneByOrFail({ id: job.id }));
  },

  /** The per-row report in file order, from `after` on (keyset on the line). */
  async rows(ctx: Context, job: ImportJobEntity, statuses: ImportRowStatus[] | null, args: PageArgs): Promise<Page<ImportRowEntity>> {
    const { size } = pageSize({ first: args.first, after: args.after });
    const after = args.after
      ? Number(
          Buffer.from(args.after, 'base64')
            .toString('utf8')
            .replace(/^line:/, ''),
        )
      : 0;
    const query = ctx.db.getRepository(ImportRowEntity).createQueryBuilder('r').where('r.job_id = :job', { job: job.id });
    if (statuses?.length) query.andWhere('r.status IN (:...statuses)', { statuses });
    const count = () => query.clone().getCount();
    const rows = await query
      .clone()
      .andWhere('r.line > :after', { after: Number.isFinite(after) ? after : 0 })
      .orderBy('r.line', 'ASC')
      .take(size + 1)
      .getMany();
    const edges = rows.slice(0, size).map((row) => ({ cursor: Buffer.from(`line:${row.line}`).toString('base64'), node: row }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > size, hasPreviousPage: after > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      count,
    };
  },
};

/**
 * Writes one batch of a committing job: claims the next VALID rows no other
 * worker holds (FOR UPDATE SKIP LOCKED), writes them and marks them CREATED
 * in one transaction. False when there is nothing left for this worker; the
 * worker that finds no VALID row at all marks the job COMMITTED.
 */
async function commitBatch(tx: EntityManager, jobId: string, batchRows: number): Promise<boolean> {
  const [job]: { state: ImportState; kind: ImportKind; created_by_id: string }[] = await tx.query(`SELECT state, kind, created_by_id FROM import_job WHERE id = $1`, [jobId]);
  if (!job || job.state !== ImportState.COMMITTING) return false;
  const rows: { line: number; data: Record<string, unknown> }[] = await tx.query(
    `SELECT line, data FROM import_row WHERE job_id = $1 AND status = 'VALID' ORDER BY line LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [jobId, batchRows],
  );
  if (rows.length === 0) {
    // Rows another worker is writing are still VALID: that worker finishes the job.
    await tx.query(
      `UPDATE import_job SET state = 'COMMITTED', committed_at = now(), updated_at = now()
       WHERE id = $1 AND state = 'COMMITTING' AND NOT EXISTS (SELECT 1 FROM import_row WHERE job_id = $1 AND status = 'VALID')`,
      [jobId],
    );
    return false;
  }
  // Someone may have added the same customer or contact since the dry run: those rows are skipped, never written twice.
  const taken = new Set<number>();
  if (job.kind === ImportKind.CUSTOMERS) {
    const data = rows.map((row) => ({ line: row.line, customer: row.data as unknown as ImportedCustomer }));
    const byCredit = await customerImport.byCreditCodes(
      tx,
      data.flatMap((d) => (d.customer.creditCode ? [d.customer.creditCode] : [])),
    );
    const byName = await customerImport.byNamesInRegions(
      tx,
      data.map((d) => ({ regionId: d.customer.regionId, name: d.customer.name })),
    );
    for (const d of data) if ((d.customer.creditCode && byCredit.has(d.customer.creditCode)) || byName.has(customerImport.key(d.customer.regionId, d.customer.name))) taken.add(d.line);
    await customerImport.insert(
      tx,
      data.filter((d) => !taken.has(d.line)).map((d) => d.customer),
      job.created_by_id,
    );
  } else {
    const data = rows.map((row) => ({ line: row.line, contact: row.data as unknown as ImportedContact }));
    const existing = await contactImport.byNamesAtCustomers(
      tx,
      data.map((d) => ({ customerId: d.contact.customerId, name: d.contact.name })),
    );
    for (const d of data) if (existing.has(contactImport.key(d.contact.customerId, d.contact.name))) taken.add(d.line);
    await contactImport.insert(
      tx,
      data.filter((d) => !taken.has(d.line)).map((d) => d.contact),
    );
  }
  const created = rows.filter((row) => !taken.has(row.line)).map((row) => row.line);
  await tx.query(
    `UPDATE import_row SET status = CASE WHEN line = ANY($2::int[]) THEN 'SKIPPED'::import_row_status ELSE 'CREATED'::import_row_status END,
            created_id = CASE WHEN line = ANY($2::int[]) THEN NULL ELSE (data->>'id')::uuid END,
            problems = CASE WHEN line = ANY($2::int[]) THEN '[{"field":"","code":"DUPLICATE_EXISTING","message":"Added by someone else after the dry run"}]'::jsonb ELSE problems END
     WHERE job_id = $1 AND line = ANY($3::int[])`,
    [jobId, [...taken], rows.map((row) => row.line)],
  );
  await tx.query(`UPDATE import_job SET rows_done = rows_done + $2, rows_created = rows_created + $3, updated_at = now() WHERE id = $1`, [jobId, rows.length, created.length]);
  return true;
}

/** Jobs this process is writing now: a second request to run one is ignored here (another instance's workers skip the rows this one holds). */
const running = new Set<string>();

/**
 * Writes a committing job with `workers` batches in flight at once (each its
 * own transaction and connection) until no row is left. `maxBatches` stops
 * each worker early, as a restart would (the tests use it). An error marks
 * the job FAILED with its message; commitImport resumes it.
 */
export async function runImportJob(db: DataSource, jobId: string, log: Logger, options: { batchRows: number; workers?: number; maxBatches?: number }): Promise<void> {
  if (running.has(jobId)) return;
  running.add(jobId);
  const worker = async () => {
    try {
      for (let batch = 0; options.maxBatches === undefined || batch < options.maxBatches; batch++) {
        if (!(await db.transaction((tx) => commitBatch(tx, jobId, options.batchRows)))) break;
      }
    } catch (error) {
      // FAILED at once, so the other workers stop at their next batch.
      log.error({ err: error, jobId }, 'import commit failed');
      await db
        .query(`UPDATE import_job SET state = 'FAILED', failure = $2, updated_at = now() WHERE id = $1 AND state = 'COMMITTING'`, [jobId, String((error as Error).message).slice(0, 1000)])
        .catch(() => undefined);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.workers ?? 1) }, worker));
  } finally {
    running.delete(jobId);
  }
}

/** On start-up: every job left committing (a restart stopped it) is taken up again, one after the other. */
export async function resumeImports(db: DataSource, log: Logger, options: { batchRows: number; workers: number }): Promise<void> {
  try {
    const jobs: { id: string }[] = await db.query(`SELECT id FROM import_job WHERE state = 'COMMITTING' ORDER BY created_at`);
    for (const job of jobs) {
      log.info({ jobId: job.id }, 'resuming import');
      await runImportJob(db, job.id, log, options);
    }
  } catch (error) {
    log.warn({ err: (error as Error).message }, 'could not resume imports');
  }
}
