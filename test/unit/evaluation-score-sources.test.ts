import { scoreSources, type ScoredPhoto } from '../../src/evaluation/score-sources';

const photo = (truth: [number, number][], found: [number, number][], width = 1000): ScoredPhoto => ({
  photo: 'p.jpg',
  width,
  truth: truth.map((pixel) => ({ pixel, lonLat: null })),
  found: found.map((pixel, i) => ({ pixel, ground: null, confidence: 1 - i * 0.1 })),
});

describe('scoreSources', () => {
  it('counts a detection within 5% of the width as a hit, farther as a false alarm and a miss', () => {
    const s = scoreSources([photo([[100, 100]], [[140, 100]]), photo([[100, 100]], [[160, 100]])]);
    expect([s.truePositives, s.falsePositives, s.falseNegatives]).toEqual([1, 1, 1]);
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBe(0.5);
    expect(s.medianErrorPx).toBe(40);
    expect(s.missed).toEqual([{ photo: 'p.jpg', index: 0 }]);
    expect(s.falseAlarms).toEqual([{ photo: 'p.jpg', index: 0 }]);
  });

  it('matches each true source once: a second detection of it is a false alarm', () => {
    const s = scoreSources([photo([[100, 100]], [[110, 100], [95, 100]])]);
    expect([s.truePositives, s.falsePositives, s.falseNegatives]).toEqual([1, 1, 0]);
    expect(s.medianErrorPx).toBe(5);
    expect(s.falseAlarms).toEqual([{ photo: 'p.jpg', index: 0 }]);
  });

  it('pairs the closest first, so two nearby sources are both found', () => {
    const s = scoreSources([photo([[100, 100], [160, 100]], [[150, 100], [105, 100]])]);
    expect([s.truePositives, s.falsePositives, s.falseNegatives]).toEqual([2, 0, 0]);
  });

  it('is perfect on photos with nothing to find and nothing found, and measures ground error when both are placed', () => {
    expect(scoreSources([photo([], [])]).f1).toBe(1);
    const placed: ScoredPhoto = {
      photo: 'q.jpg', width: 1000,
      truth: [{ pixel: [10, 10], lonLat: [113.44, 30.39] }],
      found: [{ pixel: [12, 10], ground: [113.44, 30.39002], confidence: 0.9 }],
    };
    expect(scoreSources([placed]).medianErrorM).toBeCloseTo(2.2, 1);
  });
});
