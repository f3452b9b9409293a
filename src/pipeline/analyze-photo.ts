import { createHash } from 'node:crypto';
import type { Detection } from '../detections/detection';
import type { PhotoMeta } from '../metadata/photo-meta';
import { analysisScale } from '../tiling/analysis-scale';
import { describeGeometry } from './describe-geometry';
import { placeDetection } from './place-detection';
import type { RgbRaster } from '../image/raster';
import type { PhotoResult } from './photo-result';
import { withProbedSize } from './with-probed-size';

/**
 * The I/O this orchestration needs, passed in: the real ones wrap exifr, sharp and onnxruntime (built once
 * per process by the caller); tests pass small fakes.
 */
export interface PhotoAdapters {
  /** Metadata from the original bytes (AppError when the bytes are not an image at all). */
  readMeta(bytes: Buffer): Promise<PhotoMeta>;
  /** Stored pixel size and EXIF orientation from the image header (no pixels decoded); refuses images over the pixel limit. */
  probe(bytes: Buffer): Promise<{ width: number; height: number; orientation: number }>;
  /** Decode once, EXIF orientation applied, downscaled by `scale` (≤ 1). */
  decode(bytes: Buffer, scale: number): Promise<RgbRaster>;
  /** Detections in the original (displayed, full-resolution) photo's pixels; `onStage` hears tiles, inference, merge start. */
  detect(raster: RgbRaster, onStage?: (stage: Exclude<AnalysisStage, 'decode'>) => void): Promise<Detection[]>;
}

/** The stages of one photo's analysis, in order, as job progress reports them. */
export const ANALYSIS_STAGES = ['decode', 'tiles', 'inference', 'merge'] as const;
export type AnalysisStage = (typeof ANALYSIS_STAGES)[number];

export interface AnalyzePhotoOptions {
  /** Ground sample distance the model was trained at, m/px; null when the model does not say. */
  readonly trainingGsd: number | null;
  readonly now?: () => number;
  /** Called as each stage starts. */
  readonly onStage?: (stage: AnalysisStage) => void;
}

export async function analyzePhoto(
  path: string,
  photo: string,
  bytes: Buffer,
  io: PhotoAdapters,
  options: AnalyzePhotoOptions,
): Promise<PhotoResult> {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // The header first: a decompression bomb or a file that is no image stops here, before anything else reads it.
  const probed = await io.probe(bytes);
  const sized = withProbedSize(await io.readMeta(bytes), probed);
  const meta = sized.meta;
  const described = describeGeometry(meta);
  const scale = analysisScale(described.gsd, options.trainingGsd);
  const t1 = now();
  options.onStage?.('decode');
  const raster = await io.decode(bytes, scale);
  const t2 = now();
  const detections = await io.detect(raster, options.onStage);
  const t3 = now();
  return {
    photo,
    path,
    sha256,
    meta,
    ...described,
    warnings: [...sized.warnings, ...described.warnings],
    analysisScale: raster.width / raster.originalWidth,
    detections,
    observations: detections.map((d) => placeDetection(photo, d, described.geometry)),
    timings: { decode: t2 - t1, inference: t3 - t2, total: t3 - t0 },
  };
}
