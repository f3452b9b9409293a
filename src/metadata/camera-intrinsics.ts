import type { CameraIntrinsics } from './camera-intrinsics.types';
import type { CameraSpec } from './camera-table';
import { CAMERA_TABLE } from './camera-table';
import { findCamera } from './find-camera';
import type { PhotoMeta } from './photo-meta';

/**
 * Pinhole intrinsics for a photo, in its stored pixel frame (continuous coordinates: the top-left corner of
 * the top-left pixel is (0, 0), so the principal point, at the image centre, is (width / 2, height / 2)).
 *
 * 1. Camera in the table: fx = focalMm × imageWidthPx / sensorWidthMm, scaled to the photo's actual width (a
 *    downscaled photo has fewer, larger pixels). A photo wider in aspect than the sensor (16:9 from a 4:3
 *    sensor, as the Phantom 3's 4000×2250) is taken to span the sensor's full width and be cropped in height;
 *    a narrower one, to span its height. fy uses the same pixel scale with the sensor's native height, so
 *    square sensor pixels give fx = fy. Distortion only when the photo is the native size or a uniform
 *    downscale of it: the coefficients act on normalised coordinates, which survive scaling, not cropping.
 * 2. Otherwise the 35 mm equivalent, by diagonals (the usual definition, CIPA DC-008's "equivalent"):
 *    fx = f35 × diagonalPx / 43.27 mm. A photo wider than 3:2 is taken as a crop of a 4:3 sensor spanning its
 *    long side (the Phantom 3's 16:9 photos carry the 4:3 sensor's 20 mm), so diagonalPx = long side × 5/4.
 * 3. Neither: null, with a warning.
 */
export const FULL_FRAME_DIAGONAL_MM = Math.hypot(36, 24);
const FOCAL_TOLERANCE = 0.1;
const SAME_SCALE = 0.005;

export interface IntrinsicsResult {
  intrinsics: CameraIntrinsics | null;
  warnings: string[];
}

export function cameraIntrinsics(meta: PhotoMeta, table: readonly CameraSpec[] = CAMERA_TABLE): IntrinsicsResult {
  const warnings: string[] = [];
  const { width, height } = meta;
  if (width === null || height === null) return { intrinsics: null, warnings: ['image size unknown: no intrinsics'] };
  const spec = findCamera(meta.make, meta.model, width, height, table);
  const name = meta.make === null && meta.model === null ? '(no make or model in the metadata)' : `${meta.make ?? '?'} ${meta.model ?? '?'}`;
  const fromF35 = meta.focalLength35mm === null ? null : fxFrom35mm(meta.focalLength35mm, width, height);

  let focal = meta.focalLengthMm;
  if (spec && focal === null && spec.focalMm !== null) {
    focal = spec.focalMm;
    warnings.push(`focal length missing from EXIF: using ${spec.label}'s nominal ${spec.focalMm} mm`);
  }
  if (spec && focal !== null) {
    if (spec.focalMm !== null && Math.abs(focal / spec.focalMm - 1) > FOCAL_TOLERANCE) {
      warnings.push(`focal length ${focal} mm differs from ${spec.label}'s ${spec.focalMm} mm by more than 10 %`);
    }
    const intrinsics = fromTable(spec, focal, width, height, warnings);
    if (fromF35 !== null && Math.abs(fromF35.fx / intrinsics.fx - 1) > FOCAL_TOLERANCE) {
      warnings.push(`fx ${intrinsics.fx.toFixed(0)} px from the camera table and ${fromF35.fx.toFixed(0)} px from the 35 mm equivalent differ by more than 10 %`);
    }
    return { intrinsics, warnings };
  }
  if (fromF35 !== null) {
    warnings.push(spec ? `${spec.label}: no focal length in mm; fx from the 35 mm equivalent` : `camera ${name} is not in the camera table; fx from the 35 mm equivalent`);
    if (fromF35.assumedCrop) warnings.push(`photo ${width}×${height} taken as a crop of a 4:3 sensor for the 35 mm equivalent`);
    const { fx } = fromF35;
    return {
      intrinsics: { width, height, fx, fy: fx, cx: width / 2, cy: height / 2, distortion: null, source: 'focal-35mm', cameraKey: spec?.key ?? null },
      warnings,
    };
  }
  warnings.push(
    spec
      ? `${spec.label}: no focal length in the photo: no intrinsics`
      : `camera ${name} is not in the camera table and the photo has no 35 mm equivalent focal length: no intrinsics`,
  );
  return { intrinsics: null, warnings };
}

function fromTable(spec: CameraSpec, focal: number, width: number, height: number, warnings: string[]): CameraIntrinsics {
  // Sensor axes in the stored frame: a portrait-stored photo from a landscape sensor swaps them.
  const swap = width < height !== spec.nativeWidth < spec.nativeHeight;
  const [nw, nh] = swap ? [spec.nativeHeight, spec.nativeWidth] : [spec.nativeWidth, spec.nativeHeight];
  const [sw, sh] = swap ? [spec.sensorHeightMm, spec.sensorWidthMm] : [spec.sensorWidthMm, spec.sensorHeightMm];
  const scaleX = width / nw;
  const scaleY = height / nh;
  // Pixels per native pixel: from the axis that spans the whole sensor (the other one may be cropped).
  const scale = width / height >= nw / nh ? scaleX : scaleY;
  if (scale > 1 + SAME_SCALE) warnings.push(`photo ${width}×${height} is larger than ${spec.label}'s native ${nw}×${nh}`);
  const uniform = Math.abs(scaleX / scaleY - 1) <= SAME_SCALE;
  if (spec.distortion && !uniform) {
    warnings.push(`distortion omitted: ${width}×${height} is a crop, not a uniform scale, of the native ${nw}×${nh}`);
  }
  return {
    width,
    height,
    fx: (focal * nw * scale) / sw,
    fy: (focal * nh * scale) / sh,
    cx: width / 2,
    cy: height / 2,
    distortion: uniform ? spec.distortion : null,
    source: 'camera-table',
    cameraKey: spec.key,
  };
}

function fxFrom35mm(f35: number, width: number, height: number): { fx: number; assumedCrop: boolean } {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const assumedCrop = long / short > 1.5 + SAME_SCALE;
  const diagonalPx = assumedCrop ? (long * 5) / 4 : Math.hypot(long, short);
  return { fx: (f35 * diagonalPx) / FULL_FRAME_DIAGONAL_MM, assumedCrop };
}
