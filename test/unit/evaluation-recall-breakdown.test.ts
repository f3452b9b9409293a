import { falsePositivesByWater } from '../../src/evaluation/false-positives-by-water';
import { recallBreakdown, sizeBucket } from '../../src/evaluation/recall-breakdown';
import type { TruthPhoto, TruthSource } from '../../src/evaluation/truth-set';

const source = (extra: Partial<TruthSource> = {}): TruthSource => ({ pixel: [0, 0], lonLat: null, ...extra });
const photo = (file: string, sources: TruthSource[], water?: string): TruthPhoto => ({
  file, width: 1000, height: 750, sources, distractors: [], ...(water === undefined ? {} : { water }),
});

describe('sizeBucket', () => {
  it('splits the visible length at 5 and 15 m, both 5 and 15 in the middle bucket', () => {
    expect([4.99, 5, 15, 15.01].map(sizeBucket)).toEqual(['< 5 m', '5-15 m', '5-15 m', '> 15 m']);
  });
});

describe('recallBreakdown', () => {
  const photos = [
    photo('a.jpg', [
      source({ color: 'black', faint: true, visibleLenM: 3, structure: 'pipe' }),
      source({ color: 'red_dye', faint: false, visibleLenM: 20, structure: 'pipe' }),
    ], 'river'),
    photo('b.jpg', [source({ color: 'black', faint: false, visibleLenM: 8, structure: 'none' })], 'pond'),
    photo('c.jpg', [], 'river'),
  ];

  it('counts found/total per bucket of every attribute, from the misses', () => {
    const b = recallBreakdown(photos, [{ photo: 'a.jpg', index: 0 }]);
    expect(b.map((x) => x.attribute)).toEqual(['color', 'faint', 'size', 'structure', 'water']);
    expect(b[0]!.buckets).toEqual([{ bucket: 'black', found: 1, total: 2 }, { bucket: 'red_dye', found: 1, total: 1 }]);
    expect(b[1]!.buckets).toEqual([{ bucket: 'not faint', found: 2, total: 2 }, { bucket: 'faint', found: 0, total: 1 }]);
    expect(b[2]!.buckets).toEqual([{ bucket: '< 5 m', found: 0, total: 1 }, { bucket: '5-15 m', found: 1, total: 1 }, { bucket: '> 15 m', found: 1, total: 1 }]);
    expect(b[4]!.buckets).toEqual([{ bucket: 'river', found: 1, total: 2 }, { bucket: 'pond', found: 1, total: 1 }]);
  });

  it('leaves out the attributes no source has, and puts a source lacking one the others have under (none)', () => {
    const b = recallBreakdown([photo('a.jpg', [source({ color: 'red' }), source()])], []);
    expect(b).toEqual([{ attribute: 'color', buckets: [{ bucket: '(none)', found: 1, total: 1 }, { bucket: 'red', found: 1, total: 1 }] }]);
    expect(recallBreakdown([photo('a.jpg', [source()])], [])).toEqual([]);
  });
});

describe('falsePositivesByWater', () => {
  it('counts the false positives on photos without a discharge, by water', () => {
    const photos = [photo('a.jpg', [source()], 'river'), photo('b.jpg', [], 'river'), photo('c.jpg', [], 'river'), photo('d.jpg', [], 'pond')];
    const alarms = [{ photo: 'a.jpg' }, { photo: 'b.jpg' }, { photo: 'b.jpg' }, { photo: 'd.jpg' }];
    expect(falsePositivesByWater(photos, alarms)).toEqual([
      { bucket: 'river', photos: 2, falsePositives: 2 },
      { bucket: 'pond', photos: 1, falsePositives: 1 },
    ]);
  });

  it('is empty when the truth gives no water', () => {
    expect(falsePositivesByWater([photo('a.jpg', [])], [{ photo: 'a.jpg' }])).toEqual([]);
  });
});
