import { cameraIntrinsics, FULL_FRAME_DIAGONAL_MM } from '../../src/metadata/camera-intrinsics';
import type { CameraSpec } from '../../src/metadata/camera-table';
import type { PhotoMeta } from '../../src/metadata/photo-meta';

function meta(over: Partial<PhotoMeta>): PhotoMeta {
  return {
    make: 'DJI', model: 'FC300S', width: 4000, height: 3000, orientation: 1, capturedAt: null,
    latitude: null, longitude: null, absoluteAltitude: null, relativeAltitude: null, gimbal: null, flight: null,
    focalLengthMm: 3.61, focalLength35mm: 20, attitudeSource: null, missing: [], ...over,
  };
}

/** A one-row table, so these tests pin the arithmetic, not the table's values. */
const FC300S_617: CameraSpec = {
  key: 'djiFC300S', label: 'test FC300S', makes: ['DJI'], models: ['FC300S'], modelPrefix: false, thermal: false,
  sensorWidthMm: 6.17, sensorHeightMm: 4.6275, nativeWidth: 4000, nativeHeight: 3000, focalMm: 3.61,
  distortion: { k1: -0.13, k2: 0.11, k3: -0.016, p1: 0.0001, p2: 0.0001 }, source: 'test',
};
const table = [FC300S_617];

