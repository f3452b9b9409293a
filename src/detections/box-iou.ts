import type { BBox } from './detection';

/** Intersection over union of two [x0, y0, x1, y1] boxes (0 when either is empty). */
export function boxIou(a: BBox, b: BBox): number {
  const inter = intersection(a, b);
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

/** Area shared by two boxes. */
export function intersection(a: BBox, b: BBox): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Area of a box (0 when inverted). */
export function area(b: BBox): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}
