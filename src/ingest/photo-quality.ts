import type { GrayRaster } from '../image/raster';
import { cameraIntrinsics } from '../metadata/camera-intrinsics';
import type { PhotoMeta } from '../metadata/photo-meta';
import { imageStats, NEAR_BLACK, NEAR_WHITE, type ImageStats } from './image-stats';
import { viewAngles, type ViewAngles } from './view-angles';

/**
 * Quality checks run when a photo is uploaded: stored as warnings on the photo and shown to the judges, so
 * every message says in plain words what was measured and where the limit is. Pure: the caller decodes the
 * small gray copy and looks up duplicates.
 */
export type QualityCode = 'NO_POSITION' | 'OBLIQUE' | 'HORIZON' | 'DARK' | 'OVEREXPOSED' | 'BLURRED' | 'DUPLICATE';

export interface QualityWarning {
  readonly code: QualityCode;
  readonly message: string;
}

export interface QualityInput {
  readonly meta: PhotoMeta;
  /** Small grayscale copy (width ≤ 512), null if the photo could not be decoded. */
  readonly gray: GrayRaster | null;
  /** Names of flights that already hold these exact bytes (same SHA-256); [] if none. */
  readonly duplicateOf: readonly string[];
}

export interface QualityThresholds {
  /** OBLIQUE when the optical axis is more than this many degrees from straight down. */
  readonly maxOffNadirDeg: number;
  /** HORIZON, when the field of view is unknown: the optical axis is higher than this elevation (-90 straight down). */
  readonly horizonAxisElevationDeg: number;
  /** DARK when the mean brightness (fraction of full scale) is below this... */
  readonly minMeanBrightness: number;
  /** ...or more than this fraction of the pixels is crushed to black. */
  readonly maxNearBlackFraction: number;
  /** OVEREXPOSED when the mean brightness is above this... */
  readonly maxMeanBrightness: number;
  /** ...or more than this fraction of the pixels is blown out to white. */
  readonly maxNearWhiteFraction: number;
  /** BLURRED when the sharpness score (see sharpness.ts) is below this. */
  readonly minSharpness: number;
}

/**
 * Calibrated at 512 px on 9 real DJI photos (Brighton Beach), 21 real aerial photos of water and the 6
 * synthetic samples: mean brightness 0.35 to 0.59, at most 6.6 % near-black and 0.7 % near-white pixels,
 * sharpness 2.1 to 5.3. Their copies darkened ×0.1 (mean 0.035 to 0.059), blown out ×4 (0.72 to 1.0
 * near-white) and blurred with a Gaussian of sigma 1 px at 512 px (sharpness 0.35 to 0.78) all cross these
 * limits (test/integration/ingest-photo-quality-real.test.ts). At 512 px a blur shows only when it spans
 * several output pixels: a 4000 px photo blurred with sigma 6 px at full size scores 1.2 to 1.4, sigma 4 px
 * still 2.0 to 2.3 (not flagged).
 */
export const DEFAULT_QUALITY_THRESHOLDS: QualityThresholds = Object.freeze({
  maxOffNadirDeg: 30,
  horizonAxisElevationDeg: -20,
  minMeanBrightness: 0.12,
  maxNearBlackFraction: 0.5,
  maxMeanBrightness: 0.88,
  maxNearWhiteFraction: 0.25,
  minSharpness: 1.5,
});

const pct = (f: number): string => `${Math.round(f * 100)}%`;
const deg = (d: number): string => `${Math.round(d)}°`;

/** The quality warnings of one photo, in the order of QualityCode; [] for a good photo. */
export function photoQuality(input: QualityInput, thresholds: Partial<QualityThresholds> = {}): QualityWarning[] {
  const t: QualityThresholds = { ...DEFAULT_QUALITY_THRESHOLDS, ...thresholds };
  const { meta, gray, duplicateOf } = input;
  const out: QualityWarning[] = [];
  const add = (code: QualityCode, message: string | null): void => {
    if (message !== null) out.push({ code, message });
  };
  add('NO_POSITION', positionProblem(meta));
  const view = viewAngles(meta, cameraIntrinsics(meta).intrinsics);
  if (view !== null) {
    add('OBLIQUE', obliqueProblem(view, t));
    add('HORIZON', horizonProblem(view, t));
  }
  if (gray !== null) {
    const stats = imageStats(gray);
    add('DARK', darkProblem(stats, t));
    add('OVEREXPOSED', brightProblem(stats, t));
    add('BLURRED', blurProblem(stats, t));
  }
  add('DUPLICATE', duplicateProblem(duplicateOf));
  return out;
}

