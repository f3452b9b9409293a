import fs from 'node:fs';
import path from 'node:path';
import { decodeGray, decodeRaster, thumbnailJpeg } from '../../src/image/sharp-image';
import { damagedJpeg, jpegWithStrayBytes } from '../helpers/damaged-jpeg';
import { rejection } from '../helpers/rejection';
import { describeShared } from '../helpers/shared-data';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');
const MAX = 250_000_000;

describe('a JPEG whose compressed data is damaged (real sharp and libjpeg)', () => {
  const damaged = damagedJpeg();

  it.each([1, 0.42, 0.1])('fails the analysis decode at scale %p as DAMAGED_IMAGE, saying to copy it again from the card', async (scale) => {
    const e = await rejection(decodeRaster(damaged, { scale, maxPixels: MAX }));
    expect(e.code).toBe('DAMAGED_IMAGE');
    expect(e.message).toMatch(/image data is damaged \(Corrupt JPEG data: [^)]+\)/);
    expect(e.message).toMatch(/copy it again from the drone's card/);
    expect(e.retryable).toBe(false);
  });

  it('fails the matching decode (gray) the same way', async () => {
    expect((await rejection(decodeGray(damaged, 640))).code).toBe('DAMAGED_IMAGE');
  });

  it('damage of a single 512-byte block, or zeros instead of noise, is caught too', async () => {
    expect((await rejection(decodeRaster(damagedJpeg(undefined, 512, 7), { maxPixels: MAX }))).code).toBe('DAMAGED_IMAGE');
    const zeros = Buffer.from(fs.readFileSync(path.join(SAMPLES, 'DJI_0104.JPG')));
    const mid = Math.floor(zeros.length / 2);
    zeros.fill(0, mid, mid + 4096);
    expect((await rejection(decodeRaster(zeros, { maxPixels: MAX }))).code).toBe('DAMAGED_IMAGE');
  });

  it('still makes a thumbnail, so the pilot can see the damage', async () => {
    const thumb = await thumbnailJpeg(damaged, 256);
    expect(thumb.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('decodes a sound photo with stray bytes before a marker (a harmless libjpeg warning) to the same pixels as the original', async () => {
    const original = await decodeRaster(path.join(SAMPLES, 'DJI_0101.JPG'), { scale: 0.25, maxPixels: MAX });
    const stray = await decodeRaster(jpegWithStrayBytes(), { scale: 0.25, maxPixels: MAX });
    expect([stray.width, stray.height]).toEqual([original.width, original.height]);
    expect(Buffer.compare(stray.data, original.data)).toBe(0);
  });

  it('decodes every sample photo strictly without complaint', async () => {
    const files = fs.readdirSync(SAMPLES).filter((f) => /\.jpe?g$/i.test(f));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) {
      const r = await decodeRaster(path.join(SAMPLES, f), { scale: 0.2, maxPixels: MAX });
      expect(r.width).toBeGreaterThan(0);
    }
  });
});

describeShared('real cameras\' photos are never taken for damaged', (data) => {
  it('decodes every real JPEG in ../shared/data (drone, aerial and metadata fixtures) strictly', async () => {
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory() && e.name !== 'eval-scenes-dev') walk(p); // generated scenes are not a camera's files
        else if (e.isFile() && /\.jpe?g$/i.test(e.name)) found.push(p);
      }
    };
    walk(data);
    expect(found.length).toBeGreaterThan(100);
    const damaged: string[] = [];
    for (const f of found) {
      try {
        await decodeRaster(f, { scale: 0.125, maxPixels: MAX });
      } catch (e) {
        damaged.push(`${path.relative(data, f)}: ${(e as Error).message}`);
      }
    }
    expect(damaged).toEqual([]);
  }, 300_000);
});
