import type { Config } from '../config/load-config';
import { AppError } from '../errors';
import { connectRedis } from '../queue/redis-connection';
import { startAnalyseWorkers } from '../queue/start-workers';
import { defaultWorkers } from '../service/start-service';
import { untilSignal } from './serve-command';

/**
 * `outfall-scout worker --api URL`: analysis workers only, on any machine that reaches Redis and the API.
 * Stateless: each photo's bytes come from the API (a token of role worker in OUTFALL_WORKER_TOKEN), the
 * result goes back through the queue, and nothing is written here. SIGTERM lets running photos finish.
 */
export async function runWorker(opts: { api: string; workers?: number }, config: Config): Promise<number> {
  if (!config.redisUrl) throw new AppError('USAGE', 'a worker needs REDIS_URL: the Redis that `outfall-scout serve` uses (it prints it when it starts)');
  if (!config.workerToken) throw new AppError('USAGE', 'a worker needs OUTFALL_WORKER_TOKEN: create one with `outfall-scout token create --role worker --name <machine>` on the server');
  let api: URL;
  try {
    api = new URL(opts.api);
  } catch {
    throw new AppError('USAGE', `--api must be the server's URL, like http://server:8080 (got ${opts.api})`);
  }
  const workers = opts.workers ?? config.workers ?? defaultWorkers();
  const connection = connectRedis(config.redisUrl, 'outfall-remote-worker');
  connection.on('error', (e: Error) => process.stderr.write(`outfall-scout worker: redis: ${e.message}\n`));
  // The children fetch originals from the API, never from a local folder.
  const env = { OUTFALL_API: api.origin, OUTFALL_WORKER_TOKEN: config.workerToken, OUTFALL_ORIGINALS_DIR: '' };
  const worker = startAnalyseWorkers(connection, workers, env, { lockMs: config.lockMs, stalledIntervalMs: config.lockMs });
  worker.on('error', (e) => process.stderr.write(`outfall-scout worker: ${e.message}\n`));
  worker.on('failed', (job, e) => process.stderr.write(`outfall-scout worker: ${job?.data.filename ?? '?'}: ${e.message}\n`));
  await worker.waitUntilReady();
  process.stderr.write(`outfall-scout worker: ${workers} analysis processes, photos from ${api.origin}, queue at ${config.redisUrl}\n`);
  await untilSignal();
  await worker.close();
  await connection.quit().catch(() => connection.disconnect());
  return 0;
}
