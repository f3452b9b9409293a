/**
 * How far off a located pixel may be, one sigma, in metres. Three independent terms, added in quadrature:
 * - the drone's GNSS position (consumer drones: about 1.5 m horizontally without RTK);
 * - the height above ground: "flat ground at take-off height" is wrong by a few metres on a river bank,
 *   and that error moves a point by heightError * (horizontal range / height) — nothing at nadir, a lot
 *   for oblique views;
 * - the pixel itself: the detector's source estimate is good to a few pixels, times the GSD there.
 */
export interface UncertaintyInputs {
  /** Camera height above the assumed ground, metres. */
  readonly height: number;
  /** Horizontal distance from the camera to the located point, metres. */
  readonly range: number;
  /** Ground sample distance at the point, metres per pixel. */
  readonly gsd: number;
}

export const UNCERTAINTY_DEFAULTS = {
  gnssSigmaM: 1.5,
  heightSigmaM: 2,
  pixelSigma: 8,
} as const;

export function locationUncertainty(
  { height, range, gsd }: UncertaintyInputs,
  sigmas: { gnssSigmaM: number; heightSigmaM: number; pixelSigma: number } = UNCERTAINTY_DEFAULTS,
): number {
  const heightTerm = height > 0 ? (sigmas.heightSigmaM * range) / height : 0;
  const pixelTerm = sigmas.pixelSigma * gsd;
  return Math.sqrt(sigmas.gnssSigmaM ** 2 + heightTerm ** 2 + pixelTerm ** 2);
}
