/**
 * How long to wait before try `attempt` (1 = the first retry): exponential from `baseMs`, capped at `capMs`,
 * with "full jitter" (a uniform draw below the exponential), so a hundred tablets that lost the same
 * network do not all come back at the same instant. `random` is passed in for tests.
 */
export function retryDelayMs(attempt: number, random: () => number, baseMs = 1000, capMs = 30_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

/** Whether trying again can help: the network failed (status 0), the server was busy or broken (5xx, 429, 408). */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}
