import type { BrownConrady } from '../metadata/camera-intrinsics.types';

/**
 * Brown-Conrady distortion (OpenCV's k1, k2, p1, p2, k3) on normalised image coordinates
 * x = (u - cx) / fx, y = (v - cy) / fy:
 *   r² = x² + y²,  radial = 1 + k1 r² + k2 r⁴ + k3 r⁶
 *   xd = x · radial + 2 p1 x y + p2 (r² + 2x²)
 *   yd = y · radial + p1 (r² + 2y²) + 2 p2 x y
 * The polynomial is only meaningful inside the calibrated field (about the image); far outside it may fold.
 */
export type Normalised = [number, number];

/** Ideal (pinhole) normalised point → where the lens puts it. */
export function distort(p: Normalised, d: BrownConrady): Normalised {
  const [x, y] = p;
  const r2 = x * x + y * y;
  const radial = 1 + r2 * (d.k1 + r2 * (d.k2 + r2 * d.k3));
  return [
    x * radial + 2 * d.p1 * x * y + d.p2 * (r2 + 2 * x * x),
    y * radial + d.p1 * (r2 + 2 * y * y) + 2 * d.p2 * x * y,
  ];
}

const MAX_ITERATIONS = 30;
const TOLERANCE = 1e-13;

/**
 * Distorted normalised point → ideal point, by Newton's method on distort() (starting from the distorted
 * point). Returns null when it does not converge (a point far outside the calibrated field).
 */
export function undistort(pd: Normalised, d: BrownConrady): Normalised | null {
  let [x, y] = pd;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const [fx, fy] = distort([x, y], d);
    const [ex, ey] = [fx - pd[0], fy - pd[1]];
    const r2 = x * x + y * y;
    const radial = 1 + r2 * (d.k1 + r2 * (d.k2 + r2 * d.k3));
    const dRadial = d.k1 + r2 * (2 * d.k2 + 3 * d.k3 * r2);
    const a = radial + 2 * x * x * dRadial + 2 * d.p1 * y + 6 * d.p2 * x;
    const b = 2 * x * y * dRadial + 2 * d.p1 * x + 2 * d.p2 * y;
    const c = radial + 2 * y * y * dRadial + 6 * d.p1 * y + 2 * d.p2 * x;
    const det = a * c - b * b;
    if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return null;
    const sx = (c * ex - b * ey) / det;
    const sy = (a * ey - b * ex) / det;
    x -= sx;
    y -= sy;
    if (Math.abs(sx) < TOLERANCE && Math.abs(sy) < TOLERANCE) return [x, y];
  }
  const [fx, fy] = distort([x, y], d);
  return Math.hypot(fx - pd[0], fy - pd[1]) < 1e-9 ? [x, y] : null;
}
