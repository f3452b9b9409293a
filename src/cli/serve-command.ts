import type { Config } from '../config/load-config';
import { defaultWorkers, startService } from '../service/start-service';

/** `outfall-scout serve`: runs until SIGTERM or SIGINT, then drains (running analyses finish and are recorded). */
export async function runServe(opts: { port?: number; workers?: number; host?: string }, config: Config): Promise<number> {
  const service = await startService({
    config,
    port: opts.port ?? config.port,
    workers: opts.workers ?? config.workers ?? defaultWorkers(),
    ...(opts.host ? { host: opts.host } : {}),
  });
  await untilSignal();
  await service.close();
  return 0;
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
