import fs from 'node:fs/promises';
import { AppError } from '../errors';
import { checkedSize, decodeRaster } from '../image/sharp-image';
import type { ModelManifest, ModelThresholds } from '../inference/model-manifest';
import { loadModel } from '../inference/onnx-session';
import { readPhotoMeta } from '../metadata/read-photo-meta';
import type { FlightAdapters } from './analyze-photos';
import { detectInRaster } from './detect-in-raster';

export interface AnalyzerSettings {
  readonly modelDir: string;
  /** onnxruntime intra-op threads for this process's one session. */
  readonly threads: number;
  readonly batchSize: number;
  /** Decompression-bomb guard. */
  readonly maxPixels: number;
  /** Overrides the model's confidence threshold when set. */
  readonly threshold?: number;
  /** Overrides some of the model's thresholds (for the calibration tool's trials). */
  readonly thresholds?: Partial<ModelThresholds>;
  /** Reports the decoder's raw score, ignoring the model's confidence calibration (heatmap models). */
  readonly uncalibrated?: boolean;
}

export interface Analyzer {
  readonly adapters: FlightAdapters;
  readonly model: { readonly name: string; readonly version: string; readonly trainingGsd: number | null };
  close(): Promise<void>;
}

/**
 * The composition root: builds the real adapters (file system, exifr, sharp, one onnxruntime session)
 * once per process. The CLI calls it once per run; a queue worker once per child process.
 */
export async function createPhotoAdapters(settings: AnalyzerSettings): Promise<Analyzer> {
  const loaded = await loadModel(settings.modelDir, { threads: settings.threads });
  const adjusted = adjustManifest(loaded.manifest, settings);
  const model = adjusted === loaded.manifest ? loaded : { ...loaded, manifest: adjusted, run: loaded.run.bind(loaded) };
  const m = loaded.manifest;
  return {
    model: { name: m.name, version: m.version, trainingGsd: m.trainingGsd ?? null },
    adapters: {
      readFile,
      readMeta: (bytes) => readPhotoMeta(bytes),
      probe: async (bytes) => {
        const s = await checkedSize(bytes, settings.maxPixels);
        return { width: s.width, height: s.height, orientation: s.orientation };
      },
      decode: (bytes, scale) => decodeRaster(bytes, { scale, maxPixels: settings.maxPixels }),
      detect: (raster, onStage) => detectInRaster(raster, model, { batchSize: settings.batchSize, ...(onStage ? { onStage } : {}) }),
    },
    close: () => loaded.release(),
  };
}

/** The manifest with the settings' overrides, or the very same object when there are none. */
function adjustManifest(m: ModelManifest, settings: AnalyzerSettings): ModelManifest {
  const { threshold, thresholds, uncalibrated } = settings;
  if (threshold === undefined && thresholds === undefined && !uncalibrated) return m;
  const adjusted: ModelManifest = {
    ...m,
    thresholds: { ...m.thresholds, ...thresholds, ...(threshold === undefined ? {} : { confidence: threshold }) },
  };
  return uncalibrated && adjusted.task === 'heatmap' ? { ...adjusted, heatmap: { ...adjusted.heatmap, calibration: null } } : adjusted;
}

async function readFile(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const transient = code === 'EMFILE' || code === 'EAGAIN' || code === 'EBUSY';
    throw new AppError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `cannot read ${file}: ${(e as Error).message}`, { cause: e, retryable: transient });
  }
}
