import { boxBlur } from './box-blur';
import type { FloatImage } from './gray-image';

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;


/**
 * Shi-Tomasi corners: the smaller eigenvalue of the structure tensor (gradients summed over a 5x5
 * window), local maxima in 5x5, spread over a grid so that every part of the image gets its share.
 */
export interface Corner {
  readonly x: number;
  readonly y: number;
  readonly strength: number;
}

export interface CornerOptions {
  readonly maxCorners: number;
  /** Pixels kept clear of the image edge. */
  readonly border: number;
  /** Grid cells across (rows follow the aspect ratio). Default 16. */
  readonly cellsAcross?: number;
}

export function detectCorners(image: FloatImage, options: CornerOptions): Corner[] {
  const { width, height, data } = image;
  const n = width * height;
  const xx = new Float32Array(n), yy = new Float32Array(n), xy = new Float32Array(n);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const gx = ((data[i + 1] ?? 0) - (data[i - 1] ?? 0)) / 2;
      const gy = ((data[i + width] ?? 0) - (data[i - width] ?? 0)) / 2;
      xx[i] = gx * gx;
      yy[i] = gy * gy;
      xy[i] = gx * gy;
    }
  }
  const sxx = boxBlur({ width, height, data: xx }, 2).data;
  const syy = boxBlur({ width, height, data: yy }, 2).data;
  const sxy = boxBlur({ width, height, data: xy }, 2).data;
  const score = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = sxx[i] ?? 0, c = syy[i] ?? 0, b = sxy[i] ?? 0;
    score[i] = (a + c) / 2 - math.sqrt(((a - c) / 2) ** 2 + b * b);
  }
  const across = options.cellsAcross ?? 16;
  const down = math.max(1, math.round((across * height) / width));
  const perCell = math.max(1, math.ceil(options.maxCorners / (across * down)));
  const cells: Corner[][] = Array.from({ length: across * down }, () => []);
  const b = math.max(options.border, 2);
  for (let y = b; y < height - b; y++) {
    for (let x = b; x < width - b; x++) {
      const s = score[y * width + x] ?? 0;
      if (s <= 1e-6 || !isLocalMax(score, width, x, y, s)) continue;
      const cell = math.min(down - 1, math.floor((y * down) / height)) * across + math.min(across - 1, math.floor((x * across) / width));
      cells[cell]?.push({ x, y, strength: s });
    }
  }
  const all = cells.flatMap((c) => c.sort((p, q) => q.strength - p.strength).slice(0, perCell));
  const sorted = all.map((c) => c.strength).sort((p, q) => q - p);
  // a cell of flat lawn still yields its "best" corner; drop those far weaker than the image's typical corner
  const floor = 0.02 * (sorted[math.floor(sorted.length / 10)] ?? 0);
  return all.filter((c) => c.strength >= floor).sort((p, q) => q.strength - p.strength).slice(0, options.maxCorners);
}

function isLocalMax(score: Float32Array, width: number, x: number, y: number, s: number): boolean {
  for (let dy = -2; dy <= 2; dy++) {
    for (let dx = -2; dx <= 2; dx++) {
      if ((dx !== 0 || dy !== 0) && (score[(y + dy) * width + x + dx] ?? 0) > s) return false;
    }
  }
  return true;
}
