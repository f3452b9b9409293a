import type { GrayRaster } from '../image/raster';

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;

/**
 * Directions the score is measured along: [dx, dy, weight]. The weight puts the diagonals on the scale of
 * the axes: on sharp photos the raw diagonal ratio runs about 1.5 times the axial one (measured on the
 * Brighton Beach, real-water and sample photos at 512 px), so 0.75 keeps the diagonals above the axes on
 * sharp photos and lets a diagonal motion blur still pull the score down.
 */
const DIRECTIONS: readonly (readonly [number, number, number])[] = [
  [1, 0, 1],
  [0, 1, 1],
  [1, 1, 0.75],
  [1, -1, 0.75],
];

/**
 * Runs no bigger than rounding to 8 bits can make on a flat patch: each pixel is off by at most half a level,
 * so |b - a| ≤ 1 and |a + b - 2c| ≤ 2. Counted, they make a blurred low-contrast photo look sharp (the
 * staircase and the spikes that rounding leaves on a smooth slope score like fine detail), so they are left
 * out. A direction with fewer than MIN_RUNS of its runs left tells nothing.
 */
const ROUNDING_FIRST = 1;
const ROUNDING_SECOND = 2;
const MIN_RUNS = 0.01;

/**
 * How much fine detail a grayscale photo keeps, independent of its brightness and contrast: along each of
 * four directions, the energy of the second difference (a + b - 2c) over that of the first difference
 * ((b - a) / 2) for every run of three pixels a, c, b, summed over the whole raster (rounding noise left out,
 * see ROUNDING_FIRST); the score is the lowest direction's ratio (so a motion blur along one direction counts
 * as well as a defocus).
 *
 * Scaling the brightness scales both energies alike, and on natural scenes (whose spectrum falls as 1/f) the
 * ratio depends on how far up in frequency the detail reaches, not on what the scene shows. Measured at
 * 512 px wide: sharp photos 2.1 to 5.3; a Gaussian blur of sigma 0.7 px brings them to 0.7 to 1.6,
 * sigma 1 px to 0.35 to 0.8, sigma 1.5 px to 0.15 to 0.4. Null when the raster is under 3 pixels across or
 * has almost no detail left (a uniform or nearly uniform frame).
 */
export function sharpness(gray: GrayRaster): number | null {
  const { width: w, height: h, data } = gray;
  if (w < 3 || h < 3) return null;
  const minRuns = MIN_RUNS * (w - 2) * (h - 2);
  let lowest = Number.POSITIVE_INFINITY;
  for (const [dx, dy, weight] of DIRECTIONS) {
    let first = 0;
    let second = 0;
    let runs = 0;
    const step = dy * w + dx;
    for (let y = 1; y < h - 1; y++) {
      const row = y * w;
      for (let x = 1; x < w - 1; x++) {
        const i = row + x;
        const a = data[i - step] ?? 0;
        const c = data[i] ?? 0;
        const b = data[i + step] ?? 0;
        const e = b - a;
        const d2 = a + b - 2 * c;
        if (math.abs(e) <= ROUNDING_FIRST && math.abs(d2) <= ROUNDING_SECOND) continue;
        first += (e * e) / 4;
        second += d2 * d2;
        runs++;
      }
    }
    if (runs >= minRuns && first > 0) lowest = math.min(lowest, (weight * second) / first);
  }
  return Number.isFinite(lowest) ? lowest : null;
}
