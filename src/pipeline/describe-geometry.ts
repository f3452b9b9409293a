import { buildPhotoGeometry } from '../geo/build-photo-geometry';
import { groundSampleDistance } from '../geo/ground-sample-distance';
import type { LonLat, PhotoGeometry } from '../geo/photo-geometry';
import { photoFootprint } from '../geo/photo-footprint';
import { photoGroundCorners, type GroundCorners } from '../geo/photo-ground-corners';
import { cameraIntrinsics } from '../metadata/camera-intrinsics';
import type { CameraIntrinsics } from '../metadata/camera-intrinsics.types';
import type { PhotoMeta } from '../metadata/photo-meta';

export interface GeometryDescription {
  readonly intrinsics: CameraIntrinsics | null;
  readonly geometry: PhotoGeometry | null;
  readonly gsd: number | null;
  readonly footprint: LonLat[] | null;
  /** The image's corners on the ground (top-left, top-right, bottom-right, bottom-left), for maps. */
  readonly groundCorners: GroundCorners | null;
  readonly warnings: string[];
}

/** From metadata to everything geometric the pipeline and `inspect` need, with every warning on the way. */
export function describeGeometry(meta: PhotoMeta): GeometryDescription {
  const { intrinsics, warnings } = cameraIntrinsics(meta);
  if (!intrinsics) return { intrinsics, geometry: null, gsd: null, footprint: null, groundCorners: null, warnings };
  const built = buildPhotoGeometry(meta, intrinsics);
  const geometry = built.geometry;
  return {
    intrinsics,
    geometry,
    gsd: geometry ? groundSampleDistance(geometry) : null,
    footprint: geometry ? photoFootprint(geometry) : null,
    groundCorners: geometry ? photoGroundCorners(geometry) : null,
    warnings: [...warnings, ...built.warnings],
  };
}
