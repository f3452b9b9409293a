import type { Point } from './gray-image';
import type { Similarity } from './similarity-transform';

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;


/** Least-squares similarity taking each `from` point to its `to` point (null with fewer than 2 distinct points). */
export function fitSimilarity(from: readonly Point[], to: readonly Point[]): Similarity | null {
  const n = math.min(from.length, to.length);
  if (n < 2) return null;
  let fx = 0, fy = 0, tx = 0, ty = 0;
  for (let i = 0; i < n; i++) {
    fx += from[i]?.[0] ?? 0; fy += from[i]?.[1] ?? 0;
    tx += to[i]?.[0] ?? 0; ty += to[i]?.[1] ?? 0;
  }
  fx /= n; fy /= n; tx /= n; ty /= n;
  let sxx = 0, sab = 0, sba = 0;
  for (let i = 0; i < n; i++) {
    const px = (from[i]?.[0] ?? 0) - fx, py = (from[i]?.[1] ?? 0) - fy;
    const qx = (to[i]?.[0] ?? 0) - tx, qy = (to[i]?.[1] ?? 0) - ty;
    sxx += px * px + py * py;
    sab += px * qx + py * qy;
    sba += px * qy - py * qx;
  }
  if (sxx < 1e-12) return null;
  const a = sab / sxx, b = sba / sxx;
  return { a, b, tx: tx - (a * fx - b * fy), ty: ty - (b * fx + a * fy) };
}
