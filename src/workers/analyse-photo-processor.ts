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
import type { AnalysePhotoData, AnalysePhotoResult } from '../queue/jobs';
import { originalSourceFromEnv, readOriginal } from './read-original';

let analyzer: Promise<Analyzer> | null = null;

export default async function analysePhotoProcessor(job: SandboxedJob<AnalysePhotoData, AnalysePhotoResult>): Promise<AnalysePhotoResult> {
  const { photoId, sha256, filename } = job.data;
  try {
    analyzer ??= createPhotoAdapters(loadConfig(process.env));
    const a = await analyzer;
    const bytes = await readOriginal(originalSourceFromEnv(process.env), photoId, sha256);
    const result = await analyzePhoto(filename, filename, bytes, a.adapters, {
      trainingGsd: a.model.trainingGsd,
      onStage: (stage) => { void job.updateProgress({ stage }); },
    });
    return { photoId, result };
  } catch (e) {
    if (isAppError(e) && !e.retryable) throw new UnrecoverableError(`${e.code}: ${e.message}`);
    throw e;
  }
}
