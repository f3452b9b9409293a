import type { ConfidenceCalibration } from '../inference/calibrate-confidence';

/** One detection on a validation photo: its raw score and whether it claimed a true source. */
export interface LabelledScore {
  readonly score: number;
  readonly truePositive: boolean;
}

const EPS = 1e-6;

/**
 * Logistic (Platt) scaling: fits P(true | r) = sigmoid(a * logit(r) + b) to labelled raw scores by Newton's
 * method on the log-likelihood, with Platt's smoothed targets (so separable data still gives a finite fit)
 * and a small ridge on a and b. Throws when the labels hold only one class (nothing to calibrate against),
 * or the fit is not increasing (a <= 0: higher scores would not be likelier to be true).
 */
export function fitCalibration(samples: readonly LabelledScore[], iterations = 100): ConfidenceCalibration {
  const pos = samples.filter((s) => s.truePositive).length;
  const neg = samples.length - pos;
  if (pos === 0 || neg === 0) throw new RangeError(`calibration needs true and false detections, got ${pos} true and ${neg} false`);
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const xs = samples.map((s) => logit(s.score));
  const ts = samples.map((s) => (s.truePositive ? hi : lo));
  let a = 1, b = 0;
  const ridge = 1e-3;
  for (let it = 0; it < iterations; it++) {
    let ga = ridge * (a - 1), gb = ridge * b, haa = ridge, hab = 0, hbb = ridge;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      const p = 1 / (1 + Math.exp(-(a * x + b)));
      const d = p - ts[i]!;
      const w = Math.max(p * (1 - p), 1e-12);
      ga += d * x; gb += d;
      haa += w * x * x; hab += w * x; hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-18)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da; b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  if (!(a > 0) || !Number.isFinite(b)) throw new RangeError(`calibration fit is not increasing (a = ${a}, b = ${b})`);
  return { a, b };
}

export interface ThresholdChoice {
  readonly threshold: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/**
 * The confidence threshold with the best F1 over labelled detections (each true positive claims a distinct
 * source, so keeping those at or above a threshold keeps their claims: the greedy rule goes by descending
 * confidence), given the number of true sources in the set. Ties go to the higher threshold (fewer alarms).
 * Thresholds are the detections' own confidences, rounded down to `step`.
 */
export function chooseThreshold(detections: readonly { confidence: number; truePositive: boolean }[], sources: number,
  step = 0.01): ThresholdChoice {
  const sorted = [...detections].sort((x, y) => y.confidence - x.confidence);
  let best: ThresholdChoice = { threshold: 1, truePositives: 0, falsePositives: 0, precision: 1, recall: 0, f1: 0 };
  const candidates = [...new Set(sorted.map((d) => Math.floor(d.confidence / step) * step))].sort((x, y) => y - x);
  for (const t of candidates) {
    let tp = 0, fp = 0;
    for (const d of sorted) {
      if (d.confidence < t - EPS) break;
      if (d.truePositive) tp++; else fp++;
    }
    const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
    const recall = sources === 0 ? 1 : tp / sources;
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + (sources - tp));
    if (f1 > best.f1 + 1e-12) best = { threshold: Number(t.toFixed(6)), truePositives: tp, falsePositives: fp, precision, recall, f1 };
  }
  return best;
}

function logit(r: number): number {
  const c = Math.min(1 - EPS, Math.max(EPS, r));
  return Math.log(c / (1 - c));
}
