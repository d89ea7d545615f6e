/** Runs a task under a concurrency cap. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A small concurrency limiter: at most `n` tasks run at once, the rest wait in FIFO order.
 * One limiter per AWS service caps the auditor's request rate alongside the SDK's adaptive retries.
 * A finishing task hands its slot straight to the next waiter, so the cap holds even under bursts.
 */
export function limit(n: number): Limiter {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`limit(n): n must be a positive integer, got ${n}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<void> => {
    if (active < n) {
      active += 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) active -= 1;
    else next();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    await acquire();
    try {
      return await task();
    } finally {
      release();
    }
  };
}
