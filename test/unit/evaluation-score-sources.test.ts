import { scoreSources, type ScoredPhoto } from '../../src/evaluation/score-sources';

/** Observations in the order given, strongest first (confidence 1, 0.9, 0.8, ...). */
const photo = (truth: [number, number][], found: [number, number][], width = 1000, name = 'p.jpg'): ScoredPhoto => ({
  photo: name,
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

  it('matches each true source once: a second detection of it is a false alarm, whichever is closer', () => {
    // The stronger one (at 110) claims the source although the weaker one (at 95) lies closer.
    const s = scoreSources([photo([[100, 100]], [[110, 100], [95, 100]])]);
    expect([s.truePositives, s.falsePositives, s.falseNegatives]).toEqual([1, 1, 0]);
    expect(s.medianErrorPx).toBe(10);
    expect(s.falseAlarms).toEqual([{ photo: 'p.jpg', index: 1 }]);
  });

  it('lets the strongest claim first, so a closer but weaker detection can lose its source (the README rule, not closest pairs)', () => {
    // Sources at 80 and 140 (limit 50). The strongest, at 125, claims the nearer one (140); the weaker at 150
    // would be closer to 140 but finds it claimed, and 80 is 70 px away: a false positive, and 80 a miss.
    const s = scoreSources([photo([[80, 100], [140, 100]], [[125, 100], [150, 100]])]);
    expect([s.truePositives, s.falsePositives, s.falseNegatives]).toEqual([1, 1, 1]);
    expect(s.missed).toEqual([{ photo: 'p.jpg', index: 0 }]);
    expect(s.falseAlarms).toEqual([{ photo: 'p.jpg', index: 1 }]);
  });

  it('finds two nearby sources when each detection has its own nearest', () => {
    const s = scoreSources([photo([[100, 100], [160, 100]], [[150, 100], [105, 100]])]);
    expect([s.truePositives, s.falsePositives, s.falseNegatives]).toEqual([2, 0, 0]);
  });

  it('counts false positives per photo without a discharge, apart from those on photos with one', () => {
    const s = scoreSources([
      photo([], [[10, 10], [500, 500]], 1000, 'neg1.jpg'),
      photo([], [], 1000, 'neg2.jpg'),
      photo([[100, 100]], [[900, 900]], 1000, 'pos.jpg'),
    ]);
    expect([s.negativePhotos, s.falsePositivesOnNegatives, s.falsePositives]).toEqual([2, 2, 3]);
    expect(s.fpPerNegativePhoto).toBe(1);
    expect(scoreSources([photo([[1, 1]], [])]).fpPerNegativePhoto).toBeNull();
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
