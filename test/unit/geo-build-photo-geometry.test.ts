import { buildPhotoGeometry } from '../../src/geo/build-photo-geometry';
import { headingDifference } from '../../src/geo/choose-attitude';
import type { PhotoMeta } from '../../src/metadata/photo-meta';
import { fc300s } from '../helpers/geo-cameras';

function meta(m: Partial<PhotoMeta> = {}): PhotoMeta {
  return {
    make: 'DJI',
    model: 'FC300S',
    width: 4000,
    height: 2250,
    orientation: 1,
    capturedAt: '2016-08-20T10:00:00',
    latitude: 46.84,
    longitude: -91.99,
    absoluteAltitude: 230,
    relativeAltitude: 40,
    gimbal: { yaw: 45, pitch: -90, roll: 0 },
    flight: { yaw: 43, pitch: 2, roll: -1 },
    focalLengthMm: 3.61,
    focalLength35mm: 20,
    attitudeSource: 'drone-dji',
    missing: [],
    ...m,
  };
}

const build = (m: Partial<PhotoMeta> = {}): ReturnType<typeof buildPhotoGeometry> => buildPhotoGeometry(meta(m), fc300s());
const has = (warnings: string[], re: RegExp): boolean => warnings.some((w) => re.test(w));

describe('buildPhotoGeometry', () => {
  it('a good DJI nadir photo: the gimbal pose, and only the flat-ground warning', () => {
    const { geometry, warnings } = build();
    expect(geometry).toEqual({
      intrinsics: fc300s(),
      pose: { latitude: 46.84, longitude: -91.99, heightAboveGround: 40, yaw: 45, pitch: -90, roll: 0 },
      orientation: 1,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/flat ground assumed at the take-off height/);
  });

  it('no position, a 0,0 position, no relative altitude, a non-positive one: no geometry, and says why', () => {
    expect(build({ latitude: null }).geometry).toBeNull();
    expect(has(build({ longitude: null }).warnings, /no GPS position/)).toBe(true);
    expect(has(build({ latitude: 0, longitude: 0 }).warnings, /0, 0 means no fix/)).toBe(true);
    const noAlt = build({ relativeAltitude: null });
    expect(noAlt.geometry).toBeNull();
    expect(has(noAlt.warnings, /no relative altitude/)).toBe(true);
    expect(build({ relativeAltitude: -3 }).geometry).toBeNull();
  });

  it('implausible heights are kept but warned', () => {
    for (const h of [0.5, 2000]) {
      const r = build({ relativeAltitude: h });
      expect(r.geometry?.pose.heightAboveGround).toBe(h);
      expect(has(r.warnings, /implausible/)).toBe(true);
    }
  });

  it('no gimbal: flight yaw, assumed nadir, warned', () => {
    const r = build({ gimbal: null, flight: { yaw: -120, pitch: 3, roll: 1 } });
    expect(r.geometry?.pose).toMatchObject({ yaw: -120, pitch: -90, roll: 0 });
    expect(has(r.warnings, /no gimbal attitude: assumed the camera looks straight down/)).toBe(true);
  });

  it('no attitude at all: no geometry', () => {
    const r = build({ gimbal: null, flight: null });
    expect(r.geometry).toBeNull();
    expect(has(r.warnings, /no camera or aircraft attitude/)).toBe(true);
  });

  it('gimbal and flight yaw more than 30° apart (across ±180 too): warned', () => {
    expect(has(build({ gimbal: { yaw: 100, pitch: -90, roll: 0 }, flight: { yaw: 40, pitch: 0, roll: 0 } }).warnings, /differ by 60°/)).toBe(true);
    expect(has(build({ gimbal: { yaw: 175, pitch: -90, roll: 0 }, flight: { yaw: -170, pitch: 0, roll: 0 } }).warnings, /differ/)).toBe(false);
    expect(headingDifference(-170, 175)).toBeCloseTo(15, 12);
  });

  it('oblique and horizon-seeing views, large roll: warned', () => {
    const oblique = build({ gimbal: { yaw: 0, pitch: -45, roll: 0 } });
    expect(has(oblique.warnings, /45° away from straight down/)).toBe(true);
    expect(has(oblique.warnings, /horizon/)).toBe(false);
    expect(has(build({ gimbal: { yaw: 0, pitch: -10, roll: 0 } }).warnings, /horizon .* in view/)).toBe(true);
    expect(has(build({ gimbal: { yaw: 0, pitch: -90, roll: 15 } }).warnings, /roll 15° is large/)).toBe(true);
    expect(has(build({ gimbal: { yaw: 0, pitch: -85, roll: 3 } }).warnings, /straight down|roll/)).toBe(false);
  });

  it('bad EXIF orientation is taken as 1 and warned; a size mismatch with the intrinsics is warned', () => {
    const r = build({ orientation: 0 });
    expect(r.geometry?.orientation).toBe(1);
    expect(has(r.warnings, /orientation 0 is not 1\.\.8/)).toBe(true);
    expect(has(build({ width: 4000, height: 3000 }).warnings, /4000x3000 but the intrinsics are for 4000x2250/)).toBe(true);
  });
});
