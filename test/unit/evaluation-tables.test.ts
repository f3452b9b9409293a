import { breakdownTable, falsePositiveTable } from '../../src/evaluation/breakdown-table';
import { formatTable } from '../../src/evaluation/format-table';
import type { SourceScore } from '../../src/evaluation/score-sources';
import { ratio, summaryTable } from '../../src/evaluation/summary-table';

const score = (tp: number, fp: number, fn: number, negatives: number, fpOnNegatives: number): SourceScore => {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return {
    truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    negativePhotos: negatives, falsePositivesOnNegatives: fpOnNegatives, fpPerNegativePhoto: negatives ? fpOnNegatives / negatives : null,
    medianErrorPx: null, medianErrorM: null, missed: [], falseAlarms: [],
  };
};

describe('formatTable', () => {
  it('pads each column to its widest cell, aligns as told, underlines the header, trims the line ends', () => {
    expect(formatTable([['name', 'n'], ['a', '10'], ['long name', '2']], ['left', 'right'])).toEqual([
      'name        n',
      '---------  --',
      'a          10',
      'long name   2',
    ]);
    expect(formatTable([])).toEqual([]);
  });
});

describe('summaryTable', () => {
  it('puts the sets side by side, with counts, and says which were skipped', () => {
    expect(summaryTable({ heldout: null, scenes: score(14, 18, 33, 16, 6), real: { photos: 30, falseAlarms: 3 } })).toEqual([
      '                             held-out  eval-scenes-dev         real',
      '---------------------------  --------  ---------------  -----------',
      'precision                     skipped     0.44 (14/32)            -',
      'recall                        skipped     0.30 (14/47)            -',
      'F1                            skipped             0.35            -',
      'FP per negative photo         skipped      0.38 (6/16)  0.10 (3/30)',
      'false alarms on real photos         -                -      3 of 30',
    ]);
  });

  it('writes - where a ratio is 0/0 (nothing found, nothing to find, no negative photo)', () => {
    const lines = summaryTable({ heldout: score(0, 0, 0, 0, 0), scenes: null, real: null });
    expect(lines[2]).toMatch(/^precision\s+-\s+skipped\s+skipped$/);
    expect(lines[4]).toMatch(/^F1\s+-\s+skipped\s+skipped$/);
    expect(ratio(0, 0)).toBe('-');
  });
});

describe('breakdownTable and falsePositiveTable', () => {
  it('name each attribute once, on its first bucket', () => {
    const lines = breakdownTable([
      { attribute: 'faint', buckets: [{ bucket: 'not faint', found: 13, total: 38 }, { bucket: 'faint', found: 1, total: 9 }] },
      { attribute: 'water', buckets: [{ bucket: 'river', found: 8, total: 26 }] },
    ]);
    expect(lines).toEqual([
      'recall by  bucket     found  recall',
      '---------  ---------  -----  ------',
      'faint      not faint  13/38    0.34',
      '           faint        1/9    0.11',
      'water      river       8/26    0.31',
    ]);
    expect(breakdownTable([])).toEqual([]);
  });

  it('show false positives per negative photo by water', () => {
    expect(falsePositiveTable([{ bucket: 'river', photos: 7, falsePositives: 4 }])).toEqual([
      'negatives by water  photos  FP  per photo',
      '------------------  ------  --  ---------',
      'river                    7   4       0.57',
    ]);
    expect(falsePositiveTable([])).toEqual([]);
  });
});
