import type { LonLat } from '../../../src/geo/photo-geometry';
import { ccwRing, signedArea } from '../../../src/report/ccw-ring';
import { formatNumber, roundTo } from '../../../src/report/round-to';

describe('ccwRing', () => {
  const ccw: LonLat[] = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];

  it('keeps a closed counter-clockwise ring as it is', () => {
    expect(ccwRing(ccw)).toEqual(ccw);
  });

  it('reverses a clockwise ring', () => {
    const out = ccwRing([...ccw].reverse());
    expect(signedArea(out)).toBeGreaterThan(0);
    expect(out[0]).toEqual(out[out.length - 1]);
  });

  it('closes an open ring', () => {
    expect(ccwRing([[0, 0], [1, 0], [1, 1]])).toEqual([[0, 0], [1, 0], [1, 1], [0, 0]]);
  });

  it('rounds to 7 decimals before closing, so a ring closed to 1e-9 stays one ring', () => {
    expect(ccwRing([[0.000000001, 0], [1, 0], [1, 1], [0, 0]])).toEqual([[0, 0], [1, 0], [1, 1], [0, 0]]);
  });

  it('refuses a ring with fewer than 3 corners', () => {
    expect(() => ccwRing([[0, 0], [1, 1]])).toThrow(RangeError);
    expect(() => ccwRing([])).toThrow(RangeError);
  });
});

describe('roundTo and formatNumber', () => {
  it('round to the given decimals and never give -0', () => {
    expect(roundTo(120.123456789, 7)).toBe(120.1234568);
    expect(roundTo(0.91234, 3)).toBe(0.912);
    expect(Object.is(roundTo(-0.00000001, 7), 0)).toBe(true);
  });

  it('write plain decimals, never exponent notation', () => {
    expect(formatNumber(0.0000001, 7)).toBe('0.0000001');
    expect(formatNumber(-0.0000012, 7)).toBe('-0.0000012');
    expect(formatNumber(120.5, 7)).toBe('120.5');
    expect(formatNumber(3, 1)).toBe('3');
  });
});
