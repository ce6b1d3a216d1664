import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { checkZip, ZipLimits, ZipRefused } from './zip-check';

/*
 * Reading an uploaded table (CSV or XLSX) as rows of text, whatever is in
 * them: the caller validates. Knows no domain.
 */

export type FileProblem = 'UNSUPPORTED_FILE' | 'MALFORMED_FILE' | 'WRONG_HEADERS' | 'TOO_MANY_ROWS' | 'FILE_TOO_LARGE';

/** A file that cannot be read as a table: the client is told why, and nothing is written. */
export class FileRefused extends Error {
  constructor(
    readonly code: FileProblem,
    message: string,
  ) {
    super(message);
  }
}

export type SpreadsheetFormat = 'CSV' | 'XLSX';

export interface SheetRow {
  /** 1-based line (CSV record) or row number as the user sees it in their file, the header being 1. */
  line: number;
  cells: string[];
}

export interface SheetLimits extends ZipLimits {
  maxRows: number;
}

/** XLSX is a ZIP container; anything with NUL bytes in its first kilobytes is some other binary. */
export async function sniffFormat(path: string): Promise<SpreadsheetFormat> {
  const file = await fs.open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await file.read(head, 0, 4096, 0);
    const sample = head.subarray(0, bytesRead);
    if (bytesRead === 0) throw new FileRefused('MALFORMED_FILE', 'The file is empty');
    if (sample.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'XLSX';
    if (sample.includes(0)) throw new FileRefused('UNSUPPORTED_FILE', 'The file is neither CSV nor XLSX');
    return 'CSV';
  } finally {
    await file.close();
  }
}

/** UTF-8 (with or without BOM), else GB18030 — what Excel in Chinese Windows saves "CSV" as. */
async function csvEncoding(path: string): Promise<'utf-8' | 'gb18030'> {
  const file = await fs.open(path, 'r');
  try {
    const head = Buffer.alloc(65536);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    try {
      // A multi-byte character cut at the end of the sample is not an error.
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, bytesRead), { stream: true });
      return 'utf-8';
    } catch {
      return 'gb18030';
    }
  } finally {
    await file.close();
  }
}

async function* csvRows(path: string): AsyncGenerator<SheetRow> {
  const encoding = await csvEncoding(path);
  const decoder = new TextDecoder(encoding);
  const parser = parse({ bom: true, skip_empty_lines: true, max_record_size: 65536, info: true, relax_quotes: false });
  const source = createReadStream(path);
  source.on('data', (chunk) => {
    if (!parser.write(decoder.decode(chunk as Buffer, { stream: true }))) source.pause();
  });
  parser.on('drain', () => source.resume());
  source.on('end', () => parser.end(decoder.decode()));
  source.on('error', (error) => parser.destroy(error));
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: record.info.lines, cells: record.record };
    }
  } catch (error) {
    if (error instanceof FileRefused) throw error;
    throw new FileRefused('MALFORMED_FILE', `The CSV cannot be read: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function* xlsxRows(path: string, limits: ZipLimits): AsyncGenerator<SheetRow> {
  try {
    await checkZip(path, limits);
  } catch (error) {
    if (error instanceof ZipRefused) throw new FileRefused('MALFORMED_FILE', `The XLSX file is refused: ${error.message}`);
    throw error;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  try {
    // The first worksheet only.
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        if (values.some((v) => v.trim() !== '')) yield { line: row.number, cells: values };
      }
      return;
    }
  } catch (error) {
    if (error instanceof FileRefused) throw error;
    throw new FileRefused('MALFORMED_FILE', `The XLSX file cannot be read: ${(error as Error).message}`);
  }
}

/**
 * The rows of the file after its header row, as text cells in the header's
 * order; the header checked by `columns` first (it returns, for each header
 * cell, the index of the field it names, or throws WRONG_HEADERS).
 */
export async function* readTable<F>(path: string, limits: SheetLimits, columns: (header: string[]) => F[]): AsyncGenerator<{ line: number; values: Map<F, string> }, void, undefined> {
  const format = await sniffFormat(path);
  const rows = format === 'XLSX' ? xlsxRows(path, limits) : csvRows(path);
  let fields: F[] | null = null;
  let count = 0;
  for await (const row of rows) {
    if (!fields) {
      fields = columns(row.cells.map((cell) => cell.trim()));
      continue;
    }
    if (++count > limits.maxRows) throw new FileRefused('TOO_MANY_ROWS', `The file has more than ${limits.maxRows} rows; split it`);
    const values = new Map<F, string>();
    fields.forEach((field, i) => values.set(field, (row.cells[i] ?? '').trim()));
    yield { line: row.line, values };
  }
  if (!fields) throw new FileRefused('WRONG_HEADERS', 'The file has no header row');
}
