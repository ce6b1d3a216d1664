import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { GraphQLFormattedError } from 'graphql';

/*
 * Exports as tables, streamed: rows are read a page at a time through the
 * API itself (a GraphQL document run as the viewer, so scope, masking and
 * redaction are exactly what the API shows them) and written out as they
 * come, so memory stays flat however long the list. Knows no domain: the
 * modules describe their lists (document, where the rows are, columns).
 */

/** One row of a query's result: its shape is the document's selection, written beside the columns that read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a GraphQL result's shape is known from its document, not from a TypeScript type.
export type ResultRow = any;

export interface ExportColumn {
  /** Column header as people read it (Chinese in this app). */
  header: string;
  value: (row: ResultRow) => unknown;
}

export interface ExportList {
  /** A query; when `paged`, it takes `$first: Int` and `$after: String` for the connection at `path`. */
  document: string;
  /** Where the rows are in `data`: a connection's `nodes` when paged (its `pageInfo` beside them), else a list. */
  path: string[];
  paged: boolean;
  columns: ExportColumn[];
  /** The file's and the sheet's name. */
  name: string;
}

export type ExportFormat = 'csv' | 'xlsx';

/** What running one page gives back (errors as the API formats them). */
export interface ExportPage {
  data?: unknown;
  errors?: readonly GraphQLFormattedError[];
}

/** A refused export (bad variables, an error from the API): the client gets this message and code. */
export class ExportRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const PAGE = 100;

function at(data: unknown, path: string[]): ResultRow {
  return path.reduce((value: ResultRow, key) => (value == null ? value : value[key]), data);
}

/** Every row of the list, page by page; `run` executes the document with the given variables, as the viewer, with fresh loaders each time. */
export async function* exportRows(list: ExportList, variables: Record<string, unknown>, run: (variables: Record<string, unknown>) => Promise<ExportPage>): AsyncGenerator<unknown[]> {
  let after: string | null = null;
  for (;;) {
    const result = await run(list.paged ? { ...variables, first: PAGE, after } : variables);
    if (result.errors?.length) {
      const code = String(result.errors[0].extensions?.code ?? 'BAD_USER_INPUT');
      throw new ExportRefused(code, result.errors.map((e) => e.message).join('; '));
    }
    const found = at(result.data, list.path);
    const rows: unknown[] = list.paged ? (found?.nodes ?? []) : (found ?? []);
    for (const row of rows) yield list.columns.map((column) => column.value(row));
    if (!list.paged || !found?.pageInfo?.hasNextPage) return;
    after = found.pageInfo.endCursor;
  }
}

/** One CSV cell: quoted when it must be; a cell a spreadsheet would run as a formula kept as text. */
export function csvCell(value: unknown): string {
  if (value == null) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  // A cell a spreadsheet would run as a formula (CSV injection) is kept as text.
  if (/^[=+@\t\r]|^-[^\d]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Waits when the client reads slower than we write (back-pressure), so memory stays flat. */
function write(out: Writable, chunk: string): Promise<void> | void {
  if (!out.write(chunk)) return new Promise((resolve) => out.once('drain', resolve));
}

/** CSV with a BOM (Excel then reads the Chinese as UTF-8), CRLF line ends. */
export async function writeCsv(out: Writable, list: ExportList, rows: AsyncIterable<unknown[]>): Promise<number> {
  await write(out, `\uFEFF${list.columns.map((c) => csvCell(c.header)).join(',')}\r\n`);
  let count = 0;
  for await (const row of rows) {
    await write(out, `${row.map(csvCell).join(',')}\r\n`);
    count += 1;
  }
  out.end();
  return count;
}

/** XLSX through exceljs's streaming writer: each row is committed to the zip stream as it comes, no shared strings kept. */
export async function writeXlsx(out: Writable, list: ExportList, rows: AsyncIterable<unknown[]>): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(list.name.slice(0, 31));
  sheet.addRow(list.columns.map((c) => c.header)).commit();
  let count = 0;
  for await (const row of rows) {
    sheet.addRow(row.map((v) => (v == null ? null : v))).commit();
    count += 1;
    // Let the archiver flush to the socket now and then.
    if (count % 1000 === 0 && out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
