import type { CameraSpec } from './camera-table';
import { CAMERA_TABLE } from './camera-table';

/**
 * The camera-table entry for an EXIF Make/Model. Matching ignores case, spaces and punctuation ("dji" + "fc300s",
 * "Hasselblad" + "L1D-20c", "DJI Technology" starts with "DJI"). With no make, a model that only one camera
 * uses still matches. Payloads that write the same Make/Model for two cameras (Zenmuse XT2: thermal 640 px,
 * visible 4000 px) are told apart by the photo's width, stored or rotated: the nearest native width wins.
 */
export function findCamera(
  make: string | null,
  model: string | null,
  imageWidth: number | null = null,
  imageHeight: number | null = null,
  table: readonly CameraSpec[] = CAMERA_TABLE,
): CameraSpec | null {
  const wantModel = squash(model);
  if (wantModel === '') return null;
  const wantMake = squash(make);
  const candidates = table.filter(
    (spec) =>
      spec.models.some((m) => (spec.modelPrefix ? wantModel.startsWith(squash(m)) : wantModel === squash(m))) &&
      (wantMake === '' || spec.makes.some((m) => wantMake.startsWith(squash(m)))),
  );
  if (wantMake === '' && new Set(candidates.map((c) => c.makes.join())).size > 1) return null;
  if (candidates.length <= 1 || imageWidth === null) return candidates[0] ?? null;
  const longSide = Math.max(imageWidth, imageHeight ?? 0);
  return candidates.reduce((best, c) => (widthMismatch(c, longSide) < widthMismatch(best, longSide) ? c : best));
}

/** Lower-case letters, digits and '+' only ("Skydio 2+"). */
export function squash(s: string | null): string {
  return (s ?? '').toLowerCase().replace(/[^a-z0-9+]/g, '');
}

function widthMismatch(spec: CameraSpec, longSide: number): number {
  return Math.abs(Math.log(Math.max(spec.nativeWidth, spec.nativeHeight) / longSide));
}
