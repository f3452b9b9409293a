import type { Detection } from '../../src/detections/detection';
import { AppError } from '../../src/errors';
import { lonLatToEnu } from '../../src/geo/local-tangent-plane';
import type { RgbRaster } from '../../src/image/raster';
import type { PhotoMeta } from '../../src/metadata/photo-meta';
import { analyzePhoto, type PhotoAdapters } from '../../src/pipeline/analyze-photo';
import { analyzePhotos, type FlightAdapters } from '../../src/pipeline/analyze-photos';
import type { PhotoFailure, PhotoResult } from '../../src/pipeline/photo-result';

/** FC6310-like nadir photo at 45 m over the Han River: 2400 x 1600 px, fx 1600 px, GSD 2.8 cm/px. */
const META: PhotoMeta = {
  make: 'DJI', model: 'FC6310', width: 2400, height: 1600, orientation: 1, capturedAt: '2026-05-01T10:00:00',
  latitude: 30.3958, longitude: 113.4416, absoluteAltitude: 70, relativeAltitude: 45,
  gimbal: { yaw: 0, pitch: -90, roll: 0 }, flight: { yaw: 0, pitch: 0, roll: 0 },
  focalLengthMm: 8.8, focalLength35mm: 24, attitudeSource: 'drone-dji', missing: [],
};
const PLUME: Detection = { class: 'discharge', confidence: 0.8, source: [1200, 400], bbox: [1100, 350, 1500, 700] };

/** Adapters that answer only what a test planned and throw on anything else. */
function fakes(overrides: Partial<PhotoAdapters & FlightAdapters>): FlightAdapters {
  const unplanned = (name: string) => () => {
    throw new Error(`unplanned call: ${name}`);
  };
  return {
    readFile: unplanned('readFile'),
    readMeta: unplanned('readMeta'),
    probe: unplanned('probe'),
    decode: unplanned('decode'),
    detect: unplanned('detect'),
    ...overrides,
  };
}

const raster = (w: number, h: number, ow = 2400, oh = 1600): RgbRaster => ({ data: new Uint8Array(w * h * 3), width: w, height: h, originalWidth: ow, originalHeight: oh });

