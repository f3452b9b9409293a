import { formatTable } from './format-table';
import type { NegativeBucket } from './false-positives-by-water';
import type { Breakdown } from './recall-breakdown';

/** Recall per bucket of each attribute, one table: attribute (named on its first row), bucket, found/total, recall. */
export function breakdownTable(breakdowns: readonly Breakdown[]): string[] {
  if (breakdowns.length === 0) return [];
  const rows = breakdowns.flatMap((b) =>
    b.buckets.map((c, i) => [i === 0 ? b.attribute : '', c.bucket, `${c.found}/${c.total}`, c.total === 0 ? '-' : (c.found / c.total).toFixed(2)]),
  );
  return formatTable([['recall by', 'bucket', 'found', 'recall'], ...rows], ['left', 'left', 'right', 'right']);
}

/** False positives on the photos without a discharge, per water: water, photos, false positives, per photo. */
export function falsePositiveTable(buckets: readonly NegativeBucket[]): string[] {
  if (buckets.length === 0) return [];
  const rows = buckets.map((b) => [b.bucket, String(b.photos), String(b.falsePositives), (b.falsePositives / b.photos).toFixed(2)]);
  return formatTable([['negatives by water', 'photos', 'FP', 'per photo'], ...rows], ['left', 'right', 'right', 'right']);
}
