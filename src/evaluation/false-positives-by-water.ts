import type { TruthPhoto } from './truth-set';

export interface NegativeBucket {
  readonly bucket: string;
  /** Photos without a discharge in this bucket, and the false positives on them. */
  readonly photos: number;
  readonly falsePositives: number;
}

/**
 * False positives on the photos without a discharge, by the photo's `water` (river, canal, pond, ...);
 * empty when the truth gives no water. `falseAlarms` names the observations that claimed nothing, by photo
 * file, as scoreSources reports them. Largest bucket first, then by name.
 */
export function falsePositivesByWater(photos: readonly TruthPhoto[], falseAlarms: readonly { readonly photo: string }[]): NegativeBucket[] {
  if (!photos.some((p) => p.water !== undefined)) return [];
  const alarmsPer = new Map<string, number>();
  for (const a of falseAlarms) alarmsPer.set(a.photo, (alarmsPer.get(a.photo) ?? 0) + 1);
  const counts = new Map<string, { photos: number; falsePositives: number }>();
  for (const p of photos.filter((q) => q.sources.length === 0)) {
    const bucket = p.water ?? '(none)';
    const c = counts.get(bucket) ?? { photos: 0, falsePositives: 0 };
    counts.set(bucket, { photos: c.photos + 1, falsePositives: c.falsePositives + (alarmsPer.get(p.file) ?? 0) });
  }
  return [...counts.entries()]
    .map(([bucket, c]) => ({ bucket, ...c }))
    .sort((a, b) => b.photos - a.photos || a.bucket.localeCompare(b.bucket));
}
