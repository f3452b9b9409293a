import type { GrayRaster } from '../../src/image/raster';
import { imageStats, NEAR_BLACK, NEAR_WHITE } from '../../src/ingest/image-stats';
import { DEFAULT_QUALITY_THRESHOLDS, photoQuality, type QualityCode, type QualityInput } from '../../src/ingest/photo-quality';
import { sharpness } from '../../src/ingest/sharpness';
import { viewAngles } from '../../src/ingest/view-angles';
import type { PhotoMeta } from '../../src/metadata/photo-meta';
import { gaussianBlur, motionBlur } from '../helpers/gray-degrade';

const W = 192;
const H = 128;

/** A DJI Phantom 3 (FC300S, in the camera table) nadir photo with GPS. */
function meta(m: Partial<PhotoMeta> = {}): PhotoMeta {
  return {
    make: 'DJI',
    model: 'FC300S',
    width: 4000,
    height: 2250,
    orientation: 1,
    capturedAt: '2016-06-23T16:31:59',
    latitude: 46.84,
    longitude: -91.99,
    absoluteAltitude: 198,
    relativeAltitude: 40,
    gimbal: { yaw: 45, pitch: -90, roll: 0 },
    flight: { yaw: 46, pitch: 1.8, roll: 3 },
    focalLengthMm: 3.61,
    focalLength35mm: 20,
    attitudeSource: 'drone-dji',
    missing: [],
    ...m,
  };
}

/** A camera nobody knows: no intrinsics, so HORIZON is judged from the pitch alone. */
const unknownCamera = (m: Partial<PhotoMeta> = {}): PhotoMeta =>
  meta({ make: null, model: null, focalLengthMm: null, focalLength35mm: null, ...m });

// ---- synthetic rasters -------------------------------------------------------------------------------------

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A raster from a function of (x, y) or of the pixel index, rounded and clamped to 8 bits. */
function raster(fn: (x: number, y: number, i: number) => number, width = W, height = H): GrayRaster {
  const out = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = fn(x, y, y * width + x);
  return { data: new Uint8Array(out.buffer), width, height };
}

const map = (g: GrayRaster, fn: (v: number) => number): GrayRaster => raster((_x, _y, i) => fn(g.data[i]!), g.width, g.height);

/** Uniform noise in [lo, hi]. */
function noise(lo: number, hi: number, seed = 1): GrayRaster {
  const rnd = mulberry32(seed);
  return raster(() => lo + (hi - lo) * rnd());
}

/** A checkerboard of `size`-pixel squares. */
const checkerboard = (size: number, dark: number, light: number): GrayRaster =>
  raster((x, y) => ((math.floor(x / size) + math.floor(y / size)) % 2 === 0 ? dark : light));

function terrain(seed: number): GrayRaster {
  const sum = new Float64Array(W * H);
  [0.7, 1.4, 2.8, 5.6].forEach((sigma, k) => {
    const g = gaussianBlur(noise(0, 255, seed * 10 + k), sigma).data;
    let mean = 0;
    for (const v of g) mean += v;
    mean /= g.length;
    let sq = 0;
    for (const v of g) sq += (v - mean) ** 2;
    const sd = math.sqrt(sq / g.length);
    for (let i = 0; i < g.length; i++) sum[i]! += ((g[i]! - mean) / sd) * 12;
  });
  return raster((_x, _y, i) => 128 + sum[i]!);
}

const GROUND = terrain(1);

const codes = (input: Partial<QualityInput>, thresholds = {}): QualityCode[] =>
  photoQuality({ meta: meta(), gray: GROUND, duplicateOf: [], ...input }, thresholds).map((w) => w.code);
const warning = (code: QualityCode, input: Partial<QualityInput>): string | undefined =>
  photoQuality({ meta: meta(), gray: GROUND, duplicateOf: [], ...input }).find((w) => w.code === code)?.message;

const DEG = 180 / Math.PI;

// ---- tests -------------------------------------------------------------------------------------------------

