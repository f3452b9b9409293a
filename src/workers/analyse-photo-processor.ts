/**
 * BullMQ sandboxed processor (compiled to dist/workers/analyse-photo-processor.js): runs in its own child
 * process, so onnxruntime's blocking run() never stalls the API. One analyzer (one onnxruntime session) is
 * built per process, on the first job, and reused. A photo that can never be read fails once
 * (UnrecoverableError); anything retryable is rethrown for BullMQ's backoff.
 */
import fs from 'node:fs/promises';
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { loadConfig } from '../config/load-config';
import { isAppError } from '../errors';
import { analyzePhoto } from '../pipeline/analyze-photo';
import { createPhotoAdapters, type Analyzer } from '../pipeline/create-photo-adapters';
import type { AnalysePhotoData, AnalysePhotoResult } from '../queue/jobs';

let analyzer: Promise<Analyzer> | null = null;

export default async function analysePhotoProcessor(job: SandboxedJob<AnalysePhotoData, AnalysePhotoResult>): Promise<AnalysePhotoResult> {
  analyzer ??= createPhotoAdapters(loadConfig(process.env));
  const a = await analyzer;
  const { path, filename, photoId } = job.data;
  if (!path) throw new UnrecoverableError('NOT_IMPLEMENTED: fetching a photo from the API is not built yet');
  try {
    const bytes = await fs.readFile(path);
    const result = await analyzePhoto(path, filename, bytes, a.adapters, { trainingGsd: a.model.trainingGsd });
    return { photoId, result };
  } catch (e) {
    if (isAppError(e) && !e.retryable) throw new UnrecoverableError(`${e.code}: ${e.message}`);
    throw e;
  }
}
