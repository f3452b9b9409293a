import { footprintSize } from '../geo/footprint-size';
import { checkHeadingConsistency, type HeadingVerdict, type PairRotation } from '../geo/heading-consistency';
import { lonLatToEnu } from '../geo/local-tangent-plane';
import type { PhotoGeometry } from '../geo/photo-geometry';
import type { GrayImage } from '../matching/gray-image';
import { matchImages } from '../matching/match-images';

export interface HeadingPhoto {
  readonly id: string;
  readonly geometry: PhotoGeometry;
  /** The tag the geometry used: gimbal yaw, else flight yaw. */
  readonly yawDeg: number;
  /** Grayscale, EXIF-oriented, any working size (rotation is scale-free). */
  readonly gray: GrayImage;
}

/** Two photos overlap when their centres are closer than this share of the smaller footprint side. */
const OVERLAP_SHARE = 0.8;

/**
 * Compares every overlapping pair's content rotation (image matching) with what their heading tags
 * predict, and votes flight-wide on whose tags are off (see heading-consistency.ts).
 */
export function checkHeadings(photos: readonly HeadingPhoto[]): HeadingVerdict[] {
  const pairs: PairRotation[] = [];
  for (let i = 0; i < photos.length; i++) {
    for (let j = i + 1; j < photos.length; j++) {
      const a = photos[i]!;
      const b = photos[j]!;
      if (!overlap(a.geometry, b.geometry)) continue;
      const r = matchImages(a.gray, b.gray);
      if (r.rotationDeg !== null) pairs.push({ a: a.id, b: b.id, rotationDeg: r.rotationDeg, matches: r.matches.length });
    }
  }
  return checkHeadingConsistency(photos.map((p) => ({ id: p.id, yawDeg: p.yawDeg })), pairs);
}

function overlap(a: PhotoGeometry, b: PhotoGeometry): boolean {
  const [east, north] = lonLatToEnu([a.pose.longitude, a.pose.latitude], [b.pose.longitude, b.pose.latitude]);
  const { widthM, heightM } = footprintSize(a);
  const side = Math.min(widthM ?? Infinity, heightM ?? Infinity);
  return Number.isFinite(side) && Math.hypot(east, north) < OVERLAP_SHARE * side;
}
