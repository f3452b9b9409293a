import { fitSimilarity } from './fit-similarity';
import type { Point } from './gray-image';
import type { Similarity } from './similarity-transform';
import { applySimilarity, similarityAngle, wrapDegrees } from './similarity-transform';

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;


/**
 * RANSAC for a similarity from point pairs (2-point samples, deterministic seed), refitted by least
 * squares on its inliers. Also reports the best support found for any model whose rotation differs from
 * the winner's by more than `rivalAngleDeg`: a runner-up close to the winner means the rotation is ambiguous.
 */
export interface RansacOptions {
  /** Largest distance (pixels in `to`) for an inlier. */
  readonly threshold: number;
  readonly iterations?: number;
  readonly seed?: number;
  readonly rivalAngleDeg?: number;
}

export interface RansacResult {
  readonly model: Similarity;
  readonly inliers: number[];
  /** Inliers of the best model with a clearly different rotation (0 when none was seen). */
  readonly rivalInliers: number;
}

export function ransacSimilarity(from: readonly Point[], to: readonly Point[], options: RansacOptions): RansacResult | null {
  const n = math.min(from.length, to.length);
  if (n < 2) return null;
  let seed = options.seed ?? 12345;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const t2 = options.threshold ** 2;
  const inliersOf = (m: Similarity): number[] => {
    const out: number[] = [];
    for (let k = 0; k < n; k++) {
      const [x, y] = applySimilarity(m, from[k] ?? [0, 0]);
      const q = to[k] ?? [0, 0];
      if ((x - q[0]) ** 2 + (y - q[1]) ** 2 <= t2) out.push(k);
    }
    return out;
  };
  let best: { model: Similarity; inliers: number[] } | null = null;
  const rivals: Array<{ angle: number; count: number }> = [];
  for (let it = 0; it < (options.iterations ?? 500); it++) {
    const i = math.floor(random() * n);
    const j = math.floor(random() * n);
    if (i === j) continue;
    const model = fitSimilarity([from[i] ?? [0, 0], from[j] ?? [0, 0]], [to[i] ?? [0, 0], to[j] ?? [0, 0]]);
    if (model === null) continue;
    const inliers = inliersOf(model);
    rivals.push({ angle: similarityAngle(model), count: inliers.length });
    if (best === null || inliers.length > best.inliers.length) best = { model, inliers };
  }
  if (best === null || best.inliers.length < 2) return null;
  let model = best.model;
  let inliers = best.inliers;
  for (let pass = 0; pass < 3; pass++) {
    const refit = fitSimilarity(inliers.map((k) => from[k] ?? [0, 0]), inliers.map((k) => to[k] ?? [0, 0]));
    if (refit === null) break;
    const next = inliersOf(refit);
    if (next.length < inliers.length) break;
    model = refit;
    inliers = next;
  }
  const angle = similarityAngle(model);
  const rivalAngle = options.rivalAngleDeg ?? 20;
  const rivalInliers = rivals.reduce((m, r) => (math.abs(wrapDegrees(r.angle - angle)) > rivalAngle ? math.max(m, r.count) : m), 0);
  return { model, inliers, rivalInliers };
}
