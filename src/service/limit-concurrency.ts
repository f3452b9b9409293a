/** Runs at most `n` of the tasks given to it at once, in order; `idle()` resolves when none is left. */
export function limitConcurrency(n: number): { run<T>(task: () => Promise<T>): Promise<T>; idle(): Promise<void> } {
  let active = 0;
  const waiting: (() => void)[] = [];
  const idleWaiters: (() => void)[] = [];
  const next = (): void => {
    if (active < n && waiting.length > 0) { active++; waiting.shift()!(); }
    if (active === 0 && waiting.length === 0) idleWaiters.splice(0).forEach((f) => f());
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => { task().then(resolve, reject).finally(() => { active--; next(); }); });
        next();
      });
    },
    idle(): Promise<void> {
      return active === 0 && waiting.length === 0 ? Promise.resolve() : new Promise((r) => idleWaiters.push(r));
    },
  };
}
