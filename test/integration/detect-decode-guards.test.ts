import sharp from 'sharp';
import { cropJpeg, decodeGray, decodeRaster, encodeJpeg, imageSize } from '../../src/image/sharp-image';
import { rejection } from '../helpers/rejection';

const MAX = 100e6;

/** 60x40 stored, left half red, right half blue, with EXIF orientation `o`. */
async function halves(o: number): Promise<Buffer> {
  const data = Buffer.alloc(60 * 40 * 3);
  for (let i = 0; i < 60 * 40; i++) data.set(i % 60 < 30 ? [220, 20, 20] : [20, 20, 220], i * 3);
  return sharp(data, { raw: { width: 60, height: 40, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: o }).toBuffer();
}

describe('decodeRaster guards', () => {
  it('refuses a PNG whose header claims 100000x100000 before decoding it: IMAGE_TOO_LARGE', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).png().toBuffer();
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(100000, 16); // IHDR width
    bomb.writeUInt32BE(100000, 20); // IHDR height
    const e = await rejection(decodeRaster(bomb, { maxPixels: MAX }));
    expect(e.code).toBe('IMAGE_TOO_LARGE');
    expect(e.message).toContain('100000x100000');
    expect(e.message).toContain(String(MAX));
    expect(e.retryable).toBe(false);
  });

  it('refuses a photo over the configured limit', async () => {
    const e = await rejection(decodeRaster(await halves(1), { maxPixels: 1000 }));
    expect(e.code).toBe('IMAGE_TOO_LARGE');
    expect(e.message).toContain('60x40');
  });

  it('refuses a truncated JPEG: UNREADABLE_IMAGE saying why', async () => {
    const jpg = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 90, g: 110, b: 95 } } }).jpeg().toBuffer();
    const e = await rejection(decodeRaster(jpg.subarray(0, Math.floor(jpg.length * 0.6)), { maxPixels: MAX }));
    expect(e.code).toBe('UNREADABLE_IMAGE');
    expect(e.message).toMatch(/premature end|truncated/i);
  });

  it('refuses bytes that are no image, and says NOT_FOUND for a missing file', async () => {
    const e = await rejection(decodeRaster(Buffer.from('certainly not an image'), { maxPixels: MAX }));
    expect(e.code).toBe('UNREADABLE_IMAGE');
    expect(e.message).toMatch(/not a JPEG, PNG, TIFF, WebP or HEIF image/);
    expect((await rejection(decodeRaster('/nonexistent/photo.jpg', { maxPixels: MAX }))).code).toBe('NOT_FOUND');
  });
});

describe('decodeRaster output', () => {
  it('applies EXIF orientation: 6 turns the stored 60x40 into a displayed 40x60, red on top', async () => {
    const r = await decodeRaster(await halves(6), { maxPixels: MAX });
    expect([r.width, r.height, r.originalWidth, r.originalHeight, r.data.length]).toEqual([40, 60, 40, 60, 40 * 60 * 3]);
    expect(r.data[(5 * 40 + 20) * 3]).toBeGreaterThan(150); // top row: red
    expect(r.data[(55 * 40 + 20) * 3 + 2]).toBeGreaterThan(150); // bottom row: blue
    expect((await imageSize(await halves(6))).displayedWidth).toBe(40);
  });

  it('downscales by the scale and keeps the original size', async () => {
    const jpg = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: { r: 10, g: 200, b: 30 } } }).jpeg().toBuffer();
    const r = await decodeRaster(jpg, { scale: 0.3, maxPixels: MAX });
    expect([r.width, r.height, r.originalWidth, r.originalHeight]).toEqual([600, 300, 2000, 1000]);
    expect(Math.abs(r.data[1]! - 200)).toBeLessThan(4);
    await expect(decodeRaster(jpg, { scale: 1.5, maxPixels: MAX })).rejects.toThrow(RangeError);
  });

  it('gives 3 channels of 8 bits from grey, RGBA and 16-bit PNGs', async () => {
    const base = sharp({ create: { width: 20, height: 10, channels: 4, background: { r: 200, g: 100, b: 50, alpha: 1 } } });
    const inputs = [
      await base.clone().png().toBuffer(),
      await base.clone().grayscale().png().toBuffer(),
      await base.clone().toColourspace('rgb16').png().toBuffer(),
    ];
    for (const input of inputs) {
      const r = await decodeRaster(input, { maxPixels: MAX });
      expect(r.data.length).toBe(20 * 10 * 3);
    }
  });
});

describe('other image helpers', () => {
  it('decodeGray: one channel, at most maxWidth wide, oriented', async () => {
    const g = await decodeGray(await halves(6), 20);
    expect([g.width, g.height, g.data.length]).toEqual([20, 30, 600]);
  });

  it('encodeJpeg and cropJpeg round-trip', async () => {
    const rgb = new Uint8Array(50 * 40 * 3).fill(128);
    const jpg = await encodeJpeg(rgb, 50, 40, 80);
    expect((await imageSize(jpg)).format).toBe('jpeg');
    const crop = await cropJpeg(await halves(6), [10, 10, 30, 50], [15, 15, 25, 45]);
    const size = await imageSize(crop);
    expect([size.width, size.height]).toEqual([20, 40]);
  });

  it('cropJpeg marks a point with a yellow ring, in the crop\'s own frame', async () => {
    const rgb = new Uint8Array(400 * 300 * 3).fill(60);
    const photo = await encodeJpeg(rgb, 400, 300, 95);
    const crop = await cropJpeg(photo, [100, 50, 300, 250], undefined, { drawPoint: [200, 150] });
    const ring = await decodeRaster(crop, { maxPixels: 1e6 });
    const at = (x: number, y: number) => Array.from(ring.data.subarray((y * ring.width + x) * 3, (y * ring.width + x) * 3 + 3));
    const r = 10; // five strokes of 2 px: the ring's radius for a 200 px crop
    const [red, green, blue] = at(100 + r, 100);
    expect(red).toBeGreaterThan(180);
    expect(green).toBeGreaterThan(160);
    expect(blue).toBeLessThan(110);
    // The centre is left clear (up to JPEG ringing), so the source itself stays visible.
    at(100, 100).forEach((v, i) => expect(Math.abs(v - at(5, 5)[i]!)).toBeLessThan(20));
  });
});
