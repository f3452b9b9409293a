import type { LonLat, Pixel } from '../geo/photo-geometry';
import { lonLatToEnu } from '../geo/local-tangent-plane';

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
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Median distance of matched sources, in photo pixels and on the ground (null when nothing matched or placed). */
  readonly medianErrorPx: number | null;
  readonly medianErrorM: number | null;
  /** The true sources nobody found and the detections that matched nothing, by photo and index. */
  readonly missed: readonly { readonly photo: string; readonly index: number }[];
  readonly falseAlarms: readonly { readonly photo: string; readonly index: number }[];
}

/**
 * Source-point scoring, per photo: a detection counts when its source lies within `tolerance` x the photo's
 * width of a true source; each true source is matched at most once (closest pairs first, strongest first
 * on ties); unmatched detections are false alarms, unmatched truths misses.
 */
export function scoreSources(photos: readonly ScoredPhoto[], tolerance = 0.05): SourceScore {
  let tp = 0, fp = 0, fn = 0;
  const px: number[] = [];
  const m: number[] = [];
  const missed: { photo: string; index: number }[] = [];
  const falseAlarms: { photo: string; index: number }[] = [];
  for (const p of photos) {
    const limit = tolerance * p.width;
    const pairs: { t: number; f: number; d: number }[] = [];
    p.truth.forEach((t, ti) => p.found.forEach((f, fi) => {
      const d = Math.hypot(t.pixel[0] - f.pixel[0], t.pixel[1] - f.pixel[1]);
      if (d <= limit) pairs.push({ t: ti, f: fi, d });
    }));
    pairs.sort((a, b) => a.d - b.d || (p.found[b.f]?.confidence ?? 0) - (p.found[a.f]?.confidence ?? 0));
    const usedT = new Set<number>();
    const usedF = new Set<number>();
    for (const pair of pairs) {
      if (usedT.has(pair.t) || usedF.has(pair.f)) continue;
      usedT.add(pair.t);
      usedF.add(pair.f);
      px.push(pair.d);
      const t = p.truth[pair.t]!.lonLat;
      const g = p.found[pair.f]!.ground;
      if (t && g) m.push(Math.hypot(...lonLatToEnu(t, g)));
    }
    p.truth.forEach((_, index) => { if (!usedT.has(index)) missed.push({ photo: p.photo, index }); });
    p.found.forEach((_, index) => { if (!usedF.has(index)) falseAlarms.push({ photo: p.photo, index }); });
    tp += usedT.size;
    fn += p.truth.length - usedT.size;
    fp += p.found.length - usedF.size;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1, medianErrorPx: median(px), medianErrorM: median(m), missed, falseAlarms };
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const k = Math.floor(s.length / 2);
  return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
}
