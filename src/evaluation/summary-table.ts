import { formatTable } from './format-table';
import type { SourceScore } from './score-sources';

/** The three measurements of one eval run; null where a set was skipped. */
export interface SummaryInput {
  readonly heldout: SourceScore | null;
  readonly scenes: SourceScore | null;
  /** The real photos without any discharge: how many, and the observations on them (all false alarms). */
  readonly real: { readonly photos: number; readonly falseAlarms: number } | null;
}

const SKIPPED = 'skipped';
const NONE = '-';

/**
 * The side-by-side summary: rows precision, recall, F1, false positives per photo without a discharge and
 * false alarms on the real photos; columns held-out, eval-scenes-dev, real. Ratios carry their counts.
 */
export function summaryTable(s: SummaryInput): string[] {
  const sets = [s.heldout, s.scenes];
  const cell = (f: (x: SourceScore) => string) => sets.map((x) => (x ? f(x) : SKIPPED));
  const real = s.real;
  return formatTable([
    ['', 'held-out', 'eval-scenes-dev', 'real'],
    ['precision', ...cell((x) => ratio(x.truePositives, x.truePositives + x.falsePositives)), real ? NONE : SKIPPED],
    ['recall', ...cell((x) => ratio(x.truePositives, x.truePositives + x.falseNegatives)), real ? NONE : SKIPPED],
    ['F1', ...cell((x) => (x.truePositives + x.falsePositives + x.falseNegatives === 0 ? NONE : x.f1.toFixed(2))), real ? NONE : SKIPPED],
    ['FP per negative photo', ...cell((x) => ratio(x.falsePositivesOnNegatives, x.negativePhotos)), real ? ratio(real.falseAlarms, real.photos) : SKIPPED],
    ['false alarms on real photos', NONE, NONE, real ? `${real.falseAlarms} of ${real.photos}` : SKIPPED],
  ], ['left', 'right', 'right', 'right']);
}

/** "0.44 (14/32)", or "-" when the ratio is undefined (0/0). */
export function ratio(numerator: number, denominator: number): string {
  return denominator === 0 ? NONE : `${(numerator / denominator).toFixed(2)} (${numerator}/${denominator})`;
}
