import type { CameraIntrinsics } from '../metadata/camera-intrinsics.types';
import type { PhotoMeta } from '../metadata/photo-meta';
import { pixelToWorldRay } from './camera-ray';
import { chooseAttitude } from './choose-attitude';
import { MAX_GROUND_RANGE_M, rayToGroundEnu } from './ground-intersection';
import { imageBorder } from './image-border';
import type { PhotoGeometry } from './photo-geometry';

export interface BuiltPhotoGeometry {
  /** Null when the photo cannot be placed at all (no position, no height above ground, no attitude). */
  readonly geometry: PhotoGeometry | null;
  /** Plain sentences for the report: every assumption made and every doubt about the numbers. */
  readonly warnings: string[];
}

const MIN_PLAUSIBLE_HEIGHT_M = 1;
const MAX_PLAUSIBLE_HEIGHT_M = 1500;
/** Warn when the optical axis is more than this many degrees from straight down. */
const OBLIQUE_DEG = 20;
const LARGE_ROLL_DEG = 10;

const FLAT_GROUND =
  'flat ground assumed at the take-off height: where the ground under the photo is higher or lower than the ' +
  'take-off point, positions move (toward or away from the point below the camera) in proportion';

/**
 * Pose of a photo from its metadata: position, height above ground = relativeAltitude (the ground is taken
 * as flat at the take-off height: always warned), camera attitude = the gimbal's, else the flight heading
 * looking straight down (warned). A missing or zero position (DJI writes 0, 0 without a GPS fix), a missing
 * or non-positive relative altitude, or no attitude at all give a null geometry: absolute altitude is no
 * substitute, as the ground's elevation is unknown.
 */
export function buildPhotoGeometry(meta: PhotoMeta, intrinsics: CameraIntrinsics): BuiltPhotoGeometry {
  const warnings: string[] = [];
  const fail = (why: string): BuiltPhotoGeometry => ({ geometry: null, warnings: [...warnings, why] });
  const { latitude, longitude, relativeAltitude: height } = meta;

  if (latitude === null || longitude === null || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    return fail('no GPS position: the photo cannot be placed on the ground');
  }
  if (Math.abs(latitude) > 89 || Math.abs(longitude) > 180 || (latitude === 0 && longitude === 0)) {
    return fail(`GPS position ${latitude}, ${longitude} is not usable (0, 0 means no fix): the photo cannot be placed`);
  }
  if (height === null || !Number.isFinite(height)) {
    return fail('no relative altitude (height above take-off): the photo cannot be placed on the ground');
  }
  if (height <= 0) {
    return fail(`relative altitude ${height} m is not above the take-off point: the photo cannot be placed`);
  }
  if (!(intrinsics.fx > 0 && intrinsics.fy > 0 && intrinsics.width > 0 && intrinsics.height > 0)) {
    return fail('camera intrinsics are not usable (focal length or image size not positive)');
  }
  warnings.push(FLAT_GROUND);
  if (height < MIN_PLAUSIBLE_HEIGHT_M || height > MAX_PLAUSIBLE_HEIGHT_M) {
    warnings.push(`relative altitude ${height} m is implausible for a drone photo: positions may be far off`);
  }
  if (meta.width !== null && meta.height !== null && (meta.width !== intrinsics.width || meta.height !== intrinsics.height)) {
    warnings.push(`photo is ${meta.width}x${meta.height} but the intrinsics are for ${intrinsics.width}x${intrinsics.height}`);
  }

  const chosen = chooseAttitude(meta);
  warnings.push(...chosen.warnings);
  if (chosen.attitude === null) return { geometry: null, warnings };
  const { yaw, pitch, roll } = chosen.attitude;

  let orientation = meta.orientation;
  if (!Number.isInteger(orientation) || orientation < 1 || orientation > 8) {
    warnings.push(`EXIF orientation ${orientation} is not 1..8: taken as 1 (as stored)`);
    orientation = 1;
  }

  const geometry: PhotoGeometry = {
    intrinsics,
    pose: { latitude, longitude, heightAboveGround: height, yaw, pitch, roll },
    orientation,
  };
  warnings.push(...viewWarnings(geometry));
  return { geometry, warnings };
}

/** Oblique view, horizon in view, large roll. */
function viewWarnings(g: PhotoGeometry): string[] {
  const out: string[] = [];
  const k = g.intrinsics;
  const axis = pixelToWorldRay({ ...g, intrinsics: { ...k, distortion: null }, orientation: 1 }, [k.cx, k.cy]);
  if (axis !== null) {
    const offNadir = (Math.acos(-axis[2] / Math.hypot(...axis)) * 180) / Math.PI;
    if (offNadir > OBLIQUE_DEG) {
      out.push(
        `camera looks ${offNadir.toFixed(0)}° away from straight down: an oblique view, where positions toward ` +
          'the top of the photo are far more sensitive to height and attitude errors',
      );
    }
  }
  const missed = imageBorder(g).some((p) => {
    const d = pixelToWorldRay(g, p);
    return d === null || rayToGroundEnu(g, d) === null;
  });
  if (missed) {
    out.push(
      `horizon (or ground beyond ${MAX_GROUND_RANGE_M / 1000} km) in view: pixels there cannot be located and ` +
        'the footprint is cut at that range',
    );
  }
  if (Math.abs(g.pose.roll) > LARGE_ROLL_DEG) {
    out.push(`camera roll ${g.pose.roll}° is large for a levelled gimbal: check the attitude`);
  }
  return out;
}
