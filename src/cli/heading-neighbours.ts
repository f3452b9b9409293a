import path from 'node:path';
import type { Config } from '../config/load-config';
import { lonLatToEnu } from '../geo/local-tangent-plane';
import { decodeGray } from '../image/sharp-image';
import { checkHeadings, type HeadingPhoto } from '../pipeline/check-headings';
import { findPhotos } from './find-photos';
import { readPhotoGeometry } from './read-photo-geometry';

const WORK_WIDTH = 1200;
/** Neighbours looked at: the nearest photos by position, within this many footprint widths. */
const MAX_NEIGHBOURS = 8;
const RADIUS_FOOTPRINTS = 2;

/**
 * Where the photo's folder holds overlapping photos of the same flight, match their content and say whether
 * this photo's heading tag disagrees with theirs (a tag 180° off places every point tens of metres wrong).
 * A single photo cannot tell; a photo with no overlapping neighbour gets no verdict.
 */
export async function checkHeadingAgainstNeighbours(file: string, config: Config): Promise<string[]> {
  const self = await load(file);
  if (!self) return [];
  const others = (await findPhotos([path.dirname(file)])).filter((f) => path.resolve(f) !== path.resolve(file));
  const candidates: { file: string; d: number }[] = [];
  for (const other of others) {
    const p = await readPhotoGeometry(other).catch(() => null);
    const g = p?.described.geometry;
    if (!g) continue;
    const [e, n] = lonLatToEnu([self.geometry.pose.longitude, self.geometry.pose.latitude], [g.pose.longitude, g.pose.latitude]);
    candidates.push({ file: other, d: Math.hypot(e, n) });
  }
  const radius = RADIUS_FOOTPRINTS * self.geometry.pose.heightAboveGround * (self.geometry.intrinsics.width / self.geometry.intrinsics.fx);
  const near = candidates.filter((c) => c.d < radius).sort((a, b) => a.d - b.d).slice(0, MAX_NEIGHBOURS);
  if (near.length === 0) return [];
  const photos = [self, ...(await Promise.all(near.map((c) => load(c.file, config.maxPixels)))).filter((p): p is HeadingPhoto => p !== null)];
  const verdict = checkHeadings(photos).find((v) => v.id === self.id);
  return verdict?.status === 'suspect' || verdict?.status === 'ambiguous' ? verdict.warnings : [];
}

async function load(file: string, maxPixels?: number): Promise<HeadingPhoto | null> {
  const { meta, described, bytes } = await readPhotoGeometry(file);
  const yaw = meta.gimbal?.yaw ?? meta.flight?.yaw;
  if (!described.geometry || yaw === undefined) return null;
  const gray = await decodeGray(bytes, WORK_WIDTH, maxPixels);
  return { id: path.basename(file), geometry: described.geometry, yawDeg: yaw, gray };
}
