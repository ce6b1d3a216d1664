import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request, Response, Router } from 'express';
import type { Config } from '../../platform/config';
import { FileRefused } from '../../platform/files/spreadsheet';
import { toGlobalId } from '../../platform/graphql/node-id';
import type { Logger } from '../../platform/logger';
import type { AuthenticatedRoutes } from '../../platform/server';
import { ImportKind } from './exchange.enums';
import { ImportJobEntity } from './import-job.entity';
import { importService } from './import.service';
import { exportRoute } from './export.routes';
import { exportJobs } from './export-jobs';
import { EXPORT_CONTENT_TYPES } from '../../platform/files/table-export';
import { sendError, sendThrown } from './http-answers';

/*
 * Files in and out, beside /graphql with the same bearer token (docs/api.md:
 * Import and export). Uploads are a raw request body — the CSV or XLSX file
 * itself, no multipart — so any HTTP client, curl included, sends one with
 * `--data-binary @file`; the dry run's job is then followed and committed
 * through GraphQL (importJob, commitImport).
 */

const KINDS: Record<string, ImportKind> = { customers: ImportKind.CUSTOMERS, contacts: ImportKind.CONTACTS };

export function importJobJson(job: ImportJobEntity) {
  return {
    id: toGlobalId('ImportJob', job.id),
    kind: job.kind,
    state: job.state,
    format: job.format,
    fileName: job.fileName,
    rowsTotal: job.rowsTotal,
    rowsValid: job.rowsValid,
    rowsInvalid: job.rowsInvalid,
    rowsDuplicate: job.rowsDuplicate,
  };
}

/** Saves the request body to `file`, refusing it past `maxBytes` (by Content-Length at once, else as it streams). */
async function receive(req: Request, file: string, maxBytes: number): Promise<void> {
  const declared = Number(req.header('content-length') ?? NaN);
  if (declared > maxBytes) throw new FileRefused('FILE_TOO_LARGE', `The file is larger than ${maxBytes} bytes`);
  let received = 0;
  await pipeline(
    req,
    async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        received += chunk.length;
        if (received > maxBytes) throw new FileRefused('FILE_TOO_LARGE', `The file is larger than ${maxBytes} bytes`);
        yield chunk;
      }
    },
    createWriteStream(file),
  );
}

export function exchangeRoutes(config: Config, log: Logger) {
  return (router: Router, auth: AuthenticatedRoutes): void => {
    /** POST /import/customers | /import/contacts — the dry run. */
    router.post('/import/:kind', async (req: Request, res: Response) => {
      const kind = KINDS[String(req.params.kind)];
      if (!kind) return sendError(res, 404, 'NOT_FOUND', 'Import customers or contacts: POST /import/customers or /import/contacts');
      let ctx;
      try {
        ctx = await auth.context(req);
      } catch (error) {
        res.setHeader('connection', 'close');
        return sendThrown(res, error, log);
      }
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'crm-import-'));
      const file = path.join(dir, 'upload');
      try {
        await receive(req, file, config.imports.maxBytes);
        const fileName = typeof req.query.filename === 'string' ? req.query.filename.slice(0, 255) : null;
        const job = await importService.dryRun(ctx, kind, file, fileName, config.imports);
        const problems = await ctx.db.query(
          `SELECT r.line, p.field, p.code, p.message FROM import_row r, jsonb_to_recordset(r.problems) AS p(field text, code text, message text)
           WHERE r.job_id = $1 ORDER BY r.line LIMIT 100`,
          [job.id],
        );
        res.status(201).json({ importJob: { ...importJobJson(job), problems } });
      } catch (error) {
        if (error instanceof FileRefused) {
          if (error.code === 'FILE_TOO_LARGE') res.setHeader('connection', 'close');
          sendError(res, error.code === 'FILE_TOO_LARGE' ? 413 : 400, error.code, error.message);
        } else sendThrown(res, error, log);
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });

    /** GET /export/jobs/<id> — the file of a finished export job (exportJob.downloadPath). */
    router.get('/export/jobs/:id', async (req: Request, res: Response) => {
      try {
        const ctx = await auth.context(req);
        const found = await exportJobs.download(ctx, String(req.params.id));
        if ('status' in found) return sendError(res, found.status, found.code, found.message);
        const format = found.job.format.toLowerCase() as 'csv' | 'xlsx';
        res.setHeader('content-type', EXPORT_CONTENT_TYPES[format]);
        res.setHeader('content-disposition', `attachment; filename="${found.job.list}.${format}"`);
        res.setHeader('cache-control', 'no-store');
        await pipeline(found.stream, res);
      } catch (error) {
        sendThrown(res, error, log);
      }
    });

    router.get('/export/:list', exportRoute(auth, log));
  };
}
