/**
 * The projective transform (homography) that lays a w x h image onto a quadrilateral, and its CSS matrix3d.
 * Pure numbers: corners in image order (top-left, top-right, bottom-right, bottom-left), in any flat
 * coordinates (here Leaflet layer pixels). Heckbert's square-to-quad solution, scaled from the unit square.
 */
export type Point = readonly [number, number];
export type Quad = readonly [Point, Point, Point, Point];
/** Row-major 3x3: [a, b, c, d, e, f, g, h, 1]; x' = (a x + b y + c) / (g x + h y + 1), y' likewise. */
export type Homography = readonly [number, number, number, number, number, number, number, number, number];

/** The homography taking (0,0), (w,0), (w,h), (0,h) to the quad's corners; null for a degenerate quad. */
export function imageToQuad(w: number, h: number, [p0, p1, p2, p3]: Quad): Homography | null {
  if (!(w > 0) || !(h > 0)) return null;
  const [x0, y0] = p0, [x1, y1] = p1, [x2, y2] = p2, [x3, y3] = p3;
  const dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3;
  const dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3;
  const det = dx1 * dy2 - dx2 * dy1;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return null;
  const g = (dx3 * dy2 - dx2 * dy3) / det;
  const k = (dx1 * dy3 - dx3 * dy1) / det;
  // Unit square to quad, then the image's w x h scaled into the unit square.
  const m: Homography = [
    (x1 - x0 + g * x1) / w, (x3 - x0 + k * x3) / h, x0,
    (y1 - y0 + g * y1) / w, (y3 - y0 + k * y3) / h, y0,
    g / w, k / h, 1,
  ];
  return m.every(Number.isFinite) ? m : null;
}

export function applyHomography(m: Homography, [x, y]: Point): [number, number] {
  const z = m[6] * x + m[7] * y + m[8];
  return [(m[0] * x + m[1] * y + m[2]) / z, (m[3] * x + m[4] * y + m[5]) / z];
}

/** CSS `matrix3d(...)` of the homography (column-major 4x4, z passed through), for transform-origin 0 0. */
export function cssMatrix3d(m: Homography): string {
  const [a, b, c, d, e, f, g, h, i] = m;
  const cols = [a, d, 0, g, b, e, 0, h, 0, 0, 1, 0, c, f, 0, i];
  return `matrix3d(${cols.map((v) => +v.toPrecision(12)).join(',')})`;
}
