import { SingleBar } from 'cli-progress';

export interface Progress {
  tick(done: number): void;
  stop(): void;
}

/** A progress bar on stderr (photos done/total, rate, ETA), or nothing when quiet or not a terminal. */
export function startProgress(total: number, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return { tick: () => undefined, stop: () => undefined };
  const started = Date.now();
  const bar = new SingleBar({
    stream,
    format: 'analysing |{bar}| {value}/{total} photos | {rate} photos/s | ETA {eta_formatted}',
    hideCursor: true,
    etaBuffer: 20,
  });
  bar.start(total, 0, { rate: '0.00' });
  return {
    tick: (done) => bar.update(done, { rate: (done / Math.max((Date.now() - started) / 1000, 1e-3)).toFixed(2) }),
    stop: () => bar.stop(),
  };
}
