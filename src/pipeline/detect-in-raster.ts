import type { Detection } from '../detections/detection';
import { mergeTileDetections } from '../detections/merge-tile-detections';
import type { TileDetection } from '../detections/tile-detection';
import { AppError } from '../errors';
import type { RgbRaster } from '../image/raster';
import { decodeHeatmap } from '../inference/decode-heatmap';
import { decodeYolo } from '../inference/decode-yolo';
import type { InferenceModel, OutputTensor } from '../inference/inference-model';
import type { ModelManifest } from '../inference/model-manifest';
import { packTiles } from '../inference/tile-batch';
import { planTiles, type Tile } from '../tiling/plan-tiles';

export interface DetectOptions {
  /** Tiles per model run (capped by the model's fixed batch size). Default 8. */
  readonly batchSize?: number;
  /** Minimum overlap between neighbouring tiles, as a fraction of the tile. Default 0.2. */
  readonly overlap?: number;
  /** Called after each batch with tiles done and tiles in all. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called as each stage starts: tiles planned, inference running, merging across tile seams. */
  readonly onStage?: (stage: 'tiles' | 'inference' | 'merge') => void;
}

/**
 * Every discharge the model sees in a raster, in the original (displayed, full-resolution) photo's pixels:
 * tiles of the model's input size → batches → model → decoder for the manifest's task → merged across tiles.
 */
export async function detectInRaster(raster: RgbRaster, model: InferenceModel, opts: DetectOptions = {}): Promise<Detection[]> {
  const m = model.manifest;
  const size = m.input.size;
  opts.onStage?.('tiles');
  const tiles = planTiles(raster.width, raster.height, size, opts.overlap ?? 0.2);
  const batchSize = Math.max(1, Math.min(opts.batchSize ?? 8, model.maxBatch ?? Infinity));
  const buffer = new Float32Array(Math.min(batchSize, tiles.length) * 3 * size * size);
  const perTile: { tile: Tile; detections: TileDetection[] }[] = [];
  opts.onStage?.('inference');
  for (let start = 0; start < tiles.length; start += batchSize) {
    const chunk = tiles.slice(start, start + batchSize);
    const batch = packTiles(raster, chunk, m.input, buffer);
    const outputs = await model.run(batch, chunk.length);
    chunk.forEach((tile, i) => perTile.push({ tile, detections: decodeTile(m, outputs, i, tile) }));
    opts.onProgress?.(start + chunk.length, tiles.length);
  }
  opts.onStage?.('merge');
  return mergeTileDetections(perTile, {
    classes: m.classes,
    scaleX: raster.originalWidth / raster.width,
    scaleY: raster.originalHeight / raster.height,
    photoWidth: raster.originalWidth,
    photoHeight: raster.originalHeight,
    mergeIou: m.thresholds.mergeIou,
    mergeOverlap: m.thresholds.mergeOverlap,
    mergeSourcePx: m.thresholds.mergeSourcePx,
  });
}

function decodeTile(m: ModelManifest, outputs: Record<string, OutputTensor>, index: number, tile: Tile): TileDetection[] {
  const t = m.thresholds;
  const valid = { validWidth: tile.width, validHeight: tile.height };
  switch (m.task) {
    case 'heatmap': {
      const { classOutput, waterOutput } = m.heatmap;
      return decodeHeatmap(
        {
          extent: output(outputs, m.heatmap.extentOutput, m.name),
          source: output(outputs, m.heatmap.sourceOutput, m.name),
          classes: classOutput ? output(outputs, classOutput, m.name) : undefined,
          water: waterOutput ? output(outputs, waterOutput, m.name) : undefined,
        },
        index,
        {
          stride: m.heatmap.stride, extent: t.extent, minAreaCells: t.minAreaCells, confidence: t.confidence,
          calibration: m.heatmap.calibration, minWater: t.minWater, ...valid,
        },
      );
    }
    case 'yolo':
      return decodeYolo(output(outputs, m.yolo.output, m.name), index, {
        numClasses: m.classes.length, confidence: t.confidence, nmsIou: t.nmsIou, ...valid,
      });
  }
}

function output(outputs: Record<string, OutputTensor>, name: string, model: string): OutputTensor {
  const t = outputs[name];
  if (!t) throw new AppError('INFERENCE_FAILED', `${model}: the run returned no output "${name}" (got ${Object.keys(outputs).join(', ') || 'none'})`);
  return t;
}
