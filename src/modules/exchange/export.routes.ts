import type { Request, Response } from 'express';
import { EXPORT_CONTENT_TYPES, ExportFormat, ExportRefused, exportRows, writeCsv, writeXlsx } from '../../platform/files/table-export';
import type { Logger } from '../../platform/logger';
import type { AuthenticatedRoutes } from '../../platform/server';
import { EXPORT_LISTS } from './export-lists';
import { httpStatusOf, sendError, sendThrown } from './http-answers';

/**
 * GET /export/<list>.<csv|xlsx>?variables=<JSON> — one of EXPORT_LISTS,
 * streamed as it is read. `variables` are the list query's own (a filter,
 * `withinDays`, a period). The first page is read before anything is sent,
 * so a bad filter or a refused report answers with an error, not a broken file.
 */
export function exportRoute(auth: AuthenticatedRoutes, log: Logger) {
  return async (req: Request, res: Response) => {
    const match = /^([a-z-]+)\.(csv|xlsx)$/.exec(String(req.params.list));
    const list = match ? EXPORT_LISTS[match[1]] : undefined;
    if (!match || !list) return sendError(res, 404, 'NOT_FOUND', `Export one of ${Object.keys(EXPORT_LISTS).join(', ')} as .csv or .xlsx`);
    const format = match[2] as ExportFormat;
    let variables: Record<string, unknown> = {};
    try {
      if (typeof req.query.variables === 'string' && req.query.variables) variables = JSON.parse(req.query.variables);
      if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) throw new Error('not an object');
    } catch {
      return sendError(res, 400, 'BAD_USER_INPUT', '`variables` must be a JSON object');
    }
    let ctx;
    try {
      ctx = await auth.context(req);
    } catch (error) {
      return sendThrown(res, error, log);
    }
    const run = ctx.execute!;
    const rows = exportRows(list, variables, (v) => run(list.document, v));
    let first: IteratorResult<unknown[]>;
    try {
      first = await rows.next();
    } catch (error) {
      if (error instanceof ExportRefused) {
        return sendError(res, httpStatusOf(error.code), error.code, error.message);
      }
      return sendThrown(res, error, log);
    }
    async function* all() {
      if (!first.done) yield first.value;
      yield* rows;
    }
    const fileName = `${list.name}-${new Date().toISOString().slice(0, 10)}.${format}`;
    res.status(200);
    res.setHeader('content-type', EXPORT_CONTENT_TYPES[format]);
    res.setHeader('content-disposition', `attachment; filename="${match[1]}.${format}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    res.setHeader('cache-control', 'no-store');
    let stopped = false;
    res.on('close', () => {
      stopped = !res.writableFinished;
      if (stopped) void rows.return(undefined);
    });
    try {
      const count = format === 'csv' ? await writeCsv(res, list, all()) : await writeXlsx(res, list, all());
      ctx.log.info({ list: match[1], format, rows: count }, 'export');
    } catch (error) {
      if (!stopped) ctx.log.error({ err: error, list: match[1] }, 'export failed mid-stream');
      res.destroy();
    }
  };
}
