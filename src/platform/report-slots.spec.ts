import { GraphQLError } from 'graphql';
import { ReportSlots } from './report-slots';
import { RequestStopped } from './request-deadline';
import { runInRequestScope } from './request-scope';

/** A report whose end the test decides. */
function held() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { finish, work: () => done.then(() => 'done') };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ReportSlots', () => {
  it('runs `size` reports at once; the next waits, and takes the first slot freed', async () => {
    const slots = new ReportSlots(2, 60_000);
    const [a, b, c] = [held(), held(), held()];
    const started: string[] = [];
    const run = (name: string, report: ReturnType<typeof held>) =>
      slots.run(() => {
        started.push(name);
        return report.work();
      });
    const results = [run('a', a), run('b', b), run('c', c)];
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect([slots.runningCount, slots.waitingCount]).toEqual([2, 1]);
    b.finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    expect([slots.runningCount, slots.waitingCount]).toEqual([2, 0]);
    a.finish();
    c.finish();
    await expect(Promise.all(results)).resolves.toEqual(['done', 'done', 'done']);
    expect(slots.runningCount).toBe(0);
  });

  it('frees the slot of a report that failed', async () => {
    const slots = new ReportSlots(1, 60_000);
    await expect(slots.run(() => Promise.reject(new Error('bad')))).rejects.toThrow('bad');
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
  });

  it('answers SERVER_BUSY to a report that waited too long, and forgets it', async () => {
    const slots = new ReportSlots(1, 50);
    const first = held();
    const running = slots.run(first.work);
    const error = await slots.run(async () => 'never').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('SERVER_BUSY');
    expect(slots.waitingCount).toBe(0);
    first.finish();
    await running;
    expect(slots.runningCount).toBe(0);
  });

  it('does not start a report whose request stopped while it waited', async () => {
    const slots = new ReportSlots(1, 60_000);
    const first = held();
    const running = slots.run(first.work);
    const scope = { requestId: 'r', sqlStatements: 0, stopped: { reason: null as 'deadline' | null, running: new Set<number>() } };
    let ran = false;
    const waiting = runInRequestScope(scope, () =>
      slots.run(async () => {
        ran = true;
      }),
    );
    scope.stopped.reason = 'deadline';
    first.finish();
    await running;
    await expect(waiting).rejects.toBeInstanceOf(RequestStopped);
    expect(ran).toBe(false);
    expect(slots.runningCount).toBe(0);
  });
});
