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
  const self = await load(file, await readPhotoGeometry(file), config.maxPixels);
  if (!self) return [];
  const others = (await findPhotos([path.dirname(file)])).filter((f) => path.resolve(f) !== path.resolve(file));
  const candidates: { file: string; read: Read; d: number }[] = [];
  for (const other of others) {
    const read = await readPhotoGeometry(other).catch(() => null);
    const g = read?.described.geometry;
    if (!read || !g) continue;
    const [e, n] = lonLatToEnu([self.geometry.pose.longitude, self.geometry.pose.latitude], [g.pose.longitude, g.pose.latitude]);
    candidates.push({ file: other, read, d: Math.hypot(e, n) });
  }
  const radius = RADIUS_FOOTPRINTS * self.geometry.pose.heightAboveGround * (self.geometry.intrinsics.width / self.geometry.intrinsics.fx);
  const near = candidates.filter((c) => c.d < radius).sort((a, b) => a.d - b.d).slice(0, MAX_NEIGHBOURS);
  if (near.length === 0) return [];
  // The bytes and metadata read while looking for neighbours are reused: each file is read once.
  const loaded = await Promise.all(near.map((c) => load(c.file, c.read, config.maxPixels)));
  const photos = [self, ...loaded.filter((p): p is HeadingPhoto => p !== null)];
  const verdict = checkHeadings(photos).find((v) => v.id === self.id);
  return verdict?.status === 'suspect' || verdict?.status === 'ambiguous' ? verdict.warnings : [];
}

type Read = Awaited<ReturnType<typeof readPhotoGeometry>>;

async function load(file: string, { meta, described, bytes }: Read, maxPixels: number): Promise<HeadingPhoto | null> {
  const yaw = meta.gimbal?.yaw ?? meta.flight?.yaw;
  if (!described.geometry || yaw === undefined) return null;
  const gray = await decodeGray(bytes, WORK_WIDTH, maxPixels);
  return { id: path.basename(file), geometry: described.geometry, yawDeg: yaw, gray };
}
