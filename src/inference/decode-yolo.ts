import type { BBox } from '../detections/detection';
import { boxIou } from '../detections/box-iou';
import type { TileDetection } from '../detections/tile-detection';
import type { OutputTensor } from './inference-model';

/**
 * Ultralytics YOLOv8 / YOLO11 detect export, one output:
 *   output  float32 [N, 4 + C, A]  for each of A anchors: cx, cy, w, h in input pixels, then C class
 *                                  scores (already sigmoid, no objectness). [N, A, 4 + C] is read too.
 * Decoding one tile: best class per anchor, score ≥ `confidence`, anchors whose centre lies in the padding
 * dropped, boxes clipped to the tile's real pixels, then greedy NMS per class at `nmsIou`.
 * A detect model has no source head, so the source point is the box centre: a coarse guess, and the
 * merged detection takes it from the best-scoring box.
 */
export interface YoloDecodeOptions {
  readonly numClasses: number;
  readonly confidence: number;
  readonly nmsIou: number;
  readonly validWidth: number;
  readonly validHeight: number;
  readonly maxDetections?: number;
}

export function decodeYolo(output: OutputTensor, index: number, o: YoloDecodeOptions): TileDetection[] {
  const [, d1, d2] = output.dims;
  const rows = 4 + o.numClasses;
  if (output.dims.length !== 3 || d1 === undefined || d2 === undefined || (d1 !== rows && d2 !== rows)) {
    throw new RangeError(`YOLO output has dims [${output.dims.join(', ')}], expected [N, ${rows}, anchors]`);
  }
  const transposed = d1 !== rows;
  const anchors = transposed ? d1 : d2;
  const base = index * rows * anchors;
  const at = transposed
    ? (r: number, a: number): number => output.data[base + a * rows + r] ?? 0
    : (r: number, a: number): number => output.data[base + r * anchors + a] ?? 0;
  const candidates: TileDetection[] = [];
  for (let a = 0; a < anchors; a++) {
    let cls = 0, score = -Infinity;
    for (let k = 0; k < o.numClasses; k++) {
      const s = at(4 + k, a);
      if (s > score) { score = s; cls = k; }
    }
    if (score < o.confidence) continue;
    const cx = at(0, a), cy = at(1, a), bw = at(2, a), bh = at(3, a);
    if (cx < 0 || cy < 0 || cx >= o.validWidth || cy >= o.validHeight || bw <= 0 || bh <= 0) continue;
    const bbox: BBox = [Math.max(0, cx - bw / 2), Math.max(0, cy - bh / 2), Math.min(o.validWidth, cx + bw / 2), Math.min(o.validHeight, cy + bh / 2)];
    candidates.push({ classIndex: cls, confidence: score, sourceScore: score, source: [cx, cy], bbox });
  }
  return nms(candidates, o.nmsIou, o.maxDetections ?? 300);
}

/** Greedy non-maximum suppression within each class: the best box wins, boxes overlapping it above `iou` go. */
export function nms(dets: readonly TileDetection[], iou: number, max = Infinity): TileDetection[] {
  const sorted = [...dets].sort((a, b) => b.confidence - a.confidence);
  const kept: TileDetection[] = [];
  for (const d of sorted) {
    if (kept.length >= max) break;
    if (kept.every((k) => k.classIndex !== d.classIndex || boxIou(k.bbox, d.bbox) <= iou)) kept.push(d);
  }
  return kept;
}
