import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_PROCESSES, GROUP_LISTENING } from './process-group';

/**
 * Child servers of the bench. Every child is registered here so that any
 * exit — success, error or Ctrl-C — can stop them all (issue 9: nothing left
 * running after the bench).
 */
const children = new Set<ChildProcess>();

export interface RunningServer {
  name: string;
  url: string;
  logFile: string;
  /** The child's process id (the export step samples its memory from /proc). */
  pid: number | undefined;
  /** False once the process has exited, whoever stopped it. */
  alive(): boolean;
  stop(): Promise<void>;
}

export function killAllChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

/** Starts `command args` with its output in `logFile`, then waits until `ready()` answers true. */
export async function startServer(options: {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  url: string;
  logFile: string;
  ready: () => Promise<boolean>;
  timeoutMs?: number;
}): Promise<RunningServer> {
  const out = fs.openSync(options.logFile, 'a');
  const child = spawn(options.command, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      children.delete(child);
      throw new Error(`${options.name} exited (${child.exitCode ?? child.signalCode}) before it was ready; see ${options.logFile}:\n${tail(options.logFile)}`);
    }
    if (await options.ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      children.delete(child);
      throw new Error(`${options.name} was not ready within ${(options.timeoutMs ?? 120_000) / 1000} s; see ${options.logFile}:\n${tail(options.logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name: options.name,
    url: options.url,
    logFile: options.logFile,
    pid: child.pid,
    alive: () => child.exitCode === null && child.signalCode === null,
    // SIGTERM first, as an operator stops it; SIGKILL if it does not drain in time.
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(child);
    },
  };
}

export function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** POSTs a GraphQL-ish JSON body; the bench's single probes (validation, statement counts) go through here. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON: the caller reports the text */
  }
  return { status: res.status, json, text, headers: res.headers };
}

export const repoRoot = path.resolve(__dirname, '..');

/** The Node flags `npm start` runs the server with (package.json `config.nodeFlags`): the bench runs it the same way. */
export const serverNodeFlags: string[] = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { config: { nodeFlags: string } }).config.nodeFlags.split(' ').filter(Boolean);

/** True once a comparison server run as a process group has all of its processes listening (always, for one process). */
export function groupReady(logFile: string): boolean {
  return BENCH_PROCESSES === 1 || fs.readFileSync(logFile, 'utf8').includes(GROUP_LISTENING);
}
