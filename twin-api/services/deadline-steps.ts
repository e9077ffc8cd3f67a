/**
 * Shutdown steps under one deadline: each step gets what is left of it (Promise.race with a timer),
 * so a close that never returns (a worker mid-computation, a database that went away, a request
 * waiting on a what-if) cannot keep the process alive. What did not finish is recorded by name.
 *
 * @example
 * const steps = deadlineSteps(Date.now() + 10_000, Date.now, log);
 * await steps.run('flush history', () => history.close());
 * if (steps.late.length) log(`not finished: ${steps.late.join('; ')}`);
 */

export interface DeadlineSteps {
  /** Steps that failed, did not finish in time, or were skipped because the deadline had passed. */
  readonly late: readonly string[];
  /** Runs `fn` within what is left of the deadline; true when it finished without error. */
  run(name: string, fn: () => unknown): Promise<boolean>;
  /** Milliseconds left (≤ 0 once passed). */
  leftMs(): number;
}

export function deadlineSteps(deadlineAtMs: number, nowMs: () => number, log: (msg: string) => void): DeadlineSteps {
  const late: string[] = [];
  const leftMs = () => deadlineAtMs - nowMs();
  return {
    late,
    leftMs,
    async run(name, fn) {
      const left = leftMs();
      if (left <= 0) {
        late.push(`${name} (skipped: deadline passed)`);
        return false;
      }
      let timer: NodeJS.Timeout | undefined;
      const work = Promise.resolve()
        .then(fn)
        .then(
          () => 'done' as const,
          (err: unknown) => {
            log(`shutdown: ${name} failed: ${(err as Error)?.message ?? String(err)}`);
            return 'failed' as const;
          },
        );
      const timeout = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), left);
      });
      const outcome = await Promise.race([work, timeout]);
      clearTimeout(timer);
      if (outcome === 'late') late.push(`${name} (not finished within the deadline)`);
      if (outcome === 'failed') late.push(`${name} (failed)`);
      return outcome === 'done';
    },
  };
}
