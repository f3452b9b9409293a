import sharp, { type OutputInfo, type Sharp } from 'sharp';
import { AppError } from '../errors';
import type { GrayRaster, RgbRaster } from './raster';
import { describeNonImage } from './sniff-image';

/**
 * The only file that imports sharp. Every decode: EXIF orientation applied, alpha removed, sRGB, 8-bit.
 * Decompression bombs: the header is read first and a photo over `maxPixels` is refused before any pixel is
 * decoded (sharp's limitInputPixels stays on as a second guard). Truncated files fail ('truncated').
 * The decodes that feed analysis (decodeRaster, decodeGray) are strict with JPEG: libjpeg's "Corrupt JPEG data"
 * warnings (a damaged scan: bad Huffman codes, a data segment that ends early) fail as DAMAGED_IMAGE, since
 * libvips would otherwise fill the damaged rows with invented pixels. The one harmless warning, extra bytes
 * before a marker, is decoded again leniently. Thumbnails and crops stay lenient: they show the damage.
 */
export type ImageInput = string | Buffer;

export interface DecodeOptions {
  /** Output size / original size, in (0, 1]; 1 or absent keeps full resolution. */
  readonly scale?: number;
  readonly maxPixels: number;
}

export interface ImageSize {
  /** Stored size, before EXIF orientation. */
  readonly width: number;
  readonly height: number;
  /** EXIF orientation 1..8. */
  readonly orientation: number;
  /** Displayed size, after EXIF orientation. */
  readonly displayedWidth: number;
  readonly displayedHeight: number;
  readonly format: string;
}

const DEFAULT_MAX_PIXELS = 250_000_000;

// Every photo is decoded once, so libvips' operation cache (up to 50 MB by default) only holds memory.
sharp.cache(false);

type Decoded = { data: Buffer; info: OutputInfo };

/** Header only: no pixels are decoded. */
export async function imageSize(input: ImageInput): Promise<ImageSize> {
  const m = await guard(() => sharp(input, { limitInputPixels: false }).metadata(), input);
  if (!m.width || !m.height) throw new AppError('UNREADABLE_IMAGE', `${describe(input)}: the header gives no image size`);
  const orientation = m.orientation && m.orientation >= 1 && m.orientation <= 8 ? m.orientation : 1;
  const swap = orientation >= 5;
  return {
    width: m.width, height: m.height, orientation, format: m.format ?? 'unknown',
    displayedWidth: swap ? m.height : m.width, displayedHeight: swap ? m.width : m.height,
  };
}

/**
 * Decodes once to RGB, oriented, downscaled by `scale`: JPEG shrink-on-load, then a triangle (linear)
 * filter, area-weighted when reducing. Lanczos3 costs 25% more of the whole decode (measured on a 20 MP
 * photo at scale 0.42, `npm run bench`) and buys no detail a detector at the training GSD can use.
 */
export async function decodeRaster(input: ImageInput, opts: DecodeOptions): Promise<RgbRaster> {
  const scale = opts.scale ?? 1;
  if (!(scale > 0 && scale <= 1)) throw new RangeError(`scale must be in (0, 1], got ${scale}`);
  const size = await checkedSize(input, opts.maxPixels);
  const { displayedWidth: ow, displayedHeight: oh } = size;
  const width = Math.max(1, Math.round(ow * scale));
  const height = Math.max(1, Math.round(oh * scale));
  const { data, info } = await strictly(size, input, (strict) => {
    let pipeline = open(input, opts.maxPixels, strict).rotate();
    if (width !== ow || height !== oh) pipeline = pipeline.resize(width, height, { fit: 'fill', kernel: 'linear' });
    return pipeline.removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  });
  if (info.channels !== 3 || info.width !== width || info.height !== height) {
    throw new AppError('UNREADABLE_IMAGE', `${describe(input)}: decoded to ${info.width}x${info.height}x${info.channels}, expected ${width}x${height}x3`);
  }
  return { data, width, height, originalWidth: ow, originalHeight: oh };
}

/** Grayscale, oriented, downscaled so the width is at most `maxWidth` (for image matching). */
export async function decodeGray(input: ImageInput, maxWidth: number, maxPixels = DEFAULT_MAX_PIXELS): Promise<GrayRaster> {
  const size = await checkedSize(input, maxPixels);
  const { data, info } = await strictly(size, input, (strict) => open(input, maxPixels, strict).rotate()
    .resize({ width: maxWidth, withoutEnlargement: true })
    .removeAlpha().grayscale().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }));
  return { data, width: info.width, height: info.height };
}

/** A small JPEG of the displayed photo (oriented), at most `maxSide` pixels on its longer side. */
export async function thumbnailJpeg(input: ImageInput, maxSide: number, maxPixels = DEFAULT_MAX_PIXELS): Promise<Buffer> {
  await checkedSize(input, maxPixels);
  return guard<Buffer>(
    () => open(input, maxPixels).rotate().resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .removeAlpha().jpeg({ quality: 80 }).toBuffer(),
    input,
  );
}

/** Raw RGB (3 channels, row-major) to JPEG. */
export async function encodeJpeg(rgb: Uint8Array, width: number, height: number, quality = 85): Promise<Buffer> {
  return guard<Buffer>(() => sharp(rgb, { raw: { width, height, channels: 3 } }).jpeg({ quality, mozjpeg: false }).toBuffer());
}

/**
 * A JPEG crop of the displayed photo, box [x0, y0, x1, y1] in displayed pixels (clipped to the image),
 * optionally with a rectangle outline drawn at `drawBox` and a ringed cross at `opts.drawPoint` (same frame).
 */
