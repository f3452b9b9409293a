import type { Config } from '../config/load-config';
import { defaultWorkers, startService } from '../service/start-service';

/**
 * `outfall-scout serve`: runs until SIGTERM or SIGINT, then drains (running analyses finish and are recorded)
 * within OUTFALL_DRAIN_S. Exits 0 when everything was finished, 1 when the limit or a missing Redis cut the
 * drain short (the log says what was left; the next start takes it up).
 */
export async function runServe(opts: { port?: number; workers?: number; host?: string }, config: Config): Promise<number> {
  const service = await startService({
    config,
    port: opts.port ?? config.port,
    workers: opts.workers ?? config.workers ?? defaultWorkers(),
    ...(opts.host ? { host: opts.host } : {}),
  });
  await untilSignal();
  const drained = await service.close();
  // The drain is bounded; so is the exit: a handle a dead Redis left open must not keep the process alive.
  setTimeout(() => process.exit(drained.complete ? 0 : 1), 1000).unref();
  return drained.complete ? 0 : 1;
}

/** Resolves on the first SIGTERM or SIGINT; a second one exits at once. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.stderr.write(`outfall-scout: ${signal}: stopping (send it again to stop at once)\n`);
      process.once('SIGTERM', () => process.exit(1));
      process.once('SIGINT', () => process.exit(1));
      resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