function positionProblem(meta: PhotoMeta): string | null {
  const { latitude: lat, longitude: lon } = meta;
  if (lat === null || lon === null || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    return 'no GPS position in the photo: it cannot be placed on the map';
  }
  if (lat === 0 && lon === 0) return 'GPS position 0, 0 (the drone had no GPS fix): the photo cannot be placed on the map';
  return null;
}

function obliqueProblem(v: ViewAngles, t: QualityThresholds): string | null {
  if (!(v.offNadirDeg > t.maxOffNadirDeg)) return null;
  return (
    `oblique view: the camera looks ${deg(v.offNadirDeg)} away from straight down (limit ${deg(t.maxOffNadirDeg)}; ` +
    `gimbal pitch ${deg(v.pitch)}); sizes and positions toward the top of the photo are less reliable`
  );
}

function horizonProblem(v: ViewAngles, t: QualityThresholds): string | null {
  if (v.topElevationDeg !== null && v.verticalFovDeg !== null) {
    if (!(v.topElevationDeg >= 0)) return null;
    return (
      `horizon in view: the top of the picture looks ${deg(v.topElevationDeg)} above the horizontal ` +
      `(gimbal pitch ${deg(v.pitch)}, vertical field of view ${deg(v.verticalFovDeg)}); sky and distant ground cannot be placed on the map`
    );
  }
  if (!(v.axisElevationDeg > t.horizonAxisElevationDeg)) return null;
  return (
    `horizon probably in view: the camera looks only ${deg(-v.axisElevationDeg)} below the horizontal ` +
    `(limit ${deg(-t.horizonAxisElevationDeg)}; the field of view of this camera is unknown)`
  );
}

function darkProblem(s: ImageStats, t: QualityThresholds): string | null {
  const why: string[] = [];
  if (s.meanBrightness < t.minMeanBrightness) why.push(`mean brightness ${pct(s.meanBrightness)} (limit ${pct(t.minMeanBrightness)})`);
  if (s.nearBlackFraction > t.maxNearBlackFraction) {
    why.push(`${pct(s.nearBlackFraction)} of the picture is near-black (limit ${pct(t.maxNearBlackFraction)}; near-black: ${pct(NEAR_BLACK / 255)} brightness or less)`);
  }
  return why.length === 0 ? null : `very dark: ${why.join('; ')}`;
}

function brightProblem(s: ImageStats, t: QualityThresholds): string | null {
  const why: string[] = [];
  if (s.meanBrightness > t.maxMeanBrightness) why.push(`mean brightness ${pct(s.meanBrightness)} (limit ${pct(t.maxMeanBrightness)})`);
  if (s.nearWhiteFraction > t.maxNearWhiteFraction) {
    why.push(`${pct(s.nearWhiteFraction)} of the picture is blown out to white (limit ${pct(t.maxNearWhiteFraction)}; white: ${pct(NEAR_WHITE / 255)} brightness or more)`);
  }
  return why.length === 0 ? null : `overexposed: ${why.join('; ')}`;
}

function blurProblem(s: ImageStats, t: QualityThresholds): string | null {
  if (s.sharpness === null || !(s.sharpness < t.minSharpness)) return null;
  return (
    `blurred (motion blur or out of focus): sharpness ${s.sharpness.toFixed(2)} (limit ${t.minSharpness.toFixed(2)}; ` +
    'sharp photos measure about 2 to 6); fine detail such as thin outflows may be lost'
  );
}

function duplicateProblem(flights: readonly string[]): string | null {
  const names = [...new Set(flights)];
  if (names.length === 0) return null;
  const list = names.map((n) => `"${n}"`).join(', ');
  return `the same photo (same SHA-256) is already in ${names.length === 1 ? 'flight' : 'flights'} ${list}`;
}
