import path from 'node:path';
import { clusterHotspots } from '../hotspots/cluster-hotspots';
import { isAppError } from '../errors';
import type { Report } from '../report/report-model';
import { analyzePhoto, type AnalyzePhotoOptions, type PhotoAdapters } from './analyze-photo';
import type { PhotoFailure, PhotoResult } from './photo-result';

export interface FlightAdapters extends PhotoAdapters {
  readFile(file: string): Promise<Buffer>;
}

export interface AnalyzePhotosOptions extends AnalyzePhotoOptions {
  /** Photos in flight at once: decoding one overlaps inference on another. */
  readonly concurrency: number;
  readonly footprints: boolean;
  readonly onPhotoDone?: (done: number, total: number, result: PhotoResult | PhotoFailure) => void;
}

export interface FlightResult {
  readonly report: Report;
  readonly photos: PhotoResult[];
  readonly failures: PhotoFailure[];
}

/**
 * Analyses many photos: each one alone (a photo that cannot be read fails with its reason and the rest go
 * on), then merges the sightings of all of them into hotspots. Results come out in input order whatever
 * order the photos finish in, so a run is reproducible.
 */
export async function analyzePhotos(files: readonly string[], io: FlightAdapters, options: AnalyzePhotosOptions): Promise<FlightResult> {
  const outcomes: (PhotoResult | PhotoFailure)[] = new Array<PhotoResult | PhotoFailure>(files.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const file = files[index]!;
      outcomes[index] = await analyzeOne(file, io, options);
      done++;
      options.onPhotoDone?.(done, files.length, outcomes[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, files.length)) }, worker));
  const photos = outcomes.filter((o): o is PhotoResult => 'sha256' in o);
  const failures = outcomes.filter((o): o is PhotoFailure => !('sha256' in o));
  const hotspots = clusterHotspots(photos.flatMap((p) => p.observations));
  const footprints = options.footprints
    ? photos.filter((p) => p.footprint !== null).map((p) => ({ photo: p.photo, ring: p.footprint! }))
    : undefined;
  return { report: footprints ? { hotspots, footprints } : { hotspots }, photos, failures };
}

async function analyzeOne(file: string, io: FlightAdapters, options: AnalyzePhotoOptions): Promise<PhotoResult | PhotoFailure> {
  const photo = path.basename(file);
  try {
    const bytes = await io.readFile(file);
    return await analyzePhoto(file, photo, bytes, io, options);
  } catch (e) {
    if (isAppError(e)) return { photo, path: file, code: e.code, message: e.message };
    const message = e instanceof Error ? e.message : String(e);
    return { photo, path: file, code: 'INTERNAL', message };
  }
}
