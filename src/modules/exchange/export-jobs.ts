import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { EntityManager } from 'typeorm';
import type { Context } from '../../platform/context';
import { forbidden } from '../../platform/graphql/errors';
import { uuidOf } from '../../platform/graphql/node-id';
import { fail, ok, Result, UserErrorCode } from '../../platform/graphql/user-error';
import { ExportRefused, exportRows, writeCsv, writeXlsx } from '../../platform/files/table-export';
import type { ScheduledCheck } from '../../platform/live/scheduler';
import { exchangePolicy } from './exchange.policy';
import { ExportFormat, ExportState } from './exchange.enums';
import { ExportJobEntity } from './export-job.entity';
import { EXPORT_LISTS } from './export-lists';

/*
 * 导出任务 — exports too large to wait for: the same list, read the same way
 * as GET /export (as the viewer who started it, page by page), written to a
 * file in the background and kept for download until it expires.
 */

/** A running job whose rows have not moved for this long lost its server. */
const INTERRUPTED_AFTER_MS = 2 * 60 * 1000;
const HEARTBEAT_ROWS = 1000;

export const exportFile = (dir: string, job: { id: string; format: string }) => path.join(dir, `${job.id}.${job.format.toLowerCase()}`);

/** The state as clients see it: a RUNNING job whose heartbeat stopped was interrupted. */
export function effectiveState(job: ExportJobEntity, now = Date.now()): { state: ExportState; failure: string | null } {
  if (job.state === ExportState.RUNNING && now - new Date(job.heartbeatAt).getTime() > INTERRUPTED_AFTER_MS) {
    return { state: ExportState.FAILED, failure: 'Interrupted: the server writing it stopped. Start the export again.' };
  }
  return { state: job.state, failure: job.failure };
}

async function write(ctx: Context, job: ExportJobEntity, rows: AsyncGenerator<unknown[]>, first: IteratorResult<unknown[]>): Promise<void> {
  const list = EXPORT_LISTS[job.list];
  const file = exportFile(ctx.config.exports.dir, job);
  let written = 0;
  async function* counted() {
    if (!first.done) {
      written += 1;
      yield first.value;
    }
    for await (const row of rows) {
      yield row;
      if (++written % HEARTBEAT_ROWS === 0) await ctx.db.query(`UPDATE export_job SET rows_written = $2, heartbeat_at = now() WHERE id = $1`, [job.id, written]);
    }
  }
  try {
    await fs.mkdir(ctx.config.exports.dir, { recursive: true });
    const out = createWriteStream(file);
    const done = finished(out);
    await (job.format === ExportFormat.CSV ? writeCsv(out, list, counted()) : writeXlsx(out, list, counted()));
    await done;
    const { size } = await fs.stat(file);
    await ctx.db.query(`UPDATE export_job SET state = 'DONE', rows_written = $2, file_bytes = $3, finished_at = now(), heartbeat_at = now() WHERE id = $1`, [job.id, written, size]);
    ctx.log.info({ exportJob: job.id, list: job.list, rows: written, bytes: size }, 'export job done');
  } catch (error) {
    ctx.log.error({ err: error, exportJob: job.id }, 'export job failed');
    await fs.rm(file, { force: true });
    await ctx.db.query(`UPDATE export_job SET state = 'FAILED', failure = $2, finished_at = now() WHERE id = $1`, [job.id, String((error as Error).message).slice(0, 1000)]).catch(() => undefined);
  }
}

export const exportJobs = {
  /** Checks the list and its variables by reading the first page, then writes the rest in the background. */
  async start(ctx: Context, input: { list: string; format: ExportFormat; variables?: string | null }): Promise<Result<ExportJobEntity>> {
    const list = EXPORT_LISTS[input.list];
    if (!list) return fail(UserErrorCode.VALIDATION, `Export one of ${Object.keys(EXPORT_LISTS).join(', ')}`, 'list');
    let variables: Record<string, unknown> = {};
    try {
      if (input.variables) variables = JSON.parse(input.variables);
      if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) throw new Error('not an object');
    } catch {
      return fail(UserErrorCode.VALIDATION, '`variables` must be a JSON object', 'variables');
    }
    const run = ctx.execute;
    if (!run) throw new Error('exports need a request context that can run queries');
    const rows = exportRows(list, variables, (v) => run(list.document, v));
    let first: IteratorResult<unknown[]>;
    try {
      first = await rows.next();
    } catch (error) {
      if (!(error instanceof ExportRefused)) throw error;
      if (error.code === 'FORBIDDEN') throw forbidden(error.message);
      return fail(UserErrorCode.VALIDATION, error.message, 'variables');
    }
    const repo = ctx.db.getRepository(ExportJobEntity);
    const job = await repo.save(
      repo.create({
        list: input.list,
        format: input.format,
        variables,
        state: ExportState.RUNNING,
        createdById: ctx.viewer.staffId,
        heartbeatAt: new Date(),
        expiresAt: new Date(Date.now() + ctx.config.exports.keepHours * 3_600_000),
      }),
    );
    void write(ctx, job, rows as AsyncGenerator<unknown[]>, first);
    return ok(job);
  },

  async byIds(ctx: Context, ids: readonly string[]): Promise<(ExportJobEntity | null)[]> {
    const scope = exchangePolicy.readOwnJob('j', ctx.viewer);
    const rows = await ctx.db
      .getRepository(ExportJobEntity)
      .createQueryBuilder('j')
      .where('j.id IN (:...ids)', { ids: [...ids] })
      .andWhere(scope.sql, scope.params)
      .getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  },

  async find(ctx: Context, id: string): Promise<ExportJobEntity | null> {
    const uuid = uuidOf(id, 'ExportJob');
    return uuid ? ((await exportJobs.byIds(ctx, [uuid]))[0] ?? null) : null;
  },

  /** The finished file to send, or why not. */
  async download(ctx: Context, id: string): Promise<{ stream: NodeJS.ReadableStream; job: ExportJobEntity } | { status: number; code: string; message: string }> {
    const job = await exportJobs.find(ctx, id);
    if (!job) return { status: 404, code: 'NOT_FOUND', message: 'Export job not found' };
    const { state } = effectiveState(job);
    if (state !== ExportState.DONE) return { status: 409, code: 'NOT_READY', message: `The export is ${state}` };
    const file = exportFile(ctx.config.exports.dir, job);
    try {
      await fs.access(file);
    } catch {
      return { status: 404, code: 'NOT_FOUND', message: 'The file is not on this server: EXPORT_DIR must be shared by the instances' };
    }
    return { stream: createReadStream(file), job };
  },
};

/** Expired export files are deleted (the folder is shared, so once across instances) and their jobs say EXPIRED. */
export function expiredExportsCheck(dir: string): ScheduledCheck {
  return {
    name: 'expired exports',
    async run(tx: EntityManager): Promise<number> {
      const [rows] = await tx.query(`UPDATE export_job SET state = 'EXPIRED' WHERE state IN ('DONE', 'FAILED', 'RUNNING') AND expires_at < now() RETURNING id, format`);
      for (const job of rows as { id: string; format: string }[]) await fs.rm(exportFile(dir, job), { force: true });
      return 0;
    },
  };
}