describe('cameraIntrinsics', () => {
  it('FC300S, 4000 px wide, 6.17 mm sensor: fx = 3.61 × 4000 / 6.17 ≈ 2340 px, centre, distortion', () => {
    const { intrinsics, warnings } = cameraIntrinsics(meta({}), table);
    expect(intrinsics!.fx).toBeCloseTo((3.61 * 4000) / 6.17, 6);
    expect(intrinsics!.fx).toBeCloseTo(2340, -1);
    expect(intrinsics!.fy).toBeCloseTo(intrinsics!.fx, 6);
    expect(intrinsics).toMatchObject({ width: 4000, height: 3000, cx: 2000, cy: 1500, source: 'camera-table', cameraKey: 'djiFC300S' });
    expect(intrinsics!.distortion).toEqual(FC300S_617.distortion);
    expect(warnings).toEqual([]);
  });

  it('the real table gives the FC300S fx within 1 % of 2340 px', () => {
    const { intrinsics } = cameraIntrinsics(meta({}));
    expect(Math.abs(intrinsics!.fx / 2340 - 1)).toBeLessThan(0.01);
  });

  it('a uniform downscale scales fx and keeps the distortion', () => {
    const { intrinsics, warnings } = cameraIntrinsics(meta({ width: 1000, height: 750 }), table);
    expect(intrinsics!.fx).toBeCloseTo((3.61 * 1000) / 6.17, 6);
    expect(intrinsics!.distortion).not.toBeNull();
    expect(warnings).toEqual([]);
  });

  it('a 16:9 crop keeps the full-width scale, fy = fx, and drops the distortion with a warning', () => {
    const { intrinsics, warnings } = cameraIntrinsics(meta({ width: 4000, height: 2250 }), table);
    expect(intrinsics!.fx).toBeCloseTo((3.61 * 4000) / 6.17, 6);
    expect(intrinsics!.fy).toBeCloseTo(intrinsics!.fx, 6);
    expect(intrinsics).toMatchObject({ cx: 2000, cy: 1125, distortion: null });
    expect(warnings).toEqual([expect.stringContaining('distortion omitted')]);
  });

  it('a portrait-stored photo swaps the sensor axes', () => {
    const { intrinsics } = cameraIntrinsics(meta({ width: 3000, height: 4000 }), table);
    expect(intrinsics!.fx).toBeCloseTo((3.61 * 3000) / 4.6275, 6);
    expect(intrinsics!.fy).toBeCloseTo((3.61 * 4000) / 6.17, 6);
    expect(intrinsics!.distortion).not.toBeNull();
  });

  it('warns when the EXIF focal length disagrees with the table by more than 10 %', () => {
    const { intrinsics, warnings } = cameraIntrinsics(meta({ focalLengthMm: 4.5, focalLength35mm: null }), table);
    expect(intrinsics!.fx).toBeCloseTo((4.5 * 4000) / 6.17, 6);
    expect(warnings).toEqual([expect.stringMatching(/focal length 4.5 mm differs/)]);
  });

  it('warns when the 35 mm equivalent disagrees with the table by more than 10 %', () => {
    const { warnings } = cameraIntrinsics(meta({ focalLength35mm: 28 }), table);
    expect(warnings).toEqual([expect.stringContaining('35 mm equivalent differ')]);
  });

  it("uses the table's nominal focal length when EXIF has none, saying so", () => {
    const { intrinsics, warnings } = cameraIntrinsics(meta({ focalLengthMm: null, focalLength35mm: null }), table);
    expect(intrinsics!.fx).toBeCloseTo((3.61 * 4000) / 6.17, 6);
    expect(warnings).toEqual([expect.stringContaining('nominal 3.61 mm')]);
  });

  it('unknown camera: fx from the 35 mm equivalent by diagonals (4:3)', () => {
    const { intrinsics, warnings } = cameraIntrinsics(meta({ make: 'Acme', model: 'X1', focalLength35mm: 24 }), table);
    expect(intrinsics!.fx).toBeCloseTo((24 * 5000) / FULL_FRAME_DIAGONAL_MM, 6);
    expect(FULL_FRAME_DIAGONAL_MM).toBeCloseTo(43.2666, 4);
    expect(intrinsics).toMatchObject({ source: 'focal-35mm', cameraKey: null, distortion: null, cx: 2000, cy: 1500 });
    expect(intrinsics!.fy).toBe(intrinsics!.fx);
    expect(warnings).toEqual([expect.stringContaining('not in the camera table')]);
  });

  it('35 mm fallback on a 16:9 photo assumes a 4:3 sensor spanning the width; agrees with the table within 2 %', () => {
    const fromTable = cameraIntrinsics(meta({ width: 4000, height: 2250 })).intrinsics!.fx;
    const { intrinsics, warnings } = cameraIntrinsics(meta({ model: 'unknown', width: 4000, height: 2250 }));
    expect(intrinsics!.fx).toBeCloseTo((20 * 5000) / FULL_FRAME_DIAGONAL_MM, 6);
    expect(Math.abs(intrinsics!.fx / fromTable - 1)).toBeLessThan(0.02);
    expect(warnings).toEqual([expect.stringContaining('not in the camera table'), expect.stringContaining('crop of a 4:3 sensor')]);
  });

  it('35 mm fallback on a 3:2 photo uses its own diagonal', () => {
    const { intrinsics } = cameraIntrinsics(meta({ make: 'Acme', model: 'X1', width: 5472, height: 3648, focalLength35mm: 24 }), table);
    expect(intrinsics!.fx).toBeCloseTo((24 * Math.hypot(5472, 3648)) / FULL_FRAME_DIAGONAL_MM, 6);
  });

  it('no table entry and no 35 mm equivalent: null with a warning', () => {
    const { intrinsics, warnings } = cameraIntrinsics(meta({ make: 'Acme', model: 'X1', focalLength35mm: null }), table);
    expect(intrinsics).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('no intrinsics')]);
  });

  it('no image size: null with a warning', () => {
    expect(cameraIntrinsics(meta({ width: null, height: null }), table)).toEqual({ intrinsics: null, warnings: ['image size unknown: no intrinsics'] });
  });

  it('real table: Zenmuse XT2 thermal 640×512, 13 mm → 13 × 640 / 10.88 px', () => {
    const { intrinsics, warnings } = cameraIntrinsics(meta({ model: 'XT2', width: 640, height: 512, focalLengthMm: 13, focalLength35mm: null }));
    expect(intrinsics).toMatchObject({ cameraKey: 'djiXT2:thermal', source: 'camera-table', distortion: null });
    expect(intrinsics!.fx).toBeCloseTo((13 * 640) / 10.88, 6);
    expect(warnings).toEqual([]);
  });
});