describe('photoQuality', () => {
  it('a sharp, well exposed nadir photo with GPS and no duplicate: no warning', () => {
    expect(photoQuality({ meta: meta(), gray: GROUND, duplicateOf: [] })).toEqual([]);
  });

  it('without a decoded image: no image check, the metadata checks still run', () => {
    expect(codes({ gray: null })).toEqual([]);
    expect(codes({ gray: null, meta: meta({ latitude: null }) })).toEqual(['NO_POSITION']);
  });

  it('lists the codes in a fixed order', () => {
    const all = codes({ meta: meta({ latitude: null, gimbal: { yaw: 0, pitch: -10, roll: 0 } }), gray: map(gaussianBlur(GROUND, 1.5), (v) => 0.2 * v), duplicateOf: ['A'] });
    expect(all).toEqual(['NO_POSITION', 'OBLIQUE', 'HORIZON', 'DARK', 'BLURRED', 'DUPLICATE']);
  });
});

describe('NO_POSITION', () => {
  it.each([
    ['latitude null', { latitude: null }],
    ['longitude null', { longitude: null }],
    ['not a number', { latitude: Number.NaN }],
  ])('%s', (_name, m) => {
    expect(codes({ meta: meta(m) })).toEqual(['NO_POSITION']);
    expect(warning('NO_POSITION', { meta: meta(m) })).toMatch(/no GPS position/);
  });

  it('0, 0 is the no-fix value DJI writes', () => {
    expect(warning('NO_POSITION', { meta: meta({ latitude: 0, longitude: 0 }) })).toMatch(/0, 0 .*no GPS fix/);
  });

  it('a real position near 0 is kept', () => {
    expect(codes({ meta: meta({ latitude: 0, longitude: 9.5 }) })).toEqual([]);
  });
});

describe('OBLIQUE', () => {
  it('pitch -45: 45° off nadir, over the 30° limit, with the figures', () => {
    const msg = warning('OBLIQUE', { meta: meta({ gimbal: { yaw: 10, pitch: -45, roll: 0 } }) });
    expect(msg).toMatch(/45° away from straight down \(limit 30°; gimbal pitch -45°\)/);
  });

  it('pitch -65 (25° off nadir) and a level nadir view are not oblique', () => {
    expect(codes({ meta: meta({ gimbal: { yaw: 10, pitch: -65, roll: 0 } }) })).toEqual([]);
    expect(codes({ meta: meta({ gimbal: { yaw: 10, pitch: -90, roll: 2 } }) })).toEqual([]);
  });

  it('a roll tilts the view too: pitch -90 with roll 35° is 35° off nadir', () => {
    expect(warning('OBLIQUE', { meta: meta({ gimbal: { yaw: 0, pitch: -90, roll: 35 } }) })).toMatch(/35° away/);
  });

  it('the limit is a threshold', () => {
    const m = meta({ gimbal: { yaw: 0, pitch: -65, roll: 0 } });
    expect(codes({ meta: m }, { maxOffNadirDeg: 20 })).toEqual(['OBLIQUE']);
  });

  it('no gimbal attitude: not judged from the aircraft attitude (its pitch is the body tilt, not the camera)', () => {
    const m = meta({ gimbal: null, flight: { yaw: 0, pitch: -40, roll: 0 } });
    expect(codes({ meta: m })).toEqual([]);
    expect(viewAngles(m, null)).toBeNull();
  });
});

