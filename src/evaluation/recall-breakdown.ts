import type { TruthPhoto, TruthSource } from './truth-set';

export interface BucketCount {
  readonly bucket: string;
  readonly found: number;
  readonly total: number;
}

/** Recall of one truth attribute, bucket by bucket. */
export interface Breakdown {
  readonly attribute: BreakdownAttribute;
  readonly buckets: readonly BucketCount[];
}

export const BREAKDOWN_ATTRIBUTES = ['color', 'faint', 'size', 'structure', 'water'] as const;
export type BreakdownAttribute = (typeof BREAKDOWN_ATTRIBUTES)[number];

/** The size buckets of eval-scenes-dev's README, by the plume's visible length. */
export const SIZE_BUCKETS = ['< 5 m', '5-15 m', '> 15 m'] as const;

export function sizeBucket(visibleLenM: number): (typeof SIZE_BUCKETS)[number] {
  if (visibleLenM < 5) return '< 5 m';
  return visibleLenM <= 15 ? '5-15 m' : '> 15 m';
}

/** A source lacking an attribute others have (a truth file mixing writers) lands in this bucket. */
export const UNKNOWN_BUCKET = '(none)';

type BucketOf = (s: TruthSource, p: TruthPhoto) => string | undefined;

const BUCKET_OF: Readonly<Record<BreakdownAttribute, BucketOf>> = {
  color: (s) => s.color,
  faint: (s) => (s.faint === undefined ? undefined : s.faint ? 'faint' : 'not faint'),
  size: (s) => (s.visibleLenM === undefined ? undefined : sizeBucket(s.visibleLenM)),
  structure: (s) => s.structure,
  water: (_, p) => p.water,
};

/**
 * Found/total of the true sources per bucket of every attribute the truth gives (an attribute no source
 * has is left out). `missed` names the sources nobody claimed, by photo file and source index, as
 * scoreSources reports them. Size buckets keep their order; the others go largest first, then by name.
 */
export function recallBreakdown(photos: readonly TruthPhoto[], missed: readonly { readonly photo: string; readonly index: number }[]): Breakdown[] {
  const missedKeys = new Set(missed.map((m) => `${m.photo}\u0000${m.index}`));
  const sources = photos.flatMap((p) => p.sources.map((s, index) => ({ p, s, found: !missedKeys.has(`${p.file}\u0000${index}`) })));
  const out: Breakdown[] = [];
  for (const attribute of BREAKDOWN_ATTRIBUTES) {
    const bucketOf = BUCKET_OF[attribute];
    if (!sources.some(({ s, p }) => bucketOf(s, p) !== undefined)) continue;
    const counts = new Map<string, { found: number; total: number }>();
    for (const { s, p, found } of sources) {
      const bucket = bucketOf(s, p) ?? UNKNOWN_BUCKET;
      const c = counts.get(bucket) ?? { found: 0, total: 0 };
      counts.set(bucket, { found: c.found + (found ? 1 : 0), total: c.total + 1 });
    }
    const buckets = [...counts.entries()].map(([bucket, c]) => ({ bucket, ...c }));
    out.push({ attribute, buckets: buckets.sort(attribute === 'size' ? bySizeOrder : byTotalThenName) });
  }
  return out;
}

function bySizeOrder(a: BucketCount, b: BucketCount): number {
  return rank(a.bucket) - rank(b.bucket);
}

function rank(bucket: string): number {
  const i = (SIZE_BUCKETS as readonly string[]).indexOf(bucket);
  return i < 0 ? SIZE_BUCKETS.length : i;
}

function byTotalThenName(a: BucketCount, b: BucketCount): number {
  return b.total - a.total || a.bucket.localeCompare(b.bucket);
}
