/**
 * Runs tasks one after the other in the order they were handed in; one that fails does not stop the
 * next. A store's writes go through one: each is planned on what the previous one left (two outcomes
 * counting on the same edge would otherwise both start from the same count).
 */
export function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
