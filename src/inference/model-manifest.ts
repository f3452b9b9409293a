import { z } from 'zod';
import { AppError } from '../errors';

/**
 * `model.json`, beside `model.onnx` in a model folder: what the model expects and how to read its outputs.
 *
 *   input.name/size/layout   the input tensor: float32 [N, 3, size, size], NCHW, RGB
 *   input.mean/std           applied to 0..1 RGB: x = (rgb / 255 - mean) / std, per channel
 *   input.pad                0..1 RGB for input pixels outside the photo (default: mean, i.e. 0 after normalising)
 *   classes                  label map: class index -> name
 *   trainingGsd              metres per pixel of the training photos (null: analyse at full resolution)
 *   thresholds               confidence (final score), nmsIou (YOLO), extent (heatmap probability), minAreaCells,
 *                            mergeIou / mergeOverlap / mergeSourcePx (joining detections across tiles)
 *   heatmap | yolo           which outputs to read (see decode-heatmap.ts and decode-yolo.ts for their shapes);
 *                            heatmap.calibration {a, b}: raw score -> confidence (calibrate-confidence.ts), optional;
 *                            heatmap.waterOutput: the share of water per cell, optional; with it, thresholds.minWater
 *                            (default 0.5) drops a detection whose cells are on average less water than that
 *   sha256                   of model.onnx, checked before loading
 */
const unit = z.number().min(0).max(1);
const rgb = z.tuple([z.number(), z.number(), z.number()]);

const base = z.object({
  name: z.string().min(1),
  version: z.string().min(1),
  input: z.object({
    name: z.string().min(1),
    size: z.number().int().min(16).max(4096),
    layout: z.literal('NCHW'),
    mean: rgb,
    std: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
    pad: z.tuple([unit, unit, unit]).optional(),
  }),
  classes: z.array(z.string().min(1)).min(1),
  trainingGsd: z.number().positive().nullable(),
  thresholds: z.object({
    confidence: unit,
    nmsIou: unit.default(0.5),
    extent: unit.default(0.5),
    minAreaCells: z.number().int().min(1).default(1),
    mergeIou: unit.default(0.3),
    mergeOverlap: unit.default(0.1),
    mergeSourcePx: z.number().min(0).default(8),
    minWater: unit.default(0.5),
  }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
});

const heatmap = base.extend({
  task: z.literal('heatmap'),
  heatmap: z.object({
    stride: z.number().int().min(1),
    extentOutput: z.string().min(1),
    sourceOutput: z.string().min(1),
    classOutput: z.string().min(1).nullable().optional(),
    waterOutput: z.string().min(1).nullable().optional(),
    calibration: z.object({ a: z.number().positive(), b: z.number() }).nullable().optional(),
  }),
});

const yolo = base.extend({
  task: z.literal('yolo'),
  yolo: z.object({ output: z.string().min(1) }),
});

const manifestSchema = z.discriminatedUnion('task', [heatmap, yolo]);

export type ModelManifest = z.infer<typeof manifestSchema>;
export type HeatmapManifest = z.infer<typeof heatmap>;
export type YoloManifest = z.infer<typeof yolo>;
export type ModelThresholds = ModelManifest['thresholds'];

/** Validates parsed model.json; AppError('BAD_MODEL') listing every problem, each with its path. */
export function parseModelManifest(json: unknown, where = 'model.json'): ModelManifest {
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    throw new AppError('BAD_MODEL', `${where} is not a valid model manifest: ${problems.join('; ')}`);
  }
  const m = result.data;
  if (m.task === 'heatmap' && m.input.size % m.heatmap.stride !== 0) {
    throw new AppError('BAD_MODEL', `${where}: input.size ${m.input.size} is not a multiple of heatmap.stride ${m.heatmap.stride}`);
  }
  return m;
}

/** Names of the outputs the decoder reads. */
export function requiredOutputs(m: ModelManifest): string[] {
  switch (m.task) {
    case 'heatmap':
      return [m.heatmap.extentOutput, m.heatmap.sourceOutput, ...(m.heatmap.classOutput ? [m.heatmap.classOutput] : []),
        ...(m.heatmap.waterOutput ? [m.heatmap.waterOutput] : [])];
    case 'yolo':
      return [m.yolo.output];
  }
}
