/**
 * BullMQ sandboxed processor (compiled to dist/workers/analyse-photo-processor.js): runs in its own child
 * process, so onnxruntime's blocking run() never stalls the API. One analyzer (one onnxruntime session) is
 * built per process, on the first job, and reused. The original comes from the server's folder or from the
 * API (see read-original.ts); the result goes back through the queue, and only the server writes the store.
 * Progress is reported per stage. A photo that can never be read fails once (UnrecoverableError); anything
 * retryable is rethrown for BullMQ's backoff.
 */
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { loadConfig } from '../config/load-config';
import { isAppError } from '../errors';
import { analyzePhoto } from '../pipeline/analyze-photo';
import { createPhotoAdapters, type Analyzer } from '../pipeline/create-photo-adapters';
import type { GrayRaster } from '../image/raster';
import { photoQuality } from '../ingest/photo-quality';
import { rasterToGray } from '../matching/raster-to-gray';
import type { AnalysePhotoData, AnalysePhotoResult } from '../queue/jobs';
import { originalSourceFromEnv, readOriginal } from './read-original';

let analyzer: Promise<Analyzer> | null = null;
const QUALITY_WIDTH = 512;
const IMAGE_CHECKS = new Set(['DARK', 'OVEREXPOSED', 'BLURRED']);

// The child runs in its own process group (start-workers.ts): when the parent goes, however it goes, the IPC
// channel closes, and the child must not outlive it.
process.once('disconnect', () => process.exit(0));

export default async function analysePhotoProcessor(job: SandboxedJob<AnalysePhotoData, AnalysePhotoResult>): Promise<AnalysePhotoResult> {
  const { photoId, sha256, filename } = job.data;
  try {
    analyzer ??= createPhotoAdapters(loadConfig(process.env));
    const a = await analyzer;
    const bytes = await readOriginal(originalSourceFromEnv(process.env), photoId, sha256);
    // The image-content checks look at a small gray copy of the raster decoded for the model: no second decode.
    let gray: GrayRaster | null = null;
    const adapters = { ...a.adapters, decode: async (b: Buffer, scale: number) => {
      const raster = await a.adapters.decode(b, scale);
      const g = rasterToGray(raster, QUALITY_WIDTH);
      gray = { data: g.data as Uint8Array, width: g.width, height: g.height }; // rasterToGray rounds to bytes
      return raster;
    } };
    const result = await analyzePhoto(filename, filename, bytes, adapters, {
      trainingGsd: a.model.trainingGsd,
      onStage: (stage) => { void job.updateProgress({ stage }); },
    });
    const quality = photoQuality({ meta: result.meta, gray, duplicateOf: [] }).filter((w) => IMAGE_CHECKS.has(w.code));
    return { photoId, result, quality };
  } catch (e) {
    if (isAppError(e) && !e.retryable) throw new UnrecoverableError(`${e.code}: ${e.message}`);
    throw e;
  }
}
