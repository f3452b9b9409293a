import { decodeHeatmap } from '../../src/inference/decode-heatmap';

/** An [n, 1, h, w] map from rows of numbers ('.' = 0). */
function map(rows: number[][], n = 1) {
  const h = rows.length, w = rows[0]!.length;
  const data = new Float32Array(n * h * w);
  for (let k = 0; k < n; k++) rows.flat().forEach((v, i) => (data[k * h * w + i] = v));
  return { data, dims: [n, 1, h, w] };
}

const opts = { stride: 4, extent: 0.5, minAreaCells: 1, confidence: 0.1, validWidth: 32, validHeight: 24 };
const E = [
  [0, 0, 0, 0, 0, 0, 0, 0],
  [0, 0.9, 0.9, 0, 0, 0, 0, 0],
  [0, 0.9, 0.8, 0, 0, 0, 0.7, 0],
  [0, 0, 0.6, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0],
];
const S = [
  [0, 0, 0, 0, 0, 0, 0, 0],
  [0, 0.2, 0.9, 0, 0, 0, 0, 0],
  [0, 0.1, 0.3, 0, 0, 0, 0.4, 0],
  [0, 0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0],
];

describe('decodeHeatmap', () => {
  it('finds each component, its box, its source peak and confidence', () => {
    const dets = decodeHeatmap({ extent: map(E), source: map(S) }, 0, opts);
    expect(dets).toHaveLength(2);
    const [big, small] = dets;
    expect(big!.bbox).toEqual([4, 4, 12, 16]);
    expect(big!.sourceScore).toBeCloseTo(0.9);
    expect(big!.confidence).toBeCloseTo(0.9 * ((0.9 + 0.9 + 0.9 + 0.8 + 0.6) / 5));
    // source-weighted centroid of the 3x3 around cell (2, 1): pulled a little left and down of its centre (10, 6)
    expect(big!.source[0]).toBeGreaterThan(8);
    expect(big!.source[0]).toBeLessThan(10);
    expect(big!.source[1]).toBeGreaterThan(6);
    expect(small!.bbox).toEqual([24, 8, 28, 12]);
    expect(small!.source).toEqual([26, 10]);
  });

  it('calibrates the raw score before the threshold applies', () => {
    const raw = 0.9 * ((0.9 + 0.9 + 0.9 + 0.8 + 0.6) / 5);
    const calibration = { a: 2, b: -1 };
    const dets = decodeHeatmap({ extent: map(E), source: map(S) }, 0, { ...opts, calibration, confidence: 0.5 });
    expect(dets).toHaveLength(1);
    expect(dets[0]!.confidence).toBeCloseTo(1 / (1 + Math.exp(-(2 * Math.log(raw / (1 - raw)) - 1))), 6);
    // the small component (raw 0.4 * 0.7 = 0.28) falls to 0.053 after calibration: kept at 0.04, not at 0.1
    expect(decodeHeatmap({ extent: map(E), source: map(S) }, 0, { ...opts, calibration, confidence: 0.04 })).toHaveLength(2);
    expect(decodeHeatmap({ extent: map(E), source: map(S) }, 0, { ...opts, calibration })).toHaveLength(1);
  });

  it('with a water map, drops a component that lies mostly off water, and only then', () => {
    // Water on the left half (the big component), land on the right (the small one at column 6).
    const W = E.map((r) => r.map((_, x) => (x < 4 ? 0.95 : 0.05)));
    const both = decodeHeatmap({ extent: map(E), source: map(S), water: map(W) }, 0, { ...opts, minWater: 0 });
    expect(both).toHaveLength(2);
    const gated = decodeHeatmap({ extent: map(E), source: map(S), water: map(W) }, 0, { ...opts, minWater: 0.5 });
    expect(gated.map((d) => d.bbox)).toEqual([[4, 4, 12, 16]]);
    // The mean over the component decides: a plume two-thirds on water stays at 0.5, goes at 0.7.
    const edge = E.map((r, y) => r.map((_, x) => (x === 2 && y === 3 ? 0 : x === 1 ? 1 : x === 2 ? 0.6 : 0)));
    expect(decodeHeatmap({ extent: map(E), source: map(S), water: map(edge) }, 0, { ...opts, minWater: 0.7 })).toHaveLength(0);
    expect(decodeHeatmap({ extent: map(E), source: map(S), water: map(edge) }, 0, { ...opts, minWater: 0.5 })).toHaveLength(1);
    // No water map: no test, whatever minWater says.
    expect(decodeHeatmap({ extent: map(E), source: map(S) }, 0, { ...opts, minWater: 0.9 })).toHaveLength(2);
    expect(() => decodeHeatmap({ extent: map(E), source: map(S), water: map([[1, 1], [1, 1]]) }, 0, opts)).toThrow(/water map is 2x2/);
  });

  it('drops components below the area or confidence thresholds', () => {
    expect(decodeHeatmap({ extent: map(E), source: map(S) }, 0, { ...opts, minAreaCells: 2 })).toHaveLength(1);
    expect(decodeHeatmap({ extent: map(E), source: map(S) }, 0, { ...opts, confidence: 0.5 })).toHaveLength(1);
    expect(decodeHeatmap({ extent: map(E), source: map(E.map((r) => r.map(() => 0))) }, 0, opts)).toHaveLength(0);
  });

  it('reads the n-th tile of a batch and ignores cells in the padding', () => {
    const dets = decodeHeatmap({ extent: map(E, 3), source: map(S, 3) }, 2, { ...opts, validWidth: 20 });
    expect(dets).toHaveLength(1);
    expect(dets[0]!.bbox[2]).toBeLessThanOrEqual(20);
  });

  it('picks the class with the highest mean probability over the component', () => {
    const zeros = E.map((r) => r.map(() => 0));
    const ones = E.map((r) => r.map(() => 1));
    const classes = map([...zeros, ...ones]);
    const dets = decodeHeatmap({ extent: map(E), source: map(S), classes: { data: classes.data, dims: [1, 2, 6, 8] } }, 0, opts);
    expect(dets.map((d) => d.classIndex)).toEqual([1, 1]);
  });

  it('refuses maps of different sizes', () => {
    expect(() => decodeHeatmap({ extent: map(E), source: map(S.slice(1)) }, 0, opts)).toThrow(RangeError);
  });
});
