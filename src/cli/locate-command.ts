import { pixelToGround } from '../geo/pixel-to-ground';
import { displayedSize } from '../metadata/photo-meta';
import { parsePixel } from './parse-pixel';
import { photoName, readPhotoGeometry } from './read-photo-geometry';

/**
 * `locate <photo> <x,y>...`: a FeatureCollection of Points, one per pixel in the order given; a pixel
 * whose ray never meets the ground (above the horizon) or a photo without usable geometry gives a null
 * geometry, with the reason in its properties.
 */
export async function runLocate(file: string, pixelTexts: readonly string[]): Promise<number> {
  const pixels = pixelTexts.map(parsePixel);
  const { described } = await readPhotoGeometry(file);
  const g = described.geometry;
  const size = g ? displayedSize(g.intrinsics.width, g.intrinsics.height, g.orientation) : null;
  const features = pixels.map((pixel) => {
    const inside = size !== null && pixel[0] >= 0 && pixel[1] >= 0 && pixel[0] <= size.width && pixel[1] <= size.height;
    const ground = g && inside ? pixelToGround(g, pixel) : null;
    const reason = !g
      ? 'the photo has no usable position, altitude or camera'
      : !inside
        ? `outside the photo (${size!.width}x${size!.height} px)`
        : ground
          ? undefined
          : 'the ray does not meet the ground (at or above the horizon)';
    return {
      type: 'Feature' as const,
      geometry: ground ? { type: 'Point' as const, coordinates: [round(ground[0]), round(ground[1])] } : null,
      properties: { photo: photoName(file), pixel, ...(reason ? { reason } : {}) },
    };
  });
  process.stdout.write(JSON.stringify({ type: 'FeatureCollection', features }, null, 2) + '\n');
  if (!g) process.stderr.write(`outfall-scout: ${described.warnings.join('; ')}\n`);
  return 0;
}

function round(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}
