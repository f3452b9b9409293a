import { groundToPixel } from '../../src/geo/ground-to-pixel';
import { lonLatToEnu } from '../../src/geo/local-tangent-plane';
import type { LonLat, Pixel, PhotoGeometry } from '../../src/geo/photo-geometry';
import { pixelToGround } from '../../src/geo/pixel-to-ground';
import { FC300S_FX, FC330_LIKE_DISTORTION, fc300s, geometry } from '../helpers/geo-cameras';

/** East/north metres of a pixel's ground point from the point below the camera. */
function enu(g: PhotoGeometry, p: Pixel): [number, number] {
  const ll = pixelToGround(g, p);
  expect(ll).not.toBeNull();
  return lonLatToEnu([g.pose.longitude, g.pose.latitude], ll!);
}

describe('pixelToGround: hand-derived cases', () => {
  const H = 40;
  const halfW = (2000 / FC300S_FX) * H; // 34.18 m
  const halfH = (1125 / FC300S_FX) * H; // 19.23 m

  it('nadir: the principal point is directly below the camera', () => {
    const [e, n] = enu(geometry(), [2000, 1125]);
    expect(Math.hypot(e, n)).toBeLessThan(1e-6);
  });

  it('nadir, yaw 0: top-centre is north, right-centre is east, by H·(offset / f)', () => {
    const [e1, n1] = enu(geometry({ yaw: 0 }), [2000, 0]);
    expect(e1).toBeCloseTo(0, 6);
    expect(n1).toBeCloseTo(halfH, 6);
    const [e2, n2] = enu(geometry({ yaw: 0 }), [4000, 1125]);
    expect(e2).toBeCloseTo(halfW, 6);
    expect(n2).toBeCloseTo(0, 6);
  });

  it('nadir, yaw 90: top-centre lies east of the camera', () => {
    const [e, n] = enu(geometry({ yaw: 90 }), [2000, 0]);
    expect(e).toBeCloseTo(halfH, 6);
    expect(n).toBeCloseTo(0, 6);
  });

  it.each<[number, number, number]>([
    [180, 0, -1],
    [270, -1, 0],
    [-90, -1, 0],
    [-135, -Math.SQRT1_2, -Math.SQRT1_2],
    [45, Math.SQRT1_2, Math.SQRT1_2],
  ])('nadir, yaw %p: top-centre lies along the yaw', (yaw, de, dn) => {
    const [e, n] = enu(geometry({ yaw }), [2000, 0]);
    expect(e).toBeCloseTo(de * halfH, 6);
    expect(n).toBeCloseTo(dn * halfH, 6);
  });

  it('pitch -45: the principal point lands H metres ahead along the yaw', () => {
    const [e, n] = enu(geometry({ yaw: 0, pitch: -45 }), [2000, 1125]);
    expect(e).toBeCloseTo(0, 6);
    expect(n).toBeCloseTo(H, 6);
    const [e2, n2] = enu(geometry({ yaw: 120, pitch: -45 }), [2000, 1125]);
    expect(e2).toBeCloseTo(H * Math.sin((120 * Math.PI) / 180), 6);
    expect(n2).toBeCloseTo(H * Math.cos((120 * Math.PI) / 180), 6);
  });

  it('pitch -30: the principal point lands H / tan 30° ahead', () => {
    const [, n] = enu(geometry({ pitch: -30 }), [2000, 1125]);
    expect(n).toBeCloseTo(H / Math.tan(Math.PI / 6), 6);
  });

  it('roll 5 at nadir: the principal point swings H·tan 5° toward the image left', () => {
    const [e, n] = enu(geometry({ yaw: 0, roll: 5 }), [2000, 1125]);
    expect(e).toBeCloseTo(-H * Math.tan((5 * Math.PI) / 180), 6);
    expect(n).toBeCloseTo(0, 6);
  });

  it('orientation 6: the displayed top-centre is the stored left-centre', () => {
    // Displayed 2250x4000. Stored (0, 1125) (left centre) is displayed (2250 - 1125, 0) = top centre.
    const stored = enu(geometry({ yaw: 30 }), [0, 1125]);
    const displayed = enu(geometry({ yaw: 30 }, fc300s(), 6), [1125, 0]);
    expect(displayed[0]).toBeCloseTo(stored[0], 9);
    expect(displayed[1]).toBeCloseTo(stored[1], 9);
  });

  it('barrel distortion: a corner pixel sees farther out than the pinhole model says', () => {
    const [e0, n0] = enu(geometry(), [4000, 2250]);
    const [e1, n1] = enu(geometry({}, fc300s(FC330_LIKE_DISTORTION)), [4000, 2250]);
    expect(Math.hypot(e1, n1)).toBeGreaterThan(Math.hypot(e0, n0));
  });
});

describe('pixelToGround: rays that miss the ground', () => {
  it('gives null at and above the horizon', () => {
    const g = geometry({ pitch: 0 });
    expect(pixelToGround(g, [2000, 1125])).toBeNull(); // horizontal
    expect(pixelToGround(g, [2000, 0])).toBeNull(); // above
    expect(pixelToGround(g, [2000, 2250])).not.toBeNull(); // 19° below: 116 m away
  });

  it('gives null beyond the 5 km range', () => {
    // 40 m high, 0.3° below the horizon: 7.6 km away.
    const g = geometry({ pitch: -0.3 });
    expect(pixelToGround(g, [2000, 1125])).toBeNull();
  });

  it('gives null with no height above ground', () => {
    expect(pixelToGround(geometry({ heightAboveGround: 0 }), [2000, 1125])).toBeNull();
  });
});

describe('groundToPixel inverts pixelToGround', () => {
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };

  it('within 1e-3 px over many random pixels, poses, orientations and lenses', () => {
    let checked = 0;
    for (let i = 0; i < 400; i++) {
      const g = geometry(
        {
          latitude: -80 + 160 * random(),
          longitude: -180 + 360 * random(),
          heightAboveGround: 5 + 500 * random(),
          yaw: -180 + 360 * random(),
          pitch: -90 + 70 * random(),
          roll: -8 + 16 * random(),
        },
        fc300s(random() < 0.5 ? FC330_LIKE_DISTORTION : null),
        1 + Math.floor(8 * random()),
      );
      const [w, h] = g.orientation >= 5 ? [2250, 4000] : [4000, 2250];
      const p: Pixel = [w * random(), h * random()];
      const ll: LonLat | null = pixelToGround(g, p);
      if (ll === null) continue;
      const back = groundToPixel(g, ll);
      expect(back).not.toBeNull();
      expect(Math.hypot(back![0] - p[0], back![1] - p[1])).toBeLessThan(1e-3);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('returns pixels outside the image, and null behind the camera', () => {
    const g = geometry({ yaw: 0, pitch: -30 });
    const ahead = pixelToGround(g, [2000, 1125])!;
    const behind: LonLat = [ahead[0], 2 * g.pose.latitude - ahead[1]];
    expect(groundToPixel(g, behind)).toBeNull();
    const below = groundToPixel(g, [g.pose.longitude, g.pose.latitude])!;
    expect(below[1]).toBeGreaterThan(2250); // straight down is 60° below the axis: under the image
  });
});
