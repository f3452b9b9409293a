import type { PhotoMeta } from '../metadata/photo-meta';

export interface ProbedSize {
  readonly width: number;
  readonly height: number;
  readonly orientation: number;
}

/**
 * The image header is the truth about pixel size and orientation: EXIF size tags can be missing, or left
 * over from before an edit (a header-only or resized file). Take the header's, and say when they disagree.
 */
export function withProbedSize(meta: PhotoMeta, probed: ProbedSize): { meta: PhotoMeta; warnings: string[] } {
  const warnings: string[] = [];
  if (meta.width !== null && meta.height !== null && (meta.width !== probed.width || meta.height !== probed.height)) {
    warnings.push(`EXIF says ${meta.width}x${meta.height} px but the image holds ${probed.width}x${probed.height} px; using the image's size`);
  }
  if (meta.orientation !== probed.orientation && probed.orientation !== 1) {
    warnings.push(`EXIF orientation ${meta.orientation} differs from the image header's ${probed.orientation}; using the header's`);
  }
  return {
    meta: {
      ...meta,
      width: probed.width,
      height: probed.height,
      orientation: probed.orientation !== 1 ? probed.orientation : meta.orientation,
      missing: meta.missing.filter((m) => m !== 'imageSize'),
    },
    warnings,
  };
}
