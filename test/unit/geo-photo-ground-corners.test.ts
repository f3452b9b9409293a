import { lonLatToEnu } from '../../src/geo/local-tangent-plane';
import type { LonLat, PhotoGeometry } from '../../src/geo/photo-geometry';
import { photoFootprint } from '../../src/geo/photo-footprint';
import { photoGroundCorners } from '../../src/geo/photo-ground-corners';
import { FC300S_FX, fc300s, geometry } from '../helpers/geo-cameras';

const enu = (g: PhotoGeometry, p: LonLat): [number, number] => lonLatToEnu([g.pose.longitude, g.pose.latitude], p);
const halfW = (2000 / FC300S_FX) * 40;
const halfH = (1125 / FC300S_FX) * 40;

describe('photoGroundCorners', () => {
  it('nadir, yaw 0 (top of the image to the north): top-left is north-west, then clockwise', () => {
    const g = geometry({ yaw: 0 });
    const xy = photoGroundCorners(g)!.map((p) => enu(g, p));
    const expected = [[-halfW, halfH], [halfW, halfH], [halfW, -halfH], [-halfW, -halfH]];
    xy.forEach(([e, n], i) => {
      expect(e).toBeCloseTo(expected[i]![0]!, 4);
      expect(n).toBeCloseTo(expected[i]![1]!, 4);
    });
  });

  it('yaw 90 (top of the image to the east): top-left is north-east, top-right south-east', () => {
    const g = geometry({ yaw: 90 });
    const [tl, tr] = photoGroundCorners(g)!.map((p) => enu(g, p));
    expect(tl![0]).toBeCloseTo(halfH, 3);
    expect(tl![1]).toBeCloseTo(halfW, 3);
    expect(tr![0]).toBeCloseTo(halfH, 3);
    expect(tr![1]).toBeCloseTo(-halfW, 3);
  });

  it('every corner is a vertex of the footprint ring, for each EXIF orientation', () => {
    for (const o of [1, 3, 6, 8]) {
      const g = geometry({ yaw: 30 }, fc300s(), o);
      const ring = photoFootprint(g)!;
      for (const c of photoGroundCorners(g)!) {
        const nearest = Math.min(...ring.map((p) => Math.hypot(...(enu(g, p).map((v, i) => v - enu(g, c)[i]!) as [number, number]))));
        expect(nearest).toBeLessThan(1e-6);
      }
    }
  });

  it('orientation 6 (displayed portrait): the displayed top edge is the short side on the ground', () => {
    const g = geometry({ yaw: 0 }, fc300s(), 6);
    const [tl, tr, br] = photoGroundCorners(g)!.map((p) => enu(g, p));
    const top = Math.hypot(tr![0] - tl![0], tr![1] - tl![1]);
    const right = Math.hypot(br![0] - tr![0], br![1] - tr![1]);
    expect(top).toBeCloseTo(2 * halfH, 3);
    expect(right).toBeCloseTo(2 * halfW, 3);
  });

  it('null when a corner misses the ground (horizon in view), or the camera looks at the sky', () => {
    expect(photoGroundCorners(geometry({ pitch: -10 }))).toBeNull();
    expect(photoGroundCorners(geometry({ pitch: 30 }))).toBeNull();
  });
});
