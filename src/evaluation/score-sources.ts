import type { LonLat, Pixel } from '../geo/photo-geometry';
import { lonLatToEnu } from '../geo/local-tangent-plane';
import { matchPhoto } from './match-photo';

/** One photo's truth and what the pipeline found in it. */
export interface ScoredPhoto {
  readonly photo: string;
  readonly width: number;
  readonly truth: readonly { readonly pixel: Pixel; readonly lonLat: LonLat | null }[];
  readonly found: readonly { readonly pixel: Pixel; readonly ground: LonLat | null; readonly confidence: number }[];
}

export interface SourceScore {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  /** 1 when nothing was found (no false positive either); recall is 1 when there was nothing to find. */
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Photos without a discharge (no truth source), the false positives on them, and their ratio (null without such photos). */
  readonly negativePhotos: number;
  readonly falsePositivesOnNegatives: number;
  readonly fpPerNegativePhoto: number | null;
  /** Median distance of matched sources, in photo pixels and on the ground (null when nothing matched or placed). */
  readonly medianErrorPx: number | null;
  readonly medianErrorM: number | null;
  /** The true sources nobody claimed and the observations that claimed nothing, by photo and index. */
  readonly missed: readonly { readonly photo: string; readonly index: number }[];
  readonly falseAlarms: readonly { readonly photo: string; readonly index: number }[];
}

/**
 * Source-point scoring of many photos with eval-scenes-dev's rule (see matchPhoto): per photo, observations
 * in descending confidence each claim the nearest unclaimed true source within `tolerance` x the photo's
 * width; the counts are summed over the photos.
 */
export function scoreSources(photos: readonly ScoredPhoto[], tolerance = 0.05): SourceScore {
  let tp = 0, fp = 0, fn = 0, negativePhotos = 0, fpOnNegatives = 0;
  const px: number[] = [];
  const m: number[] = [];
  const missed: { photo: string; index: number }[] = [];
  const falseAlarms: { photo: string; index: number }[] = [];
  for (const p of photos) {
    const { claims, distancesPx } = matchPhoto(p.truth.map((t) => t.pixel), p.found, tolerance * p.width);
    const claimed = new Set<number>();
    claims.forEach((ti, fi) => {
      if (ti === null) {
        falseAlarms.push({ photo: p.photo, index: fi });
        return;
      }
      claimed.add(ti);
      px.push(distancesPx[fi]!);
      const t = p.truth[ti]!.lonLat;
      const g = p.found[fi]!.ground;
      if (t && g) m.push(Math.hypot(...lonLatToEnu(t, g)));
    });
    p.truth.forEach((_, index) => { if (!claimed.has(index)) missed.push({ photo: p.photo, index }); });
    const photoFp = p.found.length - claimed.size;
    tp += claimed.size;
    fn += p.truth.length - claimed.size;
    fp += photoFp;
    if (p.truth.length === 0) {
      negativePhotos++;
      fpOnNegatives += photoFp;
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1,
    negativePhotos, falsePositivesOnNegatives: fpOnNegatives, fpPerNegativePhoto: negativePhotos === 0 ? null : fpOnNegatives / negativePhotos,
    medianErrorPx: median(px), medianErrorM: median(m), missed, falseAlarms,
  };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const k = Math.floor(s.length / 2);
  return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
}