export async function cropJpeg(
  input: ImageInput,
  box: readonly [number, number, number, number],
  drawBox?: readonly [number, number, number, number],
  opts: { quality?: number; maxPixels?: number; drawPoint?: readonly [number, number] } = {},
): Promise<Buffer> {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  const { displayedWidth: w, displayedHeight: h } = await checkedSize(input, maxPixels);
  const left = clamp(Math.floor(box[0]), 0, w - 1);
  const top = clamp(Math.floor(box[1]), 0, h - 1);
  const width = clamp(Math.ceil(box[2]), left + 1, w) - left;
  const height = clamp(Math.ceil(box[3]), top + 1, h) - top;
  const oriented = await guard<Buffer>(() => open(input, maxPixels).rotate().extract({ left, top, width, height }).removeAlpha().toBuffer(), input);
  let out = sharp(oriented);
  const stroke = Math.max(2, Math.round(Math.max(width, height) / 200));
  const shapes: string[] = [];
  if (drawBox) {
    const [x0, y0, x1, y1] = drawBox.map((v, i) => v - (i % 2 === 0 ? left : top)) as [number, number, number, number];
    shapes.push(`<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="none" stroke="#ff2020" stroke-width="${stroke}"/>`);
  }
  if (opts.drawPoint) {
    const [x, y] = [opts.drawPoint[0] - left, opts.drawPoint[1] - top];
    const r = stroke * 5;
    // Yellow on a dark outline: visible on water, on concrete and on the red box alike.
    for (const [colour, wid] of [['#000000', stroke * 2], ['#ffe000', stroke]] as const) {
      shapes.push(`<g fill="none" stroke="${colour}" stroke-width="${wid}"><circle cx="${x}" cy="${y}" r="${r}"/>` +
        `<path d="M${x - 2 * r} ${y}H${x - r / 2}M${x + r / 2} ${y}H${x + 2 * r}M${x} ${y - 2 * r}V${y - r / 2}M${x} ${y + r / 2}V${y + 2 * r}"/></g>`);
    }
  }
  if (shapes.length > 0) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes.join('')}</svg>`;
    out = out.composite([{ input: Buffer.from(svg), top: 0, left: 0 }]);
  }
  return guard<Buffer>(() => out.jpeg({ quality: opts.quality ?? 85 }).toBuffer(), input);
}

function open(input: ImageInput, maxPixels: number, strict = false): Sharp {
  return sharp(input, { limitInputPixels: maxPixels, failOn: strict ? 'warning' : 'truncated', sequentialRead: true });
}

const HARMLESS_JPEG_WARNING = /extraneous bytes before marker/i;

/**
 * A JPEG decoded with libjpeg's warnings as failures; a failure that is only the harmless warning is decoded
 * again leniently (that warning comes at a marker, after the scan data it follows was decoded without one).
 * Other formats decode as before: a PNG's benign ancillary-chunk warnings must not fail a photo.
 */
async function strictly(size: ImageSize, input: ImageInput, decode: (strict: boolean) => Promise<Decoded>): Promise<Decoded> {
  if (size.format !== 'jpeg') return guard(() => decode(false), input);
  try {
    return await guard(() => decode(true), input);
  } catch (e) {
    const cause = e instanceof AppError ? (e.cause as Error | undefined) : undefined;
    if (cause && HARMLESS_JPEG_WARNING.test(cause.message)) return guard(() => decode(false), input);
    throw e;
  }
}

export async function checkedSize(input: ImageInput, maxPixels: number): Promise<ImageSize> {
  const size = await imageSize(input);
  if (size.width * size.height > maxPixels) throw tooLarge(input, size.width, size.height, maxPixels);
  return size;
}

function tooLarge(input: ImageInput, width: number, height: number, maxPixels: number): AppError {
  const mp = (n: number): string => `${(n / 1e6).toFixed(1)} MP`;
  return new AppError('IMAGE_TOO_LARGE', `${describe(input)}: ${width}x${height} pixels (${mp(width * height)}) exceeds the limit of ${maxPixels} pixels (${mp(maxPixels)})`);
}

async function guard<T>(fn: () => Promise<T>, input?: ImageInput): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    const where = input === undefined ? 'image' : describe(input);
    if (/pixel limit/i.test(message)) throw new AppError('IMAGE_TOO_LARGE', `${where}: ${message}`, { cause: e });
    if (/ENOENT|no such file|input file is missing/i.test(message)) throw new AppError('NOT_FOUND', `${where}: no such file`, { cause: e });
    const notImage = Buffer.isBuffer(input) ? describeNonImage(input.subarray(0, 512)) : null;
    if (notImage) throw new AppError('UNREADABLE_IMAGE', `${where}: ${notImage}`, { cause: e });
    if (/Corrupt JPEG data|Huffman|Invalid JPEG file structure/i.test(message) && !HARMLESS_JPEG_WARNING.test(message)) {
      throw new AppError('DAMAGED_IMAGE', `${where}: the image data is damaged (${message.split('\n')[0]?.replace(/^VipsJpeg: /, '').trim() ?? message}): `
        + 'the file changed after the camera wrote it, as a failing card or an interrupted copy leaves it; copy it again from the drone\'s card', { cause: e });
    }
    if (/premature end|truncated|unexpected end/i.test(message)) {
      throw new AppError('UNREADABLE_IMAGE', `${where}: the file is truncated (${message.split('\n')[0]?.trim() ?? message}); was the upload or copy cut off?`, { cause: e });
    }
    throw new AppError('UNREADABLE_IMAGE', `${where}: cannot decode (${message.split('\n')[0]?.trim() ?? message})`, { cause: e });
  }
}

function describe(input: ImageInput): string {
  return typeof input === 'string' ? input : `image (${input.length} bytes)`;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
