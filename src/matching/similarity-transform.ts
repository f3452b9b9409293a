import type { Point } from './gray-image';

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;


/**
 * A 2D similarity in pixel coordinates (y down): x' = a*x - b*y + tx, y' = b*x + a*y + ty.
 * Its angle, atan2(b, a), is positive clockwise on screen: content rotated by +90 turns "up" into "right".
 */
export interface Similarity {
  readonly a: number;
  readonly b: number;
  readonly tx: number;
  readonly ty: number;
}

export function applySimilarity(s: Similarity, p: Point): Point {
  return [s.a * p[0] - s.b * p[1] + s.tx, s.b * p[0] + s.a * p[1] + s.ty];
}

/** (outer ∘ inner)(p) = outer(inner(p)). */
export function composeSimilarity(outer: Similarity, inner: Similarity): Similarity {
  const a = outer.a * inner.a - outer.b * inner.b;
  const b = outer.b * inner.a + outer.a * inner.b;
  const [tx, ty] = applySimilarity(outer, [inner.tx, inner.ty]);
  return { a, b, tx, ty };
}

export function invertSimilarity(s: Similarity): Similarity {
  const d = s.a * s.a + s.b * s.b;
  const a = s.a / d;
  const b = -s.b / d;
  return { a, b, tx: -(a * s.tx - b * s.ty), ty: -(b * s.tx + a * s.ty) };
}

/** Rotation by `deg` (clockwise on screen) and scale `scale` about the origin, then translation. */
export function similarityFrom(deg: number, scale: number, tx: number, ty: number): Similarity {
  const r = (deg * math.PI) / 180;
  return { a: scale * math.cos(r), b: scale * math.sin(r), tx, ty };
}

/** Maps pixel centres of an image to those of a copy scaled by (sx, sy): x' = (x + 0.5) * sx - 0.5. */
export function pixelScaling(sx: number, sy: number): { forward: (p: Point) => Point; inverse: (p: Point) => Point } {
  return {
    forward: (p) => [(p[0] + 0.5) * sx - 0.5, (p[1] + 0.5) * sy - 0.5],
    inverse: (p) => [(p[0] + 0.5) / sx - 0.5, (p[1] + 0.5) / sy - 0.5],
  };
}

/** Angle in degrees, (-180, 180], clockwise on screen. */
export function similarityAngle(s: Similarity): number {
  return (math.atan2(s.b, s.a) * 180) / math.PI;
}

export function similarityScale(s: Similarity): number {
  return math.hypot(s.a, s.b);
}

/** Wraps an angle in degrees into (-180, 180]. */
export function wrapDegrees(deg: number): number {
  const w = ((((deg + 180) % 360) + 360) % 360) - 180;
  return w === -180 ? 180 : w;
}
