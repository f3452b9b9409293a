import type { TileDetection } from '../detections/tile-detection';
import { calibrateConfidence, type ConfidenceCalibration } from './calibrate-confidence';
import type { OutputTensor } from './inference-model';

/**
 * Heatmap model outputs, for N tiles of S x S input pixels, h = w = S / stride:
 *   extent  float32 [N, 1, h, w]  probability that the cell is discharge (plume) water
 *   source  float32 [N, 1, h, w]  probability-like score, highest where the discharge enters the water
 *   class   float32 [N, C, h, w]  optional per-class probabilities (absent: every detection is class 0)
 *   water   float32 [N, 1, h, w]  optional share of water in each cell (absent: no water test)
 * Cell (i, j) covers input pixels [j*stride, (j+1)*stride) x [i*stride, (i+1)*stride).
 *
 * Decoding one tile: cells with extent ≥ `extent` form 8-connected components (fewer than `minAreaCells`
 * cells: dropped); bbox = the component's cells; source = the source map's maximum over the component grown
 * by one cell, refined to sub-cell precision by the source-weighted centroid of the 3x3 cells around it;
 * raw score = that maximum × the component's mean extent (both must be high: a sure plume with a clear source);
 * confidence = the raw score through the model's calibration when it has one (calibrate-confidence.ts).
 * With a water map, a component whose mean water share is below `minWater` is dropped: a discharge shows
 * as discharging water, so a plume-like blob on land (a red car, a culvert's dry mouth) is not one.
 * Only cells whose centre lies inside the tile's real pixels (validWidth x validHeight) count.
 */
export interface HeatmapDecodeOptions {
  readonly stride: number;
  readonly extent: number;
  readonly minAreaCells: number;
  readonly confidence: number;
  readonly validWidth: number;
  readonly validHeight: number;
  readonly calibration?: ConfidenceCalibration | null | undefined;
  /** With a water map: the least mean water share of a component's cells (0: no test). */
  readonly minWater?: number | undefined;
}

export function decodeHeatmap(
  maps: { extent: OutputTensor; source: OutputTensor; classes?: OutputTensor | undefined; water?: OutputTensor | undefined },
  index: number,
  o: HeatmapDecodeOptions,
): TileDetection[] {
  const [h, w] = mapSize(maps.extent, 'extent');
  const sameSize = (t: OutputTensor, name: string): void => {
    const [th, tw] = mapSize(t, name);
    if (th !== h || tw !== w) throw new RangeError(`${name} map is ${th}x${tw}, extent map ${h}x${w}`);
  };
  sameSize(maps.source, 'source');
  if (maps.water) sameSize(maps.water, 'water');
  const cells = h * w;
  const extent = maps.extent.data.subarray(index * cells, (index + 1) * cells);
  const source = maps.source.data.subarray(index * cells, (index + 1) * cells);
  const minWater = o.minWater ?? 0;
  const water = maps.water && minWater > 0 ? maps.water.data.subarray(index * cells, (index + 1) * cells) : null;
  const vw = Math.min(w, Math.ceil(o.validWidth / o.stride - 0.5));
  const vh = Math.min(h, Math.ceil(o.validHeight / o.stride - 0.5));
  const label = new Int32Array(cells).fill(-1);
  const grown = new Int32Array(cells).fill(-1);
  const out: TileDetection[] = [];
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < cells; start++) {
    if (label[start] !== -1 || !inside(start) || (extent[start] ?? 0) < o.extent) continue;
    const id = next++;
    const members: number[] = [];
    label[start] = id;
    stack.push(start);
    while (stack.length) {
      const c = stack.pop() as number;
      members.push(c);
      forNeighbours(c, (n) => {
        if (label[n] === -1 && (extent[n] ?? 0) >= o.extent) {
          label[n] = id;
          stack.push(n);
        }
      });
    }
    if (members.length < o.minAreaCells) continue;
    let x0 = w, y0 = h, x1 = -1, y1 = -1, sumExtent = 0, sumWater = 0, best = -1, bestScore = -Infinity;
    for (const c of members) {
      const x = c % w, y = (c - x) / w;
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
      sumExtent += extent[c] ?? 0;
      sumWater += water?.[c] ?? 0;
      const visit = (n: number): void => {
        if (grown[n] === id) return;
        grown[n] = id;
        if ((source[n] ?? 0) > bestScore) { bestScore = source[n] ?? 0; best = n; }
      };
      visit(c);
      forNeighbours(c, visit);
    }
    if (water && sumWater / members.length < minWater) continue;
    const [sx, sy] = centroid(best);
    const confidence = calibrateConfidence(bestScore * (sumExtent / members.length), o.calibration);
    if (confidence < o.confidence) continue;
    const s = o.stride;
    out.push({
      classIndex: maps.classes ? bestClass(maps.classes, index, members, cells) : 0,
      confidence,
      sourceScore: bestScore,
      source: [Math.min((sx + 0.5) * s, o.validWidth), Math.min((sy + 0.5) * s, o.validHeight)],
      bbox: [x0 * s, y0 * s, Math.min((x1 + 1) * s, o.validWidth), Math.min((y1 + 1) * s, o.validHeight)],
    });
  }
  return out;

  function inside(c: number): boolean {
    const x = c % w;
    return x < vw && (c - x) / w < vh;
  }
  function forNeighbours(c: number, fn: (n: number) => void): void {
    const x = c % w, y = (c - x) / w;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
      const nx = x + dx, ny = y + dy;
      if ((dx || dy) && nx >= 0 && ny >= 0 && nx < vw && ny < vh) fn(ny * w + nx);
    }
  }
  function centroid(c: number): [number, number] {
    const x = c % w, y = (c - x) / w;
    let sum = source[c] ?? 0, mx = x * sum, my = y * sum;
    forNeighbours(c, (n) => {
      const v = source[n] ?? 0, nx = n % w;
      sum += v; mx += nx * v; my += ((n - nx) / w) * v;
    });
    return sum > 0 ? [mx / sum, my / sum] : [x, y];
  }
}

function mapSize(t: OutputTensor, name: string): [number, number] {
  const d = t.dims;
  const h = d[d.length - 2], w = d[d.length - 1];
  if (d.length < 3 || h === undefined || w === undefined || (d.length === 4 && d[1] !== 1)) {
    throw new RangeError(`${name} map has dims [${d.join(', ')}], expected [N, 1, h, w]`);
  }
  return [h, w];
}

function bestClass(classes: OutputTensor, index: number, members: readonly number[], cells: number): number {
  const c = classes.dims[1] ?? 1;
  let best = 0, bestSum = -Infinity;
  for (let k = 0; k < c; k++) {
    const base = (index * c + k) * cells;
    let sum = 0;
    for (const m of members) sum += classes.data[base + m] ?? 0;
    if (sum > bestSum) { bestSum = sum; best = k; }
  }
  return best;
}
