import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import ExcelJS from 'exceljs';

/**
 * The export step of `npm run bench` (issue 17: exports "streamed (constant
 * memory for 1,000,000 rows)"): GET /export/contacts.<csv|xlsx> with no
 * filter as the admin — every contact — read as a client would, while the
 * server's resident memory is sampled from /proc/<pid>/status every 200 ms.
 * The body is never held: CSV lines are counted as the bytes pass, an XLSX
 * goes to a scratch file whose rows are counted after the clock stops.
 */
export interface ExportMemory {
  /** VmRSS just before the request, MB. */
  beforeMb: number;
  /** VmRSS when the client had read a tenth of the expected rows, MB. */
  atTenthMb: number;
  /** Highest VmRSS sampled during the export, MB. */
  peakMb: number;
  /** Highest VmRSS sampled after the tenth mark, MB. */
  peakAfterTenthMb: number;
  /** VmRSS when the last byte arrived, MB. */
  endMb: number;
  /** VmHWM at the end (reset just before the request when the kernel allows it), MB: a peak the 200 ms samples may miss. */
  hwmMb: number;
  /** Whether VmHWM was reset before the request; if not, it may be a peak from before the export. */
  hwmReset: boolean;
  /** peakAfterTenth − atTenth: what the last 90 % of the rows added. Small when memory is constant. */
  growthAfterTenthMb: number;
  /** peakAfterTenth / atTenth: 1.0 is flat; a leak linear in rows shows as a ratio well above it. */
  growthRatio: number;
  samples: number;
  /**
   * The live heap after each full GC during the export (the server runs with --trace-gc): what survives
   * collection, so a leak shows here whatever slack V8 leaves between collections in RSS.
   */
  liveHeapAfterFullGc: { count: number; firstMb: number | null; lastMb: number | null; maxMb: number | null };
  /** At most 50 samples, evenly picked: [seconds since the request, VmRSS MB, % of the rows read]. */
  trace: [number, number, number][];
}

export interface ExportResult {
  list: string;
  format: 'csv' | 'xlsx';
  /** Contacts in the database when the export started. */
  expectedRows: number;
  /** Data rows in the file (CSV lines less the header; XLSX rows less the header). */
  rows: number;
  bytes: number;
  seconds: number;
  firstByteSeconds: number;
  rowsPerSecond: number;
  memory: ExportMemory;
  verified: string;
  ok: boolean;
}

const SAMPLE_MS = 200;
const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/** VmRSS and VmHWM of a process, in kB. */
export function processMemory(pid: number): { rssKb: number; hwmKb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

/** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux ≥ 4.0), so the end value is the export's own peak. */
function resetHighWaterMark(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** `Mark-Compact 60.4 (89.8) -> 44.2 (85.6) MB` lines of --trace-gc written to the log from `offset` on: the heap each left, MB. */
function fullGcLiveHeaps(logFile: string, offset: number): number[] {
  const text = fs.readFileSync(logFile).subarray(offset).toString('utf8');
  return [...text.matchAll(/Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \(/g)].map((m) => Number(m[1]));
}

/** Counts CSV records as bytes pass: a line feed outside quotes ends one (a quoted cell may hold a line break). */
class CsvLineCounter {
  lines = 0;
  private quoted = false;
  feed(chunk: Uint8Array) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 0x22) this.quoted = !this.quoted;
      else if (byte === 0x0a && !this.quoted) this.lines += 1;
    }
  }
}

/** Data rows of the first sheet, read with exceljs's streaming reader (constant memory on the bench's side too). */
async function xlsxRows(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'ignore', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let rows = 0;
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<unknown>) {
      void row;
      rows += 1;
    }
    break;
  }
  return Math.max(0, rows - 1);
}

