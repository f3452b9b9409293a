import type { BBox } from '../detections/detection';
import type { LonLat, Pixel } from '../geo/photo-geometry';

/** One photo's sighting of a hotspot. */
export interface Observation {
  /** The photo's file name (no folder). */
  readonly photo: string;
  readonly pixel: Pixel;
  readonly bbox: BBox;
  readonly confidence: number;
}

export interface Hotspot {
  /** Stable: the same observations always give the same id. */
  readonly id: string;
  readonly class: string;
  readonly confidence: number;
  /** null when no photo of it had a position. */
  readonly position: LonLat | null;
  readonly observations: readonly Observation[];
  /** Extra properties a caller adds (the service adds review status, reviewer, note). */
  readonly extra?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface PhotoFootprint {
  readonly photo: string;
  /** Closed ring, [lon, lat], counter-clockwise (RFC 7946). */
  readonly ring: readonly LonLat[];
}

export interface Report {
  readonly hotspots: readonly Hotspot[];
  /** Present only when footprints were asked for. */
  readonly footprints?: readonly PhotoFootprint[];
}
