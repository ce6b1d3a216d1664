import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadResult } from './load';

/** `unlimited` is ours with RATE_LIMITS=off: what the rate-limit accounting costs. */
export type ServerName = 'raw' | 'postgraphile' | 'ours' | 'unlimited';

/** A server's outcome for one row: measured, failed (with the first error) or not part of that row. */
export type Outcome = ({ status: 'ok' } & Omit<LoadResult, 'okBodies'>) | { status: 'failed'; error: string } | { status: 'skipped'; reason: string };

export interface Row {
  id: string;
  title: string;
  viewer: string;
  results: Partial<Record<ServerName, Outcome>>;
  /** x-sql-statements of ours for one request of this row. */
  sqlStatements: number | null;
  /** W8 only: what the database says after the run. */
  verification?: string;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function cell(o: Outcome | undefined): [string, string, string] {
  if (!o || o.status === 'skipped') return ['—', '—', '—'];
  if (o.status === 'failed') return ['FAILED', '', ''];
  return [fmt(o.requestsPerSecond) + (o.failures ? ` (${o.failures} failed)` : ''), fmt(o.p50), fmt(o.p99)];
}

function ratio(a: Outcome | undefined, b: Outcome | undefined): string {
  if (a?.status !== 'ok' || b?.status !== 'ok' || !b.requestsPerSecond) return '—';
  return fmt(a.requestsPerSecond / b.requestsPerSecond, 2);
}

const HEAD = ['workload', 'viewer', 'raw req/s', 'p50', 'p99', 'PG req/s', 'p50', 'p99', 'ours req/s', 'p50', 'p99', 'SQL', 'ours/PG', 'ours/raw', 'no-RL req/s', 'ours/no-RL'];

function cells(r: Row): string[] {
  return [
    `${r.id} ${r.title}`,
    r.viewer,
    ...cell(r.results.raw),
    ...cell(r.results.postgraphile),
    ...cell(r.results.ours),
    r.sqlStatements == null ? '—' : String(r.sqlStatements),
    ratio(r.results.ours, r.results.postgraphile),
    ratio(r.results.ours, r.results.raw),
    cell(r.results.unlimited)[0],
    ratio(r.results.ours, r.results.unlimited),
  ];
}

/** The stdout table: throughput in req/s, latency in ms. */
export function textTable(rows: Row[]): string {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((line) => [...line[i]].length + (line[i].match(/[\u4e00-\u9fff]/g)?.length ?? 0))));
  const pad = (s: string, w: number, i: number) => {
    const extra = w - ([...s].length + (s.match(/[\u4e00-\u9fff]/g)?.length ?? 0));
    return i < 2 ? s + ' '.repeat(extra) : ' '.repeat(extra) + s;
  };
  const lines = all.map((line) => line.map((s, i) => pad(s, widths[i], i)).join('  '));
  const failures = rows.flatMap((r) =>
    Object.entries(r.results)
      .filter(([, o]) => o && (o.status === 'failed' || (o.status === 'ok' && o.failures > 0)))
      .map(([server, o]) => `  ${r.id} ${r.title} / ${r.viewer} / ${server}: ${o!.status === 'failed' ? o!.error : o!.status === 'ok' ? o!.firstFailure : ''}`),
  );
  const checks = rows.filter((r) => r.verification).map((r) => `  ${r.id} ${r.title}: ${r.verification}`);
  return [
    lines[0],
    lines[0].replace(/[^ ]/g, '-'),
    ...lines.slice(1),
    ...(checks.length ? ['', 'Write checks:', ...checks] : []),
    ...(failures.length ? ['', 'Failures (first error of each):', ...failures] : []),
  ].join('\n');
}

/** The same table in Markdown, for docs/performance.md. */
export function markdownTable(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${HEAD.join(' | ')} |`, `| ${HEAD.map((_, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`, ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`)].join('\n');
}

export function machineInfo(pgVersion: string) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: pgVersion,
    platform: `${process.platform}-${process.arch}`,
  };
}

export function writeResults(scale: string, data: unknown): string {
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().slice(0, 10)}-${scale}.json`);
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  return file;
}
