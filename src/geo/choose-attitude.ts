import type { Attitude, PhotoMeta } from '../metadata/photo-meta';

/** Degrees between two headings, 0..180. */
export function headingDifference(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

const finite = (a: Attitude | null): a is Attitude =>
  a !== null && Number.isFinite(a.yaw) && Number.isFinite(a.pitch) && Number.isFinite(a.roll);

/** Beyond this many degrees between the gimbal's and the aircraft's heading, say so. */
const YAW_DISAGREEMENT_DEG = 30;

/**
 * The camera's attitude: the gimbal's when the photo has it; otherwise the aircraft's heading with the camera
 * assumed to look straight down (pitch -90, roll 0), with a warning; null (and a warning) when neither is known.
 */
export function chooseAttitude(meta: PhotoMeta): { attitude: Attitude | null; warnings: string[] } {
  const warnings: string[] = [];
  const gimbal = finite(meta.gimbal) ? meta.gimbal : null;
  const flight = finite(meta.flight) ? meta.flight : null;
  if (gimbal !== null) {
    if (flight !== null) {
      const diff = headingDifference(gimbal.yaw, flight.yaw);
      if (diff > YAW_DISAGREEMENT_DEG) {
        warnings.push(
          `gimbal yaw ${gimbal.yaw}° and flight yaw ${flight.yaw}° differ by ${diff.toFixed(0)}°: ` +
            'the gimbal yaw was used; if this camera writes it relative to the aircraft, the photo is placed turned',
        );
      }
    }
    return { attitude: gimbal, warnings };
  }
  if (flight !== null) {
    warnings.push(
      `no gimbal attitude: assumed the camera looks straight down (pitch -90°, roll 0°) with the image top toward ` +
        `the flight heading ${flight.yaw}°`,
    );
    return { attitude: { yaw: flight.yaw, pitch: -90, roll: 0 }, warnings };
  }
  warnings.push('no camera or aircraft attitude: the photo cannot be placed on the ground without knowing where it looks');
  return { attitude: null, warnings };
}
