import type { Tile } from '../tiling/plan-tiles';
import { area, boxIou, intersection } from './box-iou';
import type { BBox, Detection } from './detection';
import type { TileDetection } from './tile-detection';

export interface MergeOptions {
  /** Class names by index (the manifest's label map). */
  readonly classes: readonly string[];
  /** Photo pixels per raster pixel on each axis (originalWidth / width, originalHeight / height). */
  readonly scaleX: number;
  readonly scaleY: number;
  /** Photo size, to clip boxes and sources. */
  readonly photoWidth: number;
  readonly photoHeight: number;
  /** Join two detections when their boxes' IoU reaches this... */
  readonly mergeIou: number;
  /** ...or their intersection covers this fraction of the smaller box (a plume cut by a tile seam)... */
  readonly mergeOverlap: number;
  /** ...or their sources are within this many raster (analysis-scale) pixels. */
  readonly mergeSourcePx: number;
}

/**
 * Tile detections to photo detections. Each is moved by its tile's offset into raster pixels; detections
 * of one class are joined (transitively) when they overlap as the options say, so a plume seen by several
 * overlapping tiles, or cut by a seam, is one detection: its box the union, its confidence the best, its
 * source from the member with the strongest source score. Then raster pixels are scaled to photo pixels.
 * Sorted by confidence, best first.
 */
export function mergeTileDetections(
  perTile: readonly { readonly tile: Tile; readonly detections: readonly TileDetection[] }[],
  o: MergeOptions,
): Detection[] {
  const all = perTile.flatMap(({ tile, detections }) =>
    detections.map((d) => ({
      ...d,
      source: [d.source[0] + tile.x, d.source[1] + tile.y] as [number, number],
      bbox: [d.bbox[0] + tile.x, d.bbox[1] + tile.y, d.bbox[2] + tile.x, d.bbox[3] + tile.y] as BBox,
    })),
  );
  const parent = all.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i] as TileDetection, b = all[j] as TileDetection;
      if (a.classIndex === b.classIndex && joins(a, b, o)) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, TileDetection[]>();
  all.forEach((d, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(d);
    else groups.set(root, [d]);
  });
  return [...groups.values()].map((g) => toPhoto(combine(g), o)).sort((a, b) => b.confidence - a.confidence);
}

function joins(a: TileDetection, b: TileDetection, o: MergeOptions): boolean {
  if (Math.hypot(a.source[0] - b.source[0], a.source[1] - b.source[1]) <= o.mergeSourcePx) return true;
  const inter = intersection(a.bbox, b.bbox);
  if (inter <= 0) return false;
  return boxIou(a.bbox, b.bbox) >= o.mergeIou || inter >= o.mergeOverlap * Math.min(area(a.bbox), area(b.bbox));
}

function combine(group: readonly TileDetection[]): TileDetection {
  const best = group.reduce((p, d) => (d.confidence > p.confidence ? d : p));
  const src = group.reduce((p, d) => (d.sourceScore > p.sourceScore || (d.sourceScore === p.sourceScore && d.confidence > p.confidence) ? d : p));
  const bbox: BBox = [
    Math.min(...group.map((d) => d.bbox[0])), Math.min(...group.map((d) => d.bbox[1])),
    Math.max(...group.map((d) => d.bbox[2])), Math.max(...group.map((d) => d.bbox[3])),
  ];
  return { classIndex: best.classIndex, confidence: best.confidence, sourceScore: src.sourceScore, source: src.source, bbox };
}

function toPhoto(d: TileDetection, o: MergeOptions): Detection {
  const x = (v: number): number => Math.min(o.photoWidth, Math.max(0, v * o.scaleX));
  const y = (v: number): number => Math.min(o.photoHeight, Math.max(0, v * o.scaleY));
  return {
    class: o.classes[d.classIndex] ?? `class-${d.classIndex}`,
    confidence: d.confidence,
    source: [x(d.source[0]), y(d.source[1])],
    bbox: [x(d.bbox[0]), y(d.bbox[1]), x(d.bbox[2]), y(d.bbox[3])],
  };
}