describe('analyzePhoto', () => {
  it('reads, decodes at the model\'s ground sample distance, detects and places the source on the ground', async () => {
    const scales: number[] = [];
    const io = fakes({
      probe: () => Promise.resolve({ width: 2400, height: 1600, orientation: 1 }),
      readMeta: () => Promise.resolve(META),
      decode: (_b, scale) => {
        scales.push(scale);
        return Promise.resolve(raster(Math.round(2400 * scale), Math.round(1600 * scale)));
      },
      detect: () => Promise.resolve([PLUME]),
    });
    const r = await analyzePhoto('/x/DJI_0001.JPG', 'DJI_0001.JPG', Buffer.from('abc'), io, { trainingGsd: 0.05 });
    expect(scales).toHaveLength(1);
    const fx = r.intrinsics!.fx; // FC6310 from the camera table: about 1600 px at 2400 px wide
    expect(fx).toBeGreaterThan(1550);
    expect(fx).toBeLessThan(1700);
    expect(r.gsd).toBeCloseTo(45 / fx, 5);
    expect(scales[0]).toBeCloseTo(45 / fx / 0.05, 3); // photo GSD / training GSD
    expect(r.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(r.observations).toHaveLength(1);
    const obs = r.observations[0]!;
    // 400 px above the centre at yaw 0: 400 * GSD north of the camera
    const [east, north] = lonLatToEnu([META.longitude!, META.latitude!], obs.ground!);
    expect(north).toBeCloseTo(400 * (45 / fx), 2);
    expect(east).toBeCloseTo(0, 2);
    expect(obs.uncertaintyM).toBeGreaterThan(1.5);
    expect(r.warnings.join(' ')).toMatch(/flat ground/);
  });

  it('never upsamples when the photo is coarser than the training GSD, and keeps going without geometry', async () => {
    const io = fakes({
      probe: () => Promise.resolve({ width: 2400, height: 1600, orientation: 1 }),
      readMeta: () => Promise.resolve({ ...META, latitude: null, longitude: null, missing: ['position'] }),
      decode: (_b, scale) => {
        expect(scale).toBe(1);
        return Promise.resolve(raster(2400, 1600));
      },
      detect: () => Promise.resolve([PLUME]),
    });
    const r = await analyzePhoto('/x/a.jpg', 'a.jpg', Buffer.from('x'), io, { trainingGsd: 0.01 });
    expect(r.geometry).toBeNull();
    expect(r.observations[0]!.ground).toBeNull();
    expect(r.warnings.join(' ')).toMatch(/position/);
  });

  it('takes the image header\'s size over stale EXIF size tags, and says so', async () => {
    const io = fakes({
      probe: () => Promise.resolve({ width: 1200, height: 800, orientation: 1 }),
      readMeta: () => Promise.resolve(META),
      decode: () => Promise.resolve(raster(1200, 800, 1200, 800)),
      detect: () => Promise.resolve([]),
    });
    const r = await analyzePhoto('/x/a.jpg', 'a.jpg', Buffer.from('x'), io, { trainingGsd: null });
    expect(r.meta.width).toBe(1200);
    expect(r.gsd).toBeCloseTo(45 / r.intrinsics!.fx, 5);
    expect(r.intrinsics!.fx).toBeLessThan(850); // fx follows the width actually there (half of about 1640)
    expect(r.warnings[0]).toMatch(/EXIF says 2400x1600 px but the image holds 1200x800 px/);
  });

  it('stops at the header when the image is refused, before metadata or decoding', async () => {
    const io = fakes({ probe: () => Promise.reject(new AppError('IMAGE_TOO_LARGE', 'too big')) });
    await expect(analyzePhoto('/x/a.png', 'a.png', Buffer.from('x'), io, { trainingGsd: null })).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE' });
  });
});

describe('analyzePhotos', () => {
  const good = fakes({
    readFile: (f) => (f.includes('bad') ? Promise.reject(new AppError('UNREADABLE_IMAGE', 'corrupt')) : Promise.resolve(Buffer.from(f))),
    probe: () => Promise.resolve({ width: 2400, height: 1600, orientation: 1 }),
    readMeta: () => Promise.resolve(META),
    decode: () => Promise.resolve(raster(2400, 1600)),
    detect: () => Promise.resolve([PLUME]),
  });

  it('fails a bad photo alone, keeps input order, and merges the others\' sightings into one hotspot', async () => {
    const seen: (PhotoResult | PhotoFailure)[] = [];
    const r = await analyzePhotos(['/f/a.jpg', '/f/bad.jpg', '/f/c.jpg'], good, {
      trainingGsd: null, concurrency: 2, footprints: true, onPhotoDone: (_d, _t, o) => seen.push(o),
    });
    expect(seen).toHaveLength(3);
    expect(r.photos.map((p) => p.photo)).toEqual(['a.jpg', 'c.jpg']);
    expect(r.failures).toEqual([{ photo: 'bad.jpg', path: '/f/bad.jpg', code: 'UNREADABLE_IMAGE', message: 'corrupt' }]);
    expect(r.report.hotspots).toHaveLength(1);
    expect(r.report.hotspots[0]!.observations.map((o) => o.photo)).toEqual(['a.jpg', 'c.jpg']);
    expect(r.report.footprints).toHaveLength(2);
  });

  it('records an unexpected error as an INTERNAL failure of that photo, with its message', async () => {
    const io = { ...good, detect: () => Promise.reject(new TypeError('boom')) };
    const r = await analyzePhotos(['/f/a.jpg'], io, { trainingGsd: null, concurrency: 1, footprints: false });
    expect(r.failures).toEqual([{ photo: 'a.jpg', path: '/f/a.jpg', code: 'INTERNAL', message: 'boom' }]);
    expect(r.report.footprints).toBeUndefined();
  });
});
