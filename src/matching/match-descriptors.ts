import type { Keypoint } from './describe-keypoints';

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;
const INFINITY = Number.POSITIVE_INFINITY;


/**
 * Mutual nearest neighbours by descriptor correlation that also pass Lowe's ratio test on distance
 * (best distance < ratio * second best). Returns [indexInA, indexInB] pairs.
 */
export function matchDescriptors(a: readonly Keypoint[], b: readonly Keypoint[], ratio = 0.85): Array<[number, number]> {
  const bestForB = new Int32Array(b.length).fill(-1);
  const bestDotB = new Float64Array(b.length).fill(-INFINITY);
  const candidates: Array<[number, number]> = [];
  for (let i = 0; i < a.length; i++) {
    const da = a[i]?.descriptor;
    if (!da) continue;
    let best = -1, d1 = -INFINITY, d2 = -INFINITY;
    for (let j = 0; j < b.length; j++) {
      const db = b[j]?.descriptor;
      if (!db) continue;
      let dot = 0;
      for (let k = 0; k < da.length; k++) dot += (da[k] ?? 0) * (db[k] ?? 0);
      if (dot > d1) { d2 = d1; d1 = dot; best = j; } else if (dot > d2) d2 = dot;
      if (dot > (bestDotB[j] ?? -INFINITY)) { bestDotB[j] = dot; bestForB[j] = i; }
    }
    // unit vectors: squared distance = 2 - 2·dot
    const dist1 = math.sqrt(math.max(0, 2 - 2 * d1)), dist2 = math.sqrt(math.max(0, 2 - 2 * d2));
    if (best >= 0 && dist1 < ratio * dist2) candidates.push([i, best]);
  }
  return candidates.filter(([i, j]) => bestForB[j] === i);
}
