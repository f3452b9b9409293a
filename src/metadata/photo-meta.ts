/**
 * What the metadata reader knows about one photo. Angles in degrees, DJI conventions: yaw clockwise from
 * true north (-180..180), pitch -90 looking straight down and 0 at the horizon, roll positive right wing down.
 * `width`/`height` are the stored pixel size (before EXIF orientation is applied).
 * Every field that could not be read is null and named in `missing`.
 */
export interface Attitude {
  readonly yaw: number;
  readonly pitch: number;
  readonly roll: number;
}

export type MetaField =
  | 'camera'
  | 'imageSize'
  | 'position'
  | 'absoluteAltitude'
  | 'relativeAltitude'
  | 'gimbal'
  | 'flight'
  | 'focalLength'
  | 'focalLength35mm'
  | 'capturedAt';

export interface PhotoMeta {
  readonly make: string | null;
  readonly model: string | null;
  readonly width: number | null;
  readonly height: number | null;
  /** EXIF Orientation 1..8 (1 when absent). */
  readonly orientation: number;
  /** ISO 8601, as written by the camera (local time when the file has no offset). */
  readonly capturedAt: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  /** Metres above sea level (or the ellipsoid, as the drone wrote it). */
  readonly absoluteAltitude: number | null;
  /** Metres above the take-off point (DJI RelativeAltitude). */
  readonly relativeAltitude: number | null;
  /** Camera attitude: the gimbal's (DJI GimbalYaw/Pitch/Roll, or Camera:Yaw/Pitch/Roll). */
  readonly gimbal: Attitude | null;
  /** Aircraft attitude (DJI FlightYaw/Pitch/Roll). */
  readonly flight: Attitude | null;
  readonly focalLengthMm: number | null;
  readonly focalLength35mm: number | null;
  /** Where the attitude came from: 'drone-dji' (also the older 'DJI:' prefix), 'camera' (Parrot, FLIR...), or null. */
  readonly attitudeSource: 'drone-dji' | 'camera' | null;
  readonly missing: readonly MetaField[];
}

/** Pixel size of the photo as displayed (EXIF orientation 5..8 swap width and height). */
export function displayedSize(width: number, height: number, orientation: number): { width: number; height: number } {
  return orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height };
}
