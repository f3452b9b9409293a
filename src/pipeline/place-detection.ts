import { distance, point } from '@turf/turf';
import type { Detection } from '../detections/detection';
import type { PhotoGeometry } from '../geo/photo-geometry';
import { pixelToGround } from '../geo/pixel-to-ground';
import type { GroundObservation } from '../hotspots/ground-observation';
import { locationUncertainty } from '../hotspots/location-uncertainty';

/** A detection's source on the ground, with how far off that may be. */
export function placeDetection(photo: string, d: Detection, geometry: PhotoGeometry | null): GroundObservation {
  const base = { photo, class: d.class, confidence: d.confidence, pixel: d.source, bbox: d.bbox };
  const ground = geometry ? pixelToGround(geometry, d.source) : null;
  if (!geometry || !ground) return { ...base, ground: null, uncertaintyM: Infinity };
  const { pose, intrinsics } = geometry;
  const h = pose.heightAboveGround;
  const range = distance(point([pose.longitude, pose.latitude]), point(ground), { units: 'meters' });
  // A pixel's footprint on the ground grows with the square of the slant range over the height.
  const gsd = (range * range + h * h) / (intrinsics.fx * h);
  return { ...base, ground, uncertaintyM: locationUncertainty({ height: h, range, gsd }) };
}
