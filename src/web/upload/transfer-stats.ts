/**
 * Upload rate and time left, for progress bars. Pure: the caller feeds byte counts and clock readings.
 * The rate is an exponential moving average over time (half-life `halfLifeMs`), so a bar's estimate
 * neither jumps with every chunk nor lags a change of network for long.
 */
export interface TransferStats {
  readonly bytesDone: number;
  readonly bytesTotal: number;
  /** Bytes per second; null until there is something to measure. */
  readonly rate: number | null;
  /** Seconds to go at the current rate; null when unknown. */
  readonly secondsLeft: number | null;
}

export class TransferMeter {
  private done = 0;
  private lastAt: number | null = null;
  private rate: number | null = null;
  /** Bytes reported at the same instant as the last reading: they count at the next one. */
  private pending = 0;

  constructor(private total: number, private readonly halfLifeMs = 3000) {}

  /** More bytes are part of the work (files added), or fewer (files skipped because the server has them). */
  setTotal(total: number): void {
    this.total = total;
  }

  /** `bytes` more were sent by `nowMs`. */
  add(bytes: number, nowMs: number): void {
    this.done += bytes;
    if (this.lastAt === null) {
      this.lastAt = nowMs;
      return;
    }
    const dt = nowMs - this.lastAt;
    if (dt <= 0) {
      this.pending += bytes;
      return;
    }
    const instant = ((bytes + this.pending) * 1000) / dt;
    this.pending = 0;
    const keep = Math.pow(0.5, dt / this.halfLifeMs);
    this.rate = this.rate === null ? instant : keep * this.rate + (1 - keep) * instant;
    this.lastAt = nowMs;
  }

  /** Bytes that had to be taken back (a failed attempt will send them again). */
  undo(bytes: number): void {
    this.done = Math.max(0, this.done - bytes);
  }

  stats(): TransferStats {
    const left = Math.max(0, this.total - this.done);
    const secondsLeft = left === 0 ? 0 : this.rate !== null && this.rate > 0 ? left / this.rate : null;
    return { bytesDone: this.done, bytesTotal: this.total, rate: this.rate, secondsLeft };
  }

}
