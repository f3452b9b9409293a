import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors';
import { PROJECT_ROOT } from './project-root';

/**
 * All configuration, read once at an entry point from the environment, validated at once, frozen, and
 * passed down. Pure modules never read the environment themselves.
 *
 * | variable                  | default                 | meaning                                          |
 * | OUTFALL_MODEL             | models/<default>        | model folder (model.onnx + model.json)           |
 * | OUTFALL_THREADS           | 1                       | onnxruntime intra-op threads per process         |
 * | OUTFALL_BATCH             | 4                       | tiles per inference batch                        |
 * | OUTFALL_MAX_PIXELS        | 200000000               | decompression-bomb guard: refuse larger images   |
 * | OUTFALL_CONCURRENCY       | 2                       | photos in flight at once (decode overlaps infer) |
 * | DATA_DIR                  | ./data                  | the service's store: SQLite, originals, Redis AOF |
 * | REDIS_URL                 | (own redis-server)      | Redis for the queues; `serve` starts its own when unset |
 * | PORT                      | 8080                    | `serve`'s HTTP port (--port wins)                |
 * | OUTFALL_WORKERS           | cores - 1 (at least 1)  | analysis child processes (--workers wins)        |
 * | OUTFALL_MAX_UPLOAD_MB     | 200                     | largest photo accepted, per file                 |
 * | OUTFALL_JOB_ATTEMPTS      | 4                       | tries per photo for transient errors             |
 * | OUTFALL_JOB_BACKOFF_MS    | 2000                    | first retry delay, doubled each time             |
 * | OUTFALL_LOCK_MS           | 30000                   | job lock; a dead worker's job is retaken after it |
 * | OUTFALL_WORKER_TOKEN      |                         | `worker`: a token of role worker, to fetch originals |
 * | OUTFALL_UPLOAD_IDLE_S     | 30                      | an upload body silent this long: 408, closed     |
 * | OUTFALL_HEADERS_TIMEOUT_S | 20                      | request headers must arrive within this          |
 * | OUTFALL_REQUEST_TIMEOUT_S | 3600                    | a whole request (an upload) within this; 0: none |
 * | OUTFALL_DRAIN_S           | 30                      | `serve`'s stop: longest wait for running work    |
 */
export const DEFAULT_MODEL_NAME = 'outfall-heatmap';

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  OUTFALL_MODEL: z.string().min(1).optional(),
  OUTFALL_THREADS: intFrom(1, 256).default(1),
  OUTFALL_BATCH: intFrom(1, 256).default(4),
  OUTFALL_MAX_PIXELS: intFrom(1, 2_000_000_000).default(200_000_000),
  OUTFALL_CONCURRENCY: intFrom(1, 64).default(2),
  DATA_DIR: z.string().min(1).default('data'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL').optional(),
  PORT: intFrom(0, 65535).default(8080),
  OUTFALL_WORKERS: intFrom(0, 256).optional(),
  OUTFALL_MAX_UPLOAD_MB: intFrom(1, 10_000).default(200),
  OUTFALL_JOB_ATTEMPTS: intFrom(1, 100).default(4),
  OUTFALL_JOB_BACKOFF_MS: intFrom(10, 3_600_000).default(2000),
  OUTFALL_LOCK_MS: intFrom(1000, 3_600_000).default(30_000),
  OUTFALL_WORKER_TOKEN: z.string().min(1).optional(),
  OUTFALL_UPLOAD_IDLE_S: intFrom(1, 3600).default(30),
  OUTFALL_HEADERS_TIMEOUT_S: intFrom(1, 600).default(20),
  OUTFALL_REQUEST_TIMEOUT_S: intFrom(0, 86_400).default(3600),
  OUTFALL_DRAIN_S: intFrom(1, 3600).default(30),
}).refine((e) => e.OUTFALL_REQUEST_TIMEOUT_S === 0 || e.OUTFALL_REQUEST_TIMEOUT_S >= e.OUTFALL_HEADERS_TIMEOUT_S, {
  message: 'OUTFALL_REQUEST_TIMEOUT_S must be 0 or at least OUTFALL_HEADERS_TIMEOUT_S', path: ['OUTFALL_REQUEST_TIMEOUT_S'],
});

export interface Config {
  readonly modelDir: string;
  readonly threads: number;
  readonly batchSize: number;
  readonly maxPixels: number;
  readonly concurrency: number;
  /** The service's data directory (absolute). */
  readonly dataDir: string;
  readonly redisUrl: string | null;
  readonly port: number;
  /** null: the default, cores - 1. */
  readonly workers: number | null;
  readonly maxUploadBytes: number;
  readonly jobAttempts: number;
  readonly jobBackoffMs: number;
  readonly lockMs: number;
  readonly workerToken: string | null;
  /** An upload body that sends nothing for this long is answered 408 and closed. */
  readonly uploadIdleMs: number;
  readonly headersTimeoutMs: number;
  /** 0: no limit. */
  readonly requestTimeoutMs: number;
  /** `serve`'s drain on SIGTERM waits at most this long for running work before it exits. */
  readonly drainMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv): Readonly<Config> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError('USAGE', `bad configuration in the environment: ${problems}`);
  }
  const e = parsed.data;
  return Object.freeze({
    modelDir: path.resolve(e.OUTFALL_MODEL ?? path.join(PROJECT_ROOT, 'models', DEFAULT_MODEL_NAME)),
    threads: e.OUTFALL_THREADS,
    batchSize: e.OUTFALL_BATCH,
    maxPixels: e.OUTFALL_MAX_PIXELS,
    concurrency: e.OUTFALL_CONCURRENCY,
    dataDir: path.resolve(e.DATA_DIR),
    redisUrl: e.REDIS_URL ?? null,
    port: e.PORT,
    workers: e.OUTFALL_WORKERS ?? null,
    maxUploadBytes: e.OUTFALL_MAX_UPLOAD_MB * 1024 * 1024,
    jobAttempts: e.OUTFALL_JOB_ATTEMPTS,
    jobBackoffMs: e.OUTFALL_JOB_BACKOFF_MS,
    lockMs: e.OUTFALL_LOCK_MS,
    workerToken: e.OUTFALL_WORKER_TOKEN ?? null,
    uploadIdleMs: e.OUTFALL_UPLOAD_IDLE_S * 1000,
    headersTimeoutMs: e.OUTFALL_HEADERS_TIMEOUT_S * 1000,
    requestTimeoutMs: e.OUTFALL_REQUEST_TIMEOUT_S * 1000,
    drainMs: e.OUTFALL_DRAIN_S * 1000,
  });
}
