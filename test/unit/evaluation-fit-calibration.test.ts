import { chooseThreshold, fitCalibration } from '../../src/evaluation/fit-calibration';
import { calibrateConfidence } from '../../src/inference/calibrate-confidence';

/** Raw scores whose chance of being true is known: p(true | r) = sigmoid(2 * logit(r) - 1). */
function synthetic(n: number): { score: number; truePositive: boolean }[] {
  const out: { score: number; truePositive: boolean }[] = [];
  let seed = 12345;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const r = 0.02 + 0.96 * rand();
    const p = 1 / (1 + Math.exp(-(2 * Math.log(r / (1 - r)) - 1)));
    out.push({ score: r, truePositive: rand() < p });
  }
  return out;
}

describe('fitCalibration', () => {
  it('recovers the logistic map that generated the labels', () => {
    const cal = fitCalibration(synthetic(20000));
    expect(cal.a).toBeCloseTo(2, 1);
    expect(cal.b).toBeCloseTo(-1, 1);
  });

  it('makes the calibrated confidence match the observed share of true detections', () => {
    const samples = synthetic(20000);
    const cal = fitCalibration(samples);
    const bin = samples.filter((s) => {
      const c = calibrateConfidence(s.score, cal);
      return c >= 0.45 && c < 0.55;
    });
    const share = bin.filter((s) => s.truePositive).length / bin.length;
    expect(bin.length).toBeGreaterThan(200);
    expect(Math.abs(share - 0.5)).toBeLessThan(0.06);
  });

  it('refuses labels of one class only, and a fit where higher scores are not likelier true', () => {
    expect(() => fitCalibration([{ score: 0.5, truePositive: true }])).toThrow(/true and false/);
    const inverted = synthetic(2000).map((s) => ({ score: 1 - s.score, truePositive: s.truePositive }));
    expect(() => fitCalibration(inverted)).toThrow(/not increasing/);
  });
});

describe('calibrateConfidence', () => {
  it('is the identity without a calibration and monotone with one', () => {
    expect(calibrateConfidence(0.3, null)).toBe(0.3);
    const cal = { a: 1.7, b: -0.4 };
    const xs = [0, 0.01, 0.2, 0.5, 0.9, 1];
    const ys = xs.map((x) => calibrateConfidence(x, cal));
    for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThan(ys[i - 1]!);
    expect(calibrateConfidence(0.5, { a: 1, b: 0 })).toBeCloseTo(0.5, 12);
  });
});

describe('chooseThreshold', () => {
  it('picks the threshold with the best F1, the higher one on ties', () => {
    const dets = [
      { confidence: 0.9, truePositive: true }, { confidence: 0.8, truePositive: true },
      { confidence: 0.7, truePositive: false }, { confidence: 0.6, truePositive: true },
      { confidence: 0.3, truePositive: false }, { confidence: 0.2, truePositive: false },
    ];
    // 4 sources: >= 0.8 gives F1 2*2/(4+0+2) = 0.667; >= 0.6 gives 2*3/(6+1+1) = 0.75; >= 0.2: 6/(6+3+1) = 0.6
    const c = chooseThreshold(dets, 4);
    expect(c.threshold).toBeCloseTo(0.6, 9);
    expect([c.truePositives, c.falsePositives]).toEqual([3, 1]);
    expect(c.f1).toBeCloseTo(0.75, 9);
    expect(chooseThreshold([{ confidence: 0.5, truePositive: true }, { confidence: 0.4, truePositive: false }], 1).threshold).toBeCloseTo(0.5, 9);
  });

  it('finds nothing worth keeping when every detection is false', () => {
    const c = chooseThreshold([{ confidence: 0.9, truePositive: false }], 3);
    expect(c.f1).toBe(0);
    expect(c.threshold).toBe(1);
  });
});
