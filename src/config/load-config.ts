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
});

export interface Config {
  readonly modelDir: string;
  readonly threads: number;
  readonly batchSize: number;
  readonly maxPixels: number;
  readonly concurrency: number;
  /** The service's data directory (absolute). */
  readonly dataDir: string;
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
  });
}
