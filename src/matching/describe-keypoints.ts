import type { Corner } from './detect-corners';
import type { FloatImage } from './gray-image';
import { sampleBilinear } from './gray-image';

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;


/**
 * Rotation-normalised patch descriptors: each corner gets the dominant gradient direction around it
 * (36-bin histogram, Gaussian-weighted), and an 8x8 grid of samples taken along that direction, made
 * zero-mean and unit-length so a dot product is their normalised correlation.
 */
export interface Keypoint {
  readonly x: number;
  readonly y: number;
  /** Dominant gradient direction, radians, clockwise on screen from +x. */
  readonly angle: number;
  readonly descriptor: Float32Array;
}

const GRID = 8;

export function describeKeypoints(image: FloatImage, corners: readonly Corner[], spacing = 3): Keypoint[] {
  const out: Keypoint[] = [];
  const half = ((GRID - 1) / 2) * spacing;
  for (const c of corners) {
    const angle = dominantAngle(image, c.x, c.y, math.round(half));
    const cos = math.cos(angle), sin = math.sin(angle);
    const d = new Float32Array(GRID * GRID);
    let sum = 0, ok = true;
    for (let j = 0; j < GRID && ok; j++) {
      for (let i = 0; i < GRID; i++) {
        const u = i * spacing - half, v = j * spacing - half;
        const val = sampleBilinear(image, c.x + u * cos - v * sin, c.y + u * sin + v * cos);
        if (val !== val) { ok = false; break; }
        d[j * GRID + i] = val;
        sum += val;
      }
    }
    if (!ok) continue;
    const mean = sum / d.length;
    let norm = 0;
    for (let k = 0; k < d.length; k++) { d[k] = (d[k] ?? 0) - mean; norm += (d[k] ?? 0) ** 2; }
    if (norm < 1e-9) continue;
    const inv = 1 / math.sqrt(norm);
    for (let k = 0; k < d.length; k++) d[k] = (d[k] ?? 0) * inv;
    out.push({ x: c.x, y: c.y, angle, descriptor: d });
  }
  return out;
}

function dominantAngle(image: FloatImage, cx: number, cy: number, radius: number): number {
  const { width, height, data } = image;
  const bins = new Float64Array(36);
  const sigma2 = 2 * (radius / 2) ** 2;
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const x = cx + dx, y = cy + dy;
      if (x < 1 || y < 1 || x >= width - 1 || y >= height - 1 || dx * dx + dy * dy > radius * radius) continue;
      const i = y * width + x;
      const gx = (data[i + 1] ?? 0) - (data[i - 1] ?? 0);
      const gy = (data[i + width] ?? 0) - (data[i - width] ?? 0);
      const a = math.atan2(gy, gx);
      const bin = ((math.round((a * 18) / math.PI) % 36) + 36) % 36;
      bins[bin] = (bins[bin] ?? 0) + math.hypot(gx, gy) * math.exp(-(dx * dx + dy * dy) / sigma2);
    }
  }
  let best = 0;
  for (let b = 1; b < 36; b++) if ((bins[b] ?? 0) > (bins[best] ?? 0)) best = b;
  const l = bins[(best + 35) % 36] ?? 0, c = bins[best] ?? 0, r = bins[(best + 1) % 36] ?? 0;
  const den = l - 2 * c + r;
  const offset = den < 0 ? (0.5 * (l - r)) / den : 0;
  return ((best + offset) * math.PI) / 18;
}
