import fs from 'node:fs';
import path from 'node:path';
import type { GrayRaster } from '../../src/image/raster';
import { decodeGray } from '../../src/image/sharp-image';
import { photoQuality, type QualityCode } from '../../src/ingest/photo-quality';
import type { PhotoMeta } from '../../src/metadata/photo-meta';
import { readPhotoMeta } from '../../src/metadata/read-photo-meta';
import { describeShared } from '../helpers/shared-data';
import { gaussianBlur, motionBlur, remap } from '../helpers/gray-degrade';

/**
 * The ingest quality checks on real photos decoded by real sharp at 512 px, as at upload: the originals must
 * pass the image checks (none is dark, blown out or blurred), and copies darkened, blown out or blurred in
 * the decoded raster must be caught. Real photos come from ../shared/data (real-photos: 9 DJI nadir photos;
 * real-water: 21 aerial photos of water, not the training pool), skipped with a reason where it is absent; samples/ always runs.
 */
const SAMPLES = path.resolve(__dirname, '../../samples');
const GRAY_WIDTH = 512;
const IMAGE_CODES: readonly QualityCode[] = ['DARK', 'OVEREXPOSED', 'BLURRED'];

const jpegs = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.jpe?g$/i.test(f)).sort().map((f) => path.join(dir, f))
    : [];

/** Metadata that raises nothing, so only the image checks speak. */
const NO_META: PhotoMeta = {
  make: null, model: null, width: null, height: null, orientation: 1, capturedAt: null, latitude: 46.84, longitude: -91.99,
  absoluteAltitude: null, relativeAltitude: null, gimbal: null, flight: null, focalLength35mm: null, focalLengthMm: null,
  attitudeSource: null, missing: [],
};

// ---- degradations, on the decoded raster (pure TS: sharp stays in src/image/sharp-image.ts) ---------------


/** Sigma 1.5 px at 512 px: about 12 px on a 4000 px photo, a plainly out-of-focus or shaken shot. */
const blurred = (g: GrayRaster): GrayRaster => gaussianBlur(g, 1.5);
/** A diagonal streak 7 px long at 512 px: the camera drifting during a long exposure. */
const shaken = (g: GrayRaster): GrayRaster => motionBlur(g, 7, 1, 1);
const darkened = (g: GrayRaster): GrayRaster => remap(g, (v) => v * 0.1);
const blownOut = (g: GrayRaster): GrayRaster => remap(g, (v) => v * 4);

const imageCodes = (gray: GrayRaster): QualityCode[] =>
  photoQuality({ meta: NO_META, gray, duplicateOf: [] })
    .map((w) => w.code)
    .filter((c) => IMAGE_CODES.includes(c));

function checkPhotos(files: () => string[]): void {
  let photos: { name: string; gray: GrayRaster }[] = [];
  beforeAll(async () => {
    photos = await Promise.all(files().map(async (f) => ({ name: path.basename(f), gray: await decodeGray(f, GRAY_WIDTH) })));
  });

  it('the originals are neither dark, nor blown out, nor blurred', () => {
    expect(photos.length).toBeGreaterThan(0);
    for (const p of photos) expect({ photo: p.name, codes: imageCodes(p.gray) }).toEqual({ photo: p.name, codes: [] });
  });

  it.each([
    ['darkened ×0.1', 'DARK', darkened],
    ['blown out ×4, clipped', 'OVEREXPOSED', blownOut],
    ['Gaussian blur, sigma 1.5 px at 512 px', 'BLURRED', blurred],
    ['diagonal motion blur, 7 px at 512 px', 'BLURRED', shaken],
  ] as const)('%s: every copy is flagged %s', (_name, code, degrade) => {
    expect(photos.length).toBeGreaterThan(0);
    for (const p of photos) {
      const c = imageCodes(degrade(p.gray));
      expect({ photo: p.name, flagged: c.includes(code) }).toEqual({ photo: p.name, flagged: true });
      if (code === 'BLURRED') expect({ photo: p.name, codes: c }).toEqual({ photo: p.name, codes: ['BLURRED'] });
    }
  });
}

describe('photoQuality on samples/ (synthetic DJI-style photos)', () => {
  checkPhotos(() => jpegs(SAMPLES));
});

describeShared('photoQuality on real drone photos (../shared/data/real-photos)', (dataDir) => {
  const dir = path.join(dataDir, 'real-photos');
  checkPhotos(() => jpegs(dir));

  it('a real nadir DJI photo with GPS and full XMP gets no warning at all', async () => {
    const files = jpegs(dir);
    const warned: string[] = [];
    for (const f of files) {
      const [meta, gray] = await Promise.all([readPhotoMeta(f), decodeGray(f, GRAY_WIDTH)]);
      const warnings = photoQuality({ meta, gray, duplicateOf: [] });
      if (warnings.length > 0) warned.push(`${path.basename(f)}: ${warnings.map((w) => w.message).join(' | ')}`);
    }
    expect(files.length).toBeGreaterThan(0);
    expect(warned).toEqual([]);
  });
});

/** The real-water photos, not the training pool (real-water/coastal-aerial-pool/: photos and their masks). */
const TRAINING_POOL = 'coastal-aerial-pool';
describeShared('photoQuality on real aerial photos of water (../shared/data/real-water, without the training pool)', (dataDir) => {
  const root = path.join(dataDir, 'real-water');
  checkPhotos(() => jpegs(root).filter((f) => path.relative(root, f).split(path.sep)[0] !== TRAINING_POOL));
});
