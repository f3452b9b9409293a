import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';
import { imageSize } from '../image/sharp-image';
import { readPhotoMeta } from '../metadata/read-photo-meta';
import type { PhotoMeta } from '../metadata/photo-meta';
import { describeGeometry, type GeometryDescription } from '../pipeline/describe-geometry';
import { withProbedSize } from '../pipeline/with-probed-size';

/** Metadata and geometry of one photo on disk, for `inspect` and `locate`. */
export async function readPhotoGeometry(file: string): Promise<{ meta: PhotoMeta; described: GeometryDescription; bytes: Buffer }> {
  const bytes = await fs.readFile(file).catch((e: unknown) => {
    throw new AppError('USAGE', `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  });
  // Pixels given to `locate` refer to the photo as shot, so the metadata's size wins here (a header-only or
  // resized copy still locates right); the image header fills in when the metadata has no size.
  const meta = await readPhotoMeta(bytes);
  const probed = await imageSize(bytes);
  const sized = meta.width !== null && meta.height !== null ? { meta, warnings: sizeMismatch(meta, probed) } : withProbedSize(meta, probed);
  const described = describeGeometry(sized.meta);
  return { meta: sized.meta, described: { ...described, warnings: [...sized.warnings, ...described.warnings] }, bytes };
}

export function photoName(file: string): string {
  return path.basename(file);
}

function sizeMismatch(meta: PhotoMeta, probed: { width: number; height: number }): string[] {
  return meta.width === probed.width && meta.height === probed.height
    ? []
    : [`the image holds ${probed.width}x${probed.height} px but its metadata describes a ${meta.width}x${meta.height} photo; pixels are taken in the metadata's frame`];
}
