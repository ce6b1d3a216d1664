import cluster from 'node:cluster';
import os from 'node:os';

/**
 * How many processes each server of the bench runs: ours as `WORKERS`, raw and
 * PostGraphile through node:cluster, so that the side-by-side compares servers,
 * not process counts. Default: one per core, as `npm start` runs ours in
 * production.
 */
export const BENCH_PROCESSES = Number(process.env.BENCH_PROCESSES ?? os.availableParallelism());
if (!Number.isInteger(BENCH_PROCESSES) || BENCH_PROCESSES < 1) throw new Error(`BENCH_PROCESSES must be a positive integer, not ${process.env.BENCH_PROCESSES}`);

/** The line a process group's primary prints once all of its processes listen; the bench waits for it. */
export const GROUP_LISTENING = 'bench: every process listens';

/**
 * The primary of a comparison server run as `processes` processes: forks them,
 * says when all listen, passes SIGTERM on and exits when they have. A process
 * that dies under load ends the group (the bench then restarts the server).
 * The PostGraphile script carries the same logic as text (it runs under Node 22
 * from its own folder).
 */
export function runProcessGroup(processes: number): void {
  let listening = 0;
  let alive = processes;
  let stopping = false;
  for (let i = 0; i < processes; i++) cluster.fork();
  cluster.on('listening', () => {
    if (++listening === processes) process.stdout.write(`${GROUP_LISTENING}\n`);
  });
  cluster.on('exit', (worker, code, signal) => {
    alive--;
    if (!stopping) {
      process.stderr.write(`process ${worker.process.pid} exited (${code ?? signal}); stopping the group\n`);
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGKILL');
      process.exit(1);
    }
    if (alive === 0) process.exit(0);
  });
  process.on('SIGTERM', () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  });
}