export async function measureExport(origin: string, token: string, server: { pid: number; logFile: string }, format: 'csv' | 'xlsx', expectedRows: number): Promise<ExportResult> {
  const list = 'contacts';
  // Let the server settle after its start (or the previous format) before the baseline.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const { pid } = server;
  const before = processMemory(pid);
  const logOffset = fs.statSync(server.logFile).size;
  const hwmReset = resetHighWaterMark(pid);
  const counter = new CsvLineCounter();
  let bytes = 0;
  // Each sample with how far the client had read then; the tenth mark is placed once the total is known.
  const samples: { at: number; rssKb: number; bytes: number; lines: number }[] = [];
  const sample = () => samples.push({ at: Date.now(), rssKb: processMemory(pid).rssKb, bytes, lines: counter.lines });
  const timer = setInterval(() => {
    try {
      sample();
    } catch {
      /* the process is gone: the request fails and says so */
    }
  }, SAMPLE_MS);
  const scratch = format === 'xlsx' ? path.join(os.tmpdir(), `crm-bench-export-${process.pid}-${Date.now()}.xlsx`) : null;
  const started = Date.now();
  let firstByte = 0;
  let end: { rssKb: number; hwmKb: number };
  try {
    const res = await fetch(`${origin}/export/${list}.${format}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200 || !res.body) throw new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const file = scratch ? fs.createWriteStream(scratch) : null;
    const fileDone = file ? once(file, 'close') : null;
    for await (const chunk of Readable.fromWeb(res.body as ReadableStream<Uint8Array>) as AsyncIterable<Buffer>) {
      if (!firstByte) firstByte = Date.now();
      bytes += chunk.length;
      if (file) {
        if (!file.write(chunk)) await once(file, 'drain');
      } else counter.feed(chunk);
    }
    file?.end();
    await fileDone;
    end = processMemory(pid);
    samples.push({ at: Date.now(), rssKb: end.rssKb, bytes, lines: counter.lines });
  } finally {
    clearInterval(timer);
  }
  const finished = Date.now();
  const live = fullGcLiveHeaps(server.logFile, logOffset);
  let rows: number;
  try {
    rows = scratch ? await xlsxRows(scratch) : counter.lines - 1;
  } finally {
    if (scratch) fs.rmSync(scratch, { force: true });
  }
  // A CSV's progress is its lines; an XLSX is compressed rows of one shape, so its bytes stand in for them.
  const progress = (s: (typeof samples)[number]) => (scratch ? s.bytes / Math.max(1, bytes) : (s.lines - 1) / Math.max(1, expectedRows));
  const tenthAt = samples.findIndex((s) => progress(s) >= 0.1);
  const afterTenth = samples.slice(tenthAt);
  const tenthKb = samples[tenthAt].rssKb;
  const peakKb = Math.max(before.rssKb, ...samples.map((s) => s.rssKb));
  const peakAfterTenthKb = Math.max(...afterTenth.map((s) => s.rssKb));
  const seconds = (finished - started) / 1000;
  const ok = rows === expectedRows;
  return {
    list,
    format,
    expectedRows,
    rows,
    bytes,
    seconds,
    firstByteSeconds: ((firstByte || finished) - started) / 1000,
    rowsPerSecond: rows / seconds,
    memory: {
      beforeMb: mb(before.rssKb),
      atTenthMb: mb(tenthKb),
      peakMb: mb(peakKb),
      peakAfterTenthMb: mb(peakAfterTenthKb),
      endMb: mb(end.rssKb),
      hwmMb: mb(end.hwmKb),
      hwmReset,
      growthAfterTenthMb: mb(peakAfterTenthKb - tenthKb),
      growthRatio: Math.round((peakAfterTenthKb / tenthKb) * 100) / 100,
      samples: samples.length,
      liveHeapAfterFullGc: { count: live.length, firstMb: live[0] ?? null, lastMb: live.at(-1) ?? null, maxMb: live.length ? Math.max(...live) : null },
      trace: samples
        .filter((_, i) => samples.length <= 50 || i % Math.ceil(samples.length / 50) === 0 || i === samples.length - 1)
        .map((s) => [(s.at - started) / 1000, mb(s.rssKb), Math.min(100, Math.round(progress(s) * 100))]),
    },
    ok,
    verified: ok
      ? `${rows.toLocaleString('en')} rows + header = the ${expectedRows.toLocaleString('en')} contacts in the database + 1 ✓`
      : `✗ MISMATCH: ${rows.toLocaleString('en')} rows in the file, ${expectedRows.toLocaleString('en')} contacts in the database`,
  };
}

function liveHeap(m: ExportMemory): string {
  const h = m.liveHeapAfterFullGc;
  return h.count ? `live heap after ${h.count} full GC${h.count > 1 ? 's' : ''} ${h.firstMb} → ${h.lastMb} MB (max ${h.maxMb})` : 'no full GC during the export';
}

/** The line printed for one export. */
export function exportLine(r: ExportResult): string {
  const m = r.memory;
  return (
    `export ${r.list}.${r.format}: ${r.rows.toLocaleString('en')} rows, ${(r.bytes / 2 ** 20).toFixed(1)} MB in ${r.seconds.toFixed(1)} s (${r.rowsPerSecond.toFixed(0)} rows/s, first byte ${r.firstByteSeconds.toFixed(2)} s); ` +
    `server RSS ${m.beforeMb} MB before, ${m.atTenthMb} MB at 10 %, peak ${m.peakMb} MB, ${m.endMb} MB at the end, VmHWM ${m.hwmMb} MB; ` +
    `growth after 10 % ${m.growthAfterTenthMb} MB (×${m.growthRatio}); ${liveHeap(m)}; ${r.verified}`
  );
}

/** The step's table in Markdown, for docs/performance.md. */
export function exportMarkdown(results: ExportResult[]): string {
  const head = ['file', 'rows', 'MB', 's', 'rows/s', 'RSS before', 'at 10 %', 'peak', 'end', 'VmHWM', 'growth after 10 %', 'live heap after full GCs', 'rows check'];
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i === 0 || i === head.length - 1 ? '---' : '---:')).join(' | ')} |`,
    ...results.map((r) => {
      const m = r.memory;
      return `| ${r.list}.${r.format} | ${r.rows.toLocaleString('en')} | ${(r.bytes / 2 ** 20).toFixed(1)} | ${r.seconds.toFixed(1)} | ${r.rowsPerSecond.toFixed(0)} | ${m.beforeMb} MB | ${m.atTenthMb} MB | ${m.peakMb} MB | ${m.endMb} MB | ${m.hwmMb} MB | ${m.growthAfterTenthMb} MB (×${m.growthRatio}) | ${liveHeap(m).replace(/^live heap /, '')} | ${r.ok ? '✓' : '✗ MISMATCH'} |`;
    }),
  ].join('\n');
}