describe('HORIZON', () => {
  // FC300S at 4000x2250: fy = 3.61 mm × 4000 px / 6.2 mm (the camera table's sensor width): half the vertical
  // field of view is atan(1125 / fy), about 25.8°.
  const halfFov = Math.atan(1125 / ((3.61 * 4000) / 6.2)) * DEG;

  it('the top edge reaches above the horizontal: warned with the elevation and the field of view', () => {
    const pitch = -20;
    const msg = warning('HORIZON', { meta: meta({ gimbal: { yaw: 0, pitch, roll: 0 } }) });
    expect(msg).toContain(`looks ${Math.round(pitch + halfFov)}° above the horizontal`);
    expect(msg).toContain(`vertical field of view ${Math.round(2 * halfFov)}°`);
  });

  it('just below and just above the limit set by the field of view', () => {
    const below = meta({ gimbal: { yaw: 0, pitch: -halfFov - 1, roll: 0 } });
    const above = meta({ gimbal: { yaw: 0, pitch: -halfFov + 1, roll: 0 } });
    expect(codes({ meta: below })).toEqual(['OBLIQUE']);
    expect(codes({ meta: above })).toEqual(['OBLIQUE', 'HORIZON']);
  });

  it('the highest border ray, worked out by hand for roll 0 (top-edge centre above the horizon, corners below it)', () => {
    const k = { width: 4000, height: 2250, fx: 2329, fy: 2329, cx: 2000, cy: 1125, distortion: null, source: 'camera-table', cameraKey: null } as const;
    const [tx, ty] = [2000 / 2329, 1125 / 2329];
    const view = (pitch: number): ReturnType<typeof viewAngles> => viewAngles(meta({ gimbal: { yaw: 30, pitch, roll: 0 } }), k);
    // Above the horizon the top-edge centre is the highest ray: pitch + half the vertical field of view.
    expect(view(-10)!.topElevationDeg).toBeCloseTo(-10 + Math.atan(ty) * DEG, 6);
    // Below it a top corner is: up = sin p + ty cos p, forward = cos p - ty sin p, sideways = tx.
    const p = -50 / DEG;
    const up = Math.sin(p) + ty * Math.cos(p);
    const corner = Math.atan2(up, Math.hypot(Math.cos(p) - ty * Math.sin(p), tx)) * DEG;
    expect(view(-50)!.topElevationDeg).toBeCloseTo(corner, 6);
    expect(view(-50)!.offNadirDeg).toBeCloseTo(40, 6);
    expect(view(-50)!.verticalFovDeg).toBeCloseTo(2 * Math.atan(ty) * DEG, 6);
  });

  it('unknown camera: judged from the pitch alone, said to be probable', () => {
    expect(warning('HORIZON', { meta: unknownCamera({ gimbal: { yaw: 0, pitch: -15, roll: 0 } }) })).toMatch(
      /horizon probably in view: the camera looks only 15° below the horizontal \(limit 20°/,
    );
    expect(codes({ meta: unknownCamera({ gimbal: { yaw: 0, pitch: -25, roll: 0 } }) })).toEqual(['OBLIQUE']);
    expect(codes({ meta: unknownCamera({ gimbal: { yaw: 0, pitch: -25, roll: 0 } }) }, { horizonAxisElevationDeg: -30 })).toEqual([
      'OBLIQUE',
      'HORIZON',
    ]);
  });

  it('a nadir photo does not see the horizon', () => {
    expect(codes({ meta: unknownCamera() })).toEqual([]);
  });
});

describe('DARK and OVEREXPOSED', () => {
  it('a dark photo: the measured mean brightness and the limit in the message', () => {
    const dark = noise(0, 40); // mean about 20 of 255: 8%
    const mean = imageStats(dark).meanBrightness;
    expect(warning('DARK', { gray: dark })).toBe(`very dark: mean brightness ${Math.round(mean * 100)}% (limit 12%)`);
    expect(codes({ gray: dark }, { minMeanBrightness: mean - 0.01 })).toEqual([]);
  });

  it('half crushed to black is dark even when the mean is not low', () => {
    const g = raster((x) => (x < 0.6 * W ? 2 : 220 + (x % 7)));
    const s = imageStats(g);
    expect(s.meanBrightness).toBeGreaterThan(DEFAULT_QUALITY_THRESHOLDS.minMeanBrightness);
    expect(s.nearBlackFraction).toBeCloseTo(0.6, 2);
    expect(warning('DARK', { gray: g })).toMatch(/^very dark: 60% of the picture is near-black \(limit 50%; near-black: 3% brightness or less\)$/);
  });

  it('an overexposed photo: the blown-out share and the mean in the message', () => {
    const g = map(GROUND, (v) => v * 4);
    const s = imageStats(g);
    const msg = warning('OVEREXPOSED', { gray: g });
    expect(msg).toContain(`mean brightness ${Math.round(s.meanBrightness * 100)}% (limit 88%)`);
    expect(msg).toContain(`${Math.round(s.nearWhiteFraction * 100)}% of the picture is blown out to white (limit 25%`);
    expect(codes({ gray: g })).not.toContain('DARK');
  });

  it('bright but not clipped (snow, sand) is not overexposed below the mean limit', () => {
    const g = noise(180, 240); // mean about 82%, nothing at 247 or above
    expect(imageStats(g).nearWhiteFraction).toBe(0);
    expect(codes({ gray: g })).toEqual([]);
    expect(codes({ gray: g }, { maxMeanBrightness: 0.8 })).toEqual(['OVEREXPOSED']);
  });

  it('mid-gray texture is neither', () => {
    const c = codes({ gray: terrain(7) });
    expect(c).not.toContain('DARK');
    expect(c).not.toContain('OVEREXPOSED');
  });
});

describe('imageStats', () => {
  it('counts near-black and near-white pixels at their levels', () => {
    const data = Uint8Array.from([0, NEAR_BLACK, NEAR_BLACK + 1, 128, NEAR_WHITE - 1, NEAR_WHITE, 255, 255]);
    const s = imageStats({ data, width: 4, height: 2 });
    expect(s.nearBlackFraction).toBe(2 / 8);
    expect(s.nearWhiteFraction).toBe(3 / 8);
    expect(s.meanBrightness).toBeCloseTo(data.reduce((a, b) => a + b, 0) / 8 / 255, 12);
  });

  it('refuses a raster whose size and data disagree', () => {
    expect(() => imageStats({ data: new Uint8Array(10), width: 4, height: 3 })).toThrow(RangeError);
    expect(() => imageStats({ data: new Uint8Array(0), width: 0, height: 0 })).toThrow(RangeError);
  });
});

describe('BLURRED and the sharpness score', () => {
  it('sharp noise, a sharp checkerboard and ground-like texture pass; Gaussian-blurred copies are caught', () => {
    for (const sharp of [noise(0, 255), checkerboard(4, 60, 190), terrain(3)]) {
      expect(sharpness(sharp)!).toBeGreaterThan(1.5 * DEFAULT_QUALITY_THRESHOLDS.minSharpness);
      expect(codes({ gray: sharp })).toEqual([]);
      const blurred = gaussianBlur(sharp, 1.5);
      expect(sharpness(blurred)!).toBeLessThan(DEFAULT_QUALITY_THRESHOLDS.minSharpness / 2);
      expect(codes({ gray: blurred })).toEqual(['BLURRED']);
    }
  });

  it('a motion blur along one direction is enough, whatever the direction', () => {
    const sharp = terrain(5);
    for (const [dx, dy] of [[1, 0], [0, 1], [1, 1], [1, -1]] as const) {
      expect(codes({ gray: motionBlur(sharp, 7, dx, dy) })).toEqual(['BLURRED']);
    }
  });

  it('the message gives the score and the limit', () => {
    const g = gaussianBlur(terrain(2), 1.5);
    const s = sharpness(g)!;
    expect(warning('BLURRED', { gray: g })).toMatch(new RegExp(`^blurred \\(motion blur or out of focus\\): sharpness ${s.toFixed(2)} \\(limit 1\\.50;`));
  });

  it('does not depend on brightness or contrast', () => {
    const base = terrain(4);
    const s = sharpness(base)!;
    expect(Math.abs(sharpness(map(base, (v) => 0.5 * v + 100))! / s - 1)).toBeLessThan(0.1);
    const blurred = gaussianBlur(base, 1.2);
    const b = sharpness(blurred)!;
    expect(Math.abs(sharpness(map(blurred, (v) => 0.4 * v + 100))! / b - 1)).toBeLessThan(0.15);
  });

  it('a blurred low-contrast photo is caught despite the 8-bit rounding noise', () => {
    // ±12 gray levels of noise blurred with sigma 2.5: what is left is mostly one-level rounding steps and
    // spikes, which score like fine detail (about 2.7) unless left out.
    const g = gaussianBlur(noise(116, 140, 9), 2.5);
    expect(sharpness(g)).not.toBeNull();
    expect(codes({ gray: g })).toEqual(['BLURRED']);
  });

  it('a uniform frame or a smooth ramp cannot be judged: no score, no BLURRED', () => {
    expect(sharpness(raster(() => 128))).toBeNull();
    expect(sharpness(raster((x) => 100 + 0.2 * x))).toBeNull();
    expect(codes({ gray: raster(() => 128) })).toEqual([]);
    expect(sharpness({ data: new Uint8Array(4), width: 2, height: 2 })).toBeNull();
  });
});

describe('DUPLICATE', () => {
  it('names the flight that already holds the photo', () => {
    expect(warning('DUPLICATE', { duplicateOf: ['Brighton 23 June'] })).toBe('the same photo (same SHA-256) is already in flight "Brighton 23 June"');
  });

  it('names every flight once', () => {
    expect(warning('DUPLICATE', { duplicateOf: ['A', 'B', 'A'] })).toBe('the same photo (same SHA-256) is already in flights "A", "B"');
  });

  it('no duplicate: no warning', () => {
    expect(codes({ duplicateOf: [] })).toEqual([]);
  });
});
