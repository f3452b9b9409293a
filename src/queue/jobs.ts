import type { PhotoResult } from '../pipeline/photo-result';

/**
 * The one job contract: queue names, and each job's data and result. Workers and the server both compile
 * against this, so a job nobody handles, or a handler reading a field nobody sends, is a type error.
 */
export const QUEUES = { analyse: 'outfall-analyse', aggregate: 'outfall-aggregate' } as const;

export interface AnalysePhotoData {
  readonly photoId: string;
  readonly flightId: string;
  readonly sha256: string;
  readonly filename: string;
}

/** Progress of an analyse job, reported as each stage starts. */
export interface AnalyseProgress {
  readonly stage: 'decode' | 'tiles' | 'inference' | 'merge';
}

/** What a worker hands back through the queue; only the server writes it to the store. */
export interface AnalysePhotoResult {
  readonly photoId: string;
  readonly result: PhotoResult;
  /** Image-content checks (dark, blown out, blurred), made on the raster the worker decoded anyway. */
  readonly quality: readonly { readonly code: string; readonly message: string }[];
}

export interface RebuildHotspotsData {
  readonly flightId: string;
}
