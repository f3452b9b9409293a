import type { PairRotation } from '../../src/geo/heading-consistency';
import { checkHeadingConsistency } from '../../src/geo/heading-consistency';

// The Brighton Beach flight: outbound and second leg tagged ~+44°, the return leg ~-135°, all photos'
// content oriented alike (measured rotations within ±13°).
const tags = [
  { id: 'P18', yawDeg: 45 }, { id: 'P20', yawDeg: 44.2 }, { id: 'P22', yawDeg: 45.3 },
  { id: 'P24', yawDeg: -140 }, { id: 'P26', yawDeg: -132 }, { id: 'P28', yawDeg: -133.5 },
  { id: 'P30', yawDeg: 44.2 }, { id: 'P32', yawDeg: 42 }, { id: 'P34', yawDeg: 44.7 },
];
const pair = (a: string, b: string, rotationDeg: number, matches = 20): PairRotation => ({ a, b, rotationDeg, matches });
const measured = [
  pair('P18', 'P28', -4.8), pair('P20', 'P22', -2.7), pair('P20', 'P26', -10), pair('P20', 'P28', -5.2),
  pair('P22', 'P24', 5.4), pair('P22', 'P26', -8.5), pair('P24', 'P26', -11.2), pair('P24', 'P34', -3.2),
  pair('P26', 'P28', 5.3), pair('P26', 'P32', 12.8), pair('P26', 'P34', 9), pair('P28', 'P30', 1.1),
  pair('P28', 'P32', 11.3), pair('P30', 'P32', 9.8), pair('P32', 'P34', -3.8),
];

describe('checkHeadingConsistency', () => {
  it('flags the photos whose tags are 180° off the flight-wide majority, naming the neighbours', () => {
    const v = checkHeadingConsistency(tags, measured);
    expect(v.filter((x) => x.status === 'suspect').map((x) => x.id)).toEqual(['P24', 'P26', 'P28']);
    expect(v.filter((x) => x.status === 'consistent')).toHaveLength(6);
    const p24 = v.find((x) => x.id === 'P24')!;
    expect(Math.abs(p24.offsetDeg!)).toBeGreaterThan(170);
    expect(p24.warnings[0]).toMatch(/P22.*P34|P34.*P22/);
    expect(p24.warnings[0]).toMatch(/1[78]\d° off/);
  });

  it('leaves photos without a reliable overlap unchecked and ignores weak pairs', () => {
    const v = checkHeadingConsistency([...tags, { id: 'P99', yawDeg: 0 }], [...measured, pair('P99', 'P18', 90, 3)]);
    expect(v.find((x) => x.id === 'P99')?.status).toBe('unchecked');
    expect(v.find((x) => x.id === 'P18')?.status).toBe('consistent');
  });

  it('says it cannot tell when two groups are the same size', () => {
    const v = checkHeadingConsistency([{ id: 'A', yawDeg: 0 }, { id: 'B', yawDeg: 180 }], [pair('A', 'B', 0)]);
    expect(v.map((x) => x.status)).toEqual(['ambiguous', 'ambiguous']);
  });

  it('accepts a real turn when the tags follow it', () => {
    const v = checkHeadingConsistency([{ id: 'A', yawDeg: 10 }, { id: 'B', yawDeg: 100 }, { id: 'C', yawDeg: 100 }], [pair('A', 'B', -90), pair('B', 'C', 2)]);
    expect(v.every((x) => x.status === 'consistent')).toBe(true);
  });
});
