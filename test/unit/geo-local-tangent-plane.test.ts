import * as turf from '@turf/turf';
import { enuToLonLat, lonLatToEnu } from '../../src/geo/local-tangent-plane';
import type { LonLat } from '../../src/geo/photo-geometry';

describe('local tangent plane', () => {
  const origins: LonLat[] = [[-91.99, 46.84], [151.2, -33.86], [-58.4, -34.6], [0.5, 0.1], [179.99, 64.1]];

  it.each(origins)('around %p: offsets round-trip exactly', (lon, lat) => {
    const o: LonLat = [lon, lat];
    for (const [e, n] of [[0, 0], [100, 0], [0, -100], [1500, 1800], [-4999, 37], [-3000, -3000]] as [number, number][]) {
      const [e2, n2] = lonLatToEnu(o, enuToLonLat(o, e, n));
      expect(Math.abs(e2 - e)).toBeLessThan(1e-6);
      expect(Math.abs(n2 - n)).toBeLessThan(1e-6);
    }
  });

  it('one metre north or east matches the WGS 84 radii of curvature at 46.84°', () => {
    const lat = (46.84 * Math.PI) / 180;
    const e2 = 0.00669437999014;
    const m = (6378137 * (1 - e2)) / (1 - e2 * Math.sin(lat) ** 2) ** 1.5;
    const n = 6378137 / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
    const o: LonLat = [-91.99, 46.84];
    expect(enuToLonLat(o, 0, 1)[1] - 46.84).toBeCloseTo((180 / Math.PI) / m, 13);
    expect(enuToLonLat(o, 1, 0)[0] + 91.99).toBeCloseTo((180 / Math.PI) / (n * Math.cos(lat)), 13);
  });

  it('agrees with turf (spherical) distances and bearings to within 0.5%', () => {
    const o: LonLat = [-91.99, 46.84];
    const p = enuToLonLat(o, 1200, -900);
    expect(turf.distance(o, p, { units: 'meters' })).toBeCloseTo(1500, -1);
    expect(turf.bearing(o, p)).toBeCloseTo((Math.atan2(1200, -900) * 180) / Math.PI, 0);
  });

  it('crosses the antimeridian', () => {
    const p = enuToLonLat([179.999, 10], 1000, 0);
    expect(p[0]).toBeLessThan(-179.99);
    const [e] = lonLatToEnu([179.999, 10], p);
    expect(e).toBeCloseTo(1000, 6);
  });
});
