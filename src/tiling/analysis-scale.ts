/**
 * The scale (output size / original size) to decode a photo at so its ground sample distance matches the
 * model's training GSD: a photo at 1 cm/px seen by a model trained at 3 cm/px is shrunk to 1/3.
 *
 * Never upsamples (a coarser photo than the training data is analysed at full resolution: enlarging adds no
 * detail), and never shrinks below `minScale` (a wildly small GSD from bad metadata must not shrink a photo
 * to a thumbnail). Unknown or nonsensical GSDs give 1: full resolution is always a safe choice.
 */
export const MIN_ANALYSIS_SCALE = 0.125;

export function analysisScale(photoGsd: number | null, trainingGsd: number | null, minScale = MIN_ANALYSIS_SCALE): number {
  if (photoGsd === null || trainingGsd === null) return 1;
  if (!(Number.isFinite(photoGsd) && photoGsd > 0 && Number.isFinite(trainingGsd) && trainingGsd > 0)) return 1;
  const scale = photoGsd / trainingGsd;
  return Math.min(1, Math.max(minScale, scale));
}
