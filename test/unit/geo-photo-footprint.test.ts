import * as turf from '@turf/turf';
import { MAX_GROUND_RANGE_M } from '../../src/geo/ground-intersection';
import { groundSampleDistance } from '../../src/geo/ground-sample-distance';
import { lonLatToEnu } from '../../src/geo/local-tangent-plane';
import type { LonLat, PhotoGeometry } from '../../src/geo/photo-geometry';
import { photoFootprint } from '../../src/geo/photo-footprint';
import { FC300S_FX, FC330_LIKE_DISTORTION, fc300s, geometry } from '../helpers/geo-cameras';

function enuRing(g: PhotoGeometry, ring: LonLat[]): [number, number][] {
  return ring.map((p) => lonLatToEnu([g.pose.longitude, g.pose.latitude], p));
}

describe('groundSampleDistance', () => {
  it('nadir: H / f (FC300S at 40 m ≈ 1.71 cm/px), whatever the yaw or orientation', () => {
    for (const g of [geometry(), geometry({ yaw: 45 }), geometry({ yaw: -135 }, fc300s(), 6)]) {
      expect(groundSampleDistance(g)).toBeCloseTo(40 / FC300S_FX, 9);
    }
    expect(40 / FC300S_FX).toBeCloseTo(0.0171, 4);
  });

  it('pitch -45: slant range √2·H, stretched along the view by √2: √(2√2)·H/f', () => {
    expect(groundSampleDistance(geometry({ pitch: -45 }))).toBeCloseTo(Math.sqrt(2 * Math.SQRT2) * (40 / FC300S_FX), 7);
  });

  it('null when the centre sees the sky', () => {
    expect(groundSampleDistance(geometry({ pitch: 10 }))).toBeNull();
  });
});

describe('photoFootprint', () => {
  it('nadir FC300S at 40 m: a closed 68 x 38 m rectangle, counter-clockwise', () => {
    const g = geometry({ yaw: 0 });
    const ring = photoFootprint(g)!;
    expect(ring).toHaveLength(33);
    expect(ring[0]).toEqual(ring[32]);
    expect(turf.booleanClockwise(ring)).toBe(false);
    const xy = enuRing(g, ring);
    const es = xy.map(([e]) => e);
    const ns = xy.map(([, n]) => n);
    expect(Math.max(...es) - Math.min(...es)).toBeCloseTo((4000 / FC300S_FX) * 40, 5);
    expect(Math.max(...ns) - Math.min(...ns)).toBeCloseTo((2250 / FC300S_FX) * 40, 5);
    expect((4000 / FC300S_FX) * 40).toBeCloseTo(68.4, 1);
    expect(Math.abs(turf.area(turf.polygon([ring])) / (68.36 * 38.45) - 1)).toBeLessThan(0.005); // turf: spherical
  });

  it('yaw 90: the long side runs north-south', () => {
    const g = geometry({ yaw: 90 });
    const xy = enuRing(g, photoFootprint(g)!);
    const ns = xy.map(([, n]) => n);
    expect(Math.max(...ns) - Math.min(...ns)).toBeCloseTo(68.36, 1);
  });

  it('stays counter-clockwise for mirrored orientations', () => {
    for (const o of [1, 2, 4, 5, 7]) expect(turf.booleanClockwise(photoFootprint(geometry({}, fc300s(), o))!)).toBe(false);
  });

  it('oblique pitch -60: a trapezoid, wider at the far (north) edge', () => {
    const g = geometry({ yaw: 0, pitch: -60 });
    const xy = enuRing(g, photoFootprint(g)!);
    // Near edge 30° - 25.7° = 4.3° off nadir (3 m ahead), far edge 55.7° (59 m ahead).
    const far = xy.filter(([, n]) => n > 50);
    const near = xy.filter(([, n]) => n < 10);
    const width = (pts: [number, number][]): number => Math.max(...pts.map(([e]) => e)) - Math.min(...pts.map(([e]) => e));
    expect(width(far)).toBeGreaterThan(1.5 * width(near));
  });

  it('oblique pitch -10 with the horizon in view: cut at the maximum range', () => {
    const g = geometry({ yaw: 0, pitch: -10 });
    const xy = enuRing(g, photoFootprint(g)!);
    const ranges = xy.map(([e, n]) => Math.hypot(e, n));
    expect(Math.max(...ranges)).toBeCloseTo(MAX_GROUND_RANGE_M, 3);
  });

  it('distortion: barrel lens shows more ground than the pinhole model', () => {
    const plain = turf.area(turf.polygon([photoFootprint(geometry())!]));
    const barrel = turf.area(turf.polygon([photoFootprint(geometry({}, fc300s(FC330_LIKE_DISTORTION)))!]));
    expect(barrel).toBeGreaterThan(plain);
  });

  it('null when the camera looks at the sky', () => {
    expect(photoFootprint(geometry({ pitch: 30 }))).toBeNull();
  });
});
