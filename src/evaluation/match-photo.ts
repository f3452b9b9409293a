import type { Pixel } from '../geo/photo-geometry';

/** One observation of a photo, as the report gives it. */
export interface FoundSource {
  readonly pixel: Pixel;
  readonly confidence: number;
}

export interface PhotoMatch {
  /** Per observation, in the order given: the index of the truth source it claimed, or null (a false positive). */
  readonly claims: readonly (number | null)[];
  /** Per observation: its pixel distance to the source it claimed, or null. */
  readonly distancesPx: readonly (number | null)[];
}

/**
 * The scoring rule of eval-scenes-dev (its README), for one photo: the observations, in descending
 * confidence, each claim the nearest unclaimed truth source within `limitPx` of their pixel (a true
 * positive). An observation that claims nothing is a false positive, also when it lies on a source a
 * stronger one already claimed; a source nobody claims is a miss. Equal confidences go in the order given,
 * equal distances to the lower truth index, so the result is deterministic.
 */
export function matchPhoto(truth: readonly Pixel[], found: readonly FoundSource[], limitPx: number): PhotoMatch {
  const claims: (number | null)[] = found.map(() => null);
  const distancesPx: (number | null)[] = found.map(() => null);
  const claimed = new Set<number>();
  const order = found.map((_, i) => i).sort((a, b) => found[b]!.confidence - found[a]!.confidence || a - b);
  for (const fi of order) {
    const f = found[fi]!;
    let best: number | null = null;
    let bestDistance = Infinity;
    for (let ti = 0; ti < truth.length; ti++) {
      if (claimed.has(ti)) continue;
      const t = truth[ti]!;
      const d = Math.hypot(t[0] - f.pixel[0], t[1] - f.pixel[1]);
      if (d <= limitPx && d < bestDistance) {
        best = ti;
        bestDistance = d;
      }
    }
    if (best === null) continue;
    claimed.add(best);
    claims[fi] = best;
    distancesPx[fi] = bestDistance;
  }
  return { claims, distancesPx };
}
