import { matchPhoto, type FoundSource } from '../../src/evaluation/match-photo';

const at = (x: number, confidence: number): FoundSource => ({ pixel: [x, 0], confidence });

describe('matchPhoto (eval-scenes-dev rule)', () => {
  it('takes the observations in descending confidence, whatever order they come in', () => {
    // The weak one comes first in the list but the strong one (at 12) claims the only source.
    const m = matchPhoto([[10, 0]], [at(9, 0.2), at(12, 0.9)], 50);
    expect(m.claims).toEqual([null, 0]);
    expect(m.distancesPx).toEqual([null, 2]);
  });

  it('claims the nearest unclaimed source within the limit, the limit itself included', () => {
    expect(matchPhoto([[0, 0], [30, 0]], [at(20, 1)], 50).claims).toEqual([1]);
    expect(matchPhoto([[0, 0]], [at(50, 1)], 50).claims).toEqual([0]);
    expect(matchPhoto([[0, 0]], [at(50.01, 1)], 50).claims).toEqual([null]);
  });

  it('moves on to the next nearest when the nearest is claimed', () => {
    const m = matchPhoto([[0, 0], [30, 0]], [at(28, 0.9), at(25, 0.5)], 50);
    expect(m.claims).toEqual([1, 0]);
    expect(m.distancesPx).toEqual([2, 25]);
  });

  it('is deterministic on ties: equal confidences in the order given, equal distances to the lower index', () => {
    expect(matchPhoto([[0, 0]], [at(5, 0.5), at(1, 0.5)], 50).claims).toEqual([0, null]);
    expect(matchPhoto([[0, 0], [20, 0]], [at(10, 1)], 50).claims).toEqual([0]);
  });

  it('gives nothing to claim on a photo without sources', () => {
    expect(matchPhoto([], [at(1, 1), at(2, 0.5)], 50)).toEqual({ claims: [null, null], distancesPx: [null, null] });
    expect(matchPhoto([[1, 1]], [], 50)).toEqual({ claims: [], distancesPx: [] });
  });
});
