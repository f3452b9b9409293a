import { detectCorners } from './detect-corners';
import type { FloatImage, Point } from './gray-image';
import { sampleBilinear } from './gray-image';
import type { Similarity } from './similarity-transform';
import { applySimilarity, invertSimilarity } from './similarity-transform';

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;


/**
 * Fine matching around a predicted transform: corners of A, each compared (as a patch resampled into
 * B's orientation and scale) with every position within `search` pixels of its prediction in B by NCC.
 * Kept when the best NCC is high and clearly above the best position more than 2 pixels away; the peak
 * is refined to sub-pixel by a parabola. Points are in A's and B's pixels.
 */
export interface RefineOptions {
  readonly maxCorners?: number;
  /** Patch half-size, pixels. Default 10 (21x21). */
  readonly patchRadius?: number;
  /** Search half-size around the prediction, pixels. Default 16. */
  readonly search?: number;
  readonly minNcc?: number;
  /** Smallest lead of the best NCC over the runner-up. Default 0.03. */
  readonly minLead?: number;
}

export interface PointMatch {
  readonly a: Point;
  readonly b: Point;
  readonly ncc: number;
}

export function refineMatches(a: FloatImage, b: FloatImage, predict: Similarity, options: RefineOptions = {}): PointMatch[] {
  const r = options.patchRadius ?? 10;
  const search = options.search ?? 16;
  const size = 2 * r + 1;
  const inv = invertSimilarity(predict);
  const corners = detectCorners(a, { maxCorners: options.maxCorners ?? 1500, border: r + 1 });
  const out: PointMatch[] = [];
  const tpl = new Float64Array(size * size);
  const scores = new Float64Array((2 * search + 1) ** 2);
  for (const c of corners) {
    const [px, py] = applySimilarity(predict, [c.x, c.y]);
    const cx = math.round(px), cy = math.round(py);
    if (cx - search - r < 0 || cy - search - r < 0 || cx + search + r >= b.width || cy + search + r >= b.height) continue;
    let mean = 0, ok = true;
    for (let v = -r; v <= r && ok; v++) {
      for (let u = -r; u <= r; u++) {
        const val = sampleBilinear(a, c.x + inv.a * u - inv.b * v, c.y + inv.b * u + inv.a * v);
        if (val !== val) { ok = false; break; }
        tpl[(v + r) * size + u + r] = val;
        mean += val;
      }
    }
    if (!ok) continue;
    mean /= size * size;
    let tNorm = 0;
    for (let k = 0; k < tpl.length; k++) { tpl[k] = (tpl[k] ?? 0) - mean; tNorm += (tpl[k] ?? 0) ** 2; }
    if (tNorm < 1e-6) continue;
    let best = -2, bi = 0, bj = 0;
    for (let j = -search; j <= search; j++) {
      for (let i = -search; i <= search; i++) {
        let dot = 0, s = 0, s2 = 0;
        for (let v = 0; v < size; v++) {
          const row = (cy + j - r + v) * b.width + cx + i - r;
          for (let u = 0; u < size; u++) {
            const val = b.data[row + u] ?? 0;
            dot += (tpl[v * size + u] ?? 0) * val;
            s += val;
            s2 += val * val;
          }
        }
        const varB = s2 - (s * s) / (size * size);
        const ncc = varB > 1e-6 ? dot / math.sqrt(tNorm * varB) : -1;
        scores[(j + search) * (2 * search + 1) + i + search] = ncc;
        if (ncc > best) { best = ncc; bi = i; bj = j; }
      }
    }
    let second = -2;
    for (let j = -search; j <= search; j++) {
      for (let i = -search; i <= search; i++) {
        if (math.max(math.abs(i - bi), math.abs(j - bj)) > 2) second = math.max(second, scores[(j + search) * (2 * search + 1) + i + search] ?? -2);
      }
    }
    if (best < (options.minNcc ?? 0.7) || best - second < (options.minLead ?? 0.03)) continue;
    if (math.abs(bi) === search || math.abs(bj) === search) continue;
    const at = (i: number, j: number): number => scores[(j + search) * (2 * search + 1) + i + search] ?? 0;
    const sub = (l: number, m: number, h: number): number => (l - 2 * m + h < 0 ? (0.5 * (l - h)) / (l - 2 * m + h) : 0);
    out.push({ a: [c.x, c.y], b: [cx + bi + sub(at(bi - 1, bj), best, at(bi + 1, bj)), cy + bj + sub(at(bi, bj - 1), best, at(bi, bj + 1))], ncc: best });
  }
  return out;
}
