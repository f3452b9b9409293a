import path from 'node:path';
import { clusterHotspots } from '../hotspots/cluster-hotspots';
import { isAppError } from '../errors';
import type { Report } from '../report/report-model';
import { analyzePhoto, type AnalyzePhotoOptions, type PhotoAdapters } from './analyze-photo';
import type { PhotoFailure, PhotoResult } from './photo-result';
import { correctHeadings } from './correct-headings';
import type { HeadingVerdict } from '../geo/heading-consistency';
import type { GrayImage } from '../matching/gray-image';
import { rasterToGray } from '../matching/raster-to-gray';

export interface FlightAdapters extends PhotoAdapters {
  readFile(file: string): Promise<Buffer>;
}

export interface AnalyzePhotosOptions extends AnalyzePhotoOptions {
  /** Photos in flight at once: decoding one overlaps inference on another. */
  readonly concurrency: number;
  readonly footprints: boolean;
  /** Match overlapping photos to check (and correct) heading tags that disagree with the content. */
  readonly checkHeadings?: boolean;
  readonly onPhotoDone?: (done: number, total: number, result: PhotoResult | PhotoFailure) => void;
}

export interface FlightResult {
  readonly report: Report;
  readonly photos: PhotoResult[];
  readonly failures: PhotoFailure[];
  /** Per-photo heading verdicts, when the heading check was asked for. */
  readonly headings?: HeadingVerdict[];
}

/** Width of the grayscale copy each photo keeps for the heading check (rotation is scale-free). */
const HEADING_GRAY_WIDTH = 1200;

/**
 * Analyses many photos: each one alone (a photo that cannot be read fails with its reason and the rest go
 * on), then merges the sightings of all of them into hotspots. Results come out in input order whatever
 * order the photos finish in, so a run is reproducible.
 */
export async function analyzePhotos(files: readonly string[], io: FlightAdapters, options: AnalyzePhotosOptions): Promise<FlightResult> {
  const outcomes: (PhotoResult | PhotoFailure)[] = new Array<PhotoResult | PhotoFailure>(files.length);
  const grays = new Map<string, GrayImage>();
  // For the heading check, each photo keeps a small grayscale copy of the raster it was decoded to anyway.
  const adaptersFor = (file: string): FlightAdapters =>
    options.checkHeadings
      ? {
          ...io,
          decode: async (bytes, scale) => {
            const raster = await io.decode(bytes, scale);
            grays.set(file, rasterToGray(raster, HEADING_GRAY_WIDTH));
            return raster;
          },
        }
      : io;
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const index = next++;
      const file = files[index]!;
      outcomes[index] = await analyzeOne(file, adaptersFor(file), options);
      done++;
      options.onPhotoDone?.(done, files.length, outcomes[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, files.length)) }, worker));
  const analysed = outcomes.filter((o): o is PhotoResult => 'sha256' in o);
  const failures = outcomes.filter((o): o is PhotoFailure => !('sha256' in o));
  const checked = options.checkHeadings ? correctHeadings(analysed, grays) : null;
  const photos = checked ? checked.photos : analysed;
  const hotspots = clusterHotspots(photos.flatMap((p) => p.observations));
  const footprints = options.footprints
    ? photos.filter((p) => p.footprint !== null).map((p) => ({ photo: p.photo, ring: p.footprint! }))
    : undefined;
  const report = footprints ? { hotspots, footprints } : { hotspots };
  return checked ? { report, photos, failures, headings: checked.verdicts } : { report, photos, failures };
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
