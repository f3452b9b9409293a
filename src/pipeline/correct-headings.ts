import type { HeadingVerdict } from '../geo/heading-consistency';
import { photoFootprint } from '../geo/photo-footprint';
import { photoGroundCorners } from '../geo/photo-ground-corners';
import type { GrayImage } from '../matching/gray-image';
import { checkHeadings, type HeadingPhoto } from './check-headings';
import type { PhotoResult } from './photo-result';
import { placeDetection } from './place-detection';

/**
 * Checks every photo's heading tag against the content of the overlapping photos (a flight-wide vote, see
 * heading-consistency.ts) and, where a tag is clearly off (a return leg tagged 180° from its content),
 * places that photo's sightings and footprint with the heading its content shows, and says so.
 * Photos with no overlapping match keep their tags, unchecked.
 */
export function correctHeadings(photos: readonly PhotoResult[], grays: ReadonlyMap<string, GrayImage>): { photos: PhotoResult[]; verdicts: HeadingVerdict[] } {
  const checkable: HeadingPhoto[] = photos.flatMap((p) => {
    const gray = grays.get(p.path);
    return p.geometry && gray ? [{ id: p.photo, geometry: p.geometry, yawDeg: p.geometry.pose.yaw, gray }] : [];
  });
  const verdicts = checkHeadings(checkable);
  const byPhoto = new Map(verdicts.map((v) => [v.id, v]));
  const corrected = photos.map((p) => {
    const v = byPhoto.get(p.photo);
    if (!v || !p.geometry || (v.status !== 'suspect' && v.status !== 'ambiguous')) return p;
    if (v.status === 'ambiguous' || v.offsetDeg === null) return { ...p, warnings: [...p.warnings, ...v.warnings] };
    const yaw = wrap(p.geometry.pose.yaw - v.offsetDeg);
    const geometry = { ...p.geometry, pose: { ...p.geometry.pose, yaw } };
    return {
      ...p,
      geometry,
      footprint: photoFootprint(geometry),
      groundCorners: photoGroundCorners(geometry),
      observations: p.detections.map((d) => placeDetection(p.photo, d, geometry)),
      warnings: [...p.warnings, ...v.warnings.map((w) => `${w}; placed with the heading its content shows (${Math.round(yaw)}°)`)],
    };
  });
  return { photos: corrected, verdicts };
}

function wrap(d: number): number {
  const w = ((((d + 180) % 360) + 360) % 360) - 180;
  return w === -180 ? 180 : w;
}
