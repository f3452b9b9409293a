/**
 * A heatmap model's calibration (model.json `heatmap.calibration`): the decoder's raw score r (source peak x
 * mean extent of the region, 0..1) becomes a confidence p = sigmoid(a * logit(r) + b), fitted on the
 * project's own validation photos so that a confidence of p means that about p of the detections scored
 * near p there were real sources (logistic, or Platt, scaling on logit(r)). Monotone for a > 0, so it
 * never reorders detections. Absent: the raw score is the confidence.
 */
export interface ConfidenceCalibration {
  readonly a: number;
  readonly b: number;
}

const EPS = 1e-6;

export function calibrateConfidence(raw: number, cal: ConfidenceCalibration | null | undefined): number {
  if (!cal) return raw;
  const r = Math.min(1 - EPS, Math.max(EPS, raw));
  const z = cal.a * Math.log(r / (1 - r)) + cal.b;
  return 1 / (1 + Math.exp(-z));
}
