import { boxBlur } from '../../src/matching/box-blur';
import type { FloatImage } from '../../src/matching/gray-image';
import { sampleBilinear } from '../../src/matching/gray-image';
import { matchImages } from '../../src/matching/match-images';
import type { Similarity } from '../../src/matching/similarity-transform';
import { applySimilarity, invertSimilarity, similarityFrom, wrapDegrees } from '../../src/matching/similarity-transform';

/** Seeded noise, blurred at two scales: corners everywhere, no repeating pattern. */
function texture(width: number, height: number, seed: number): FloatImage {
  let s = seed;
  const rand = (): number => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
  const fine = { width, height, data: Float32Array.from({ length: width * height }, () => rand() * 255) };
  const a = boxBlur(boxBlur(fine, 1), 1);
  const b = boxBlur(boxBlur(fine, 6), 6);
  return { width, height, data: a.data.map((v, i) => 0.5 * v + 4 * ((b.data[i] ?? 0) - 127) + 64) };
}

/** B(p) = A(S⁻¹(p)): A's content moved by S (and grey outside A). */
function warp(a: FloatImage, s: Similarity, width: number, height: number): FloatImage {
  const inv = invertSimilarity(s);
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [u, v] = applySimilarity(inv, [x, y]);
      const val = sampleBilinear(a, u, v);
      data[y * width + x] = Number.isNaN(val) ? 128 : val;
    }
  }
  return { width, height, data };
}

const A = texture(480, 270, 7);
const FAST = { coarse: { maxCorners: 300 }, refine: { maxCorners: 120 } };

describe('matchImages on synthetic texture', () => {
  const cases: Array<[string, number, number, number]> = [
    ['shift only', 0, 60, -35],
    ['rotated 7 degrees', 7, 40, 20],
    ['rotated 90 degrees', 90, 380, -120],
    ['rotated 180 degrees', 180, 430, 300],
    ['rotated 270 degrees', -90, 60, 400],
  ];
  it.each(cases)('%s: recovers rotation, shift and point pairs', (_name, deg, tx, ty) => {
    const truth = similarityFrom(deg, 1, tx, ty);
    const b = warp(A, truth, 480, 270);
    const r = matchImages(A, b, FAST);
    expect(r.rotationDeg).not.toBeNull();
    expect(Math.abs(wrapDegrees((r.rotationDeg ?? 0) - deg))).toBeLessThan(0.3);
    expect(r.matches.length).toBeGreaterThanOrEqual(20);
    for (const m of r.matches) {
      const [x, y] = applySimilarity(truth, m.a);
      expect(Math.hypot(x - m.b[0], y - m.b[1])).toBeLessThan(0.5);
    }
    const c: [number, number] = [240, 135];
    const [ex, ey] = applySimilarity(truth, c);
    const [gx, gy] = applySimilarity(r.transform!, c);
    expect(Math.hypot(ex - gx, ey - gy)).toBeLessThan(0.5);
  });

  it('maps matches back to the input pixels when it works at a lower resolution', () => {
    const truth = similarityFrom(3, 1, 50, 30);
    const b = warp(A, truth, 480, 270);
    const r = matchImages(A, b, { ...FAST, fineWidth: 240, coarse: { width: 240, maxCorners: 300 } });
    expect(r.matches.length).toBeGreaterThanOrEqual(8);
    for (const m of r.matches) {
      const [x, y] = applySimilarity(truth, m.a);
      expect(Math.hypot(x - m.b[0], y - m.b[1])).toBeLessThan(1.5);
    }
  });

  it('finds no transform between unrelated images', () => {
    const r = matchImages(A, texture(480, 270, 99), FAST);
    expect(r.transform).toBeNull();
    expect(r.matches).toHaveLength(0);
  });
});
