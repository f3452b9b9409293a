import type { GrayRaster } from '../image/raster';
import { sharpness } from './sharpness';

/** Gray levels (of 255) at or below which a pixel counts as crushed to black, at or above which as blown out. */
export const NEAR_BLACK = 8;
export const NEAR_WHITE = 247;

/** Exposure and focus figures of a small grayscale copy of a photo. Fractions are 0..1. */
export interface ImageStats {
  /** Mean gray level as a fraction of full scale (0 black, 1 white). */
  readonly meanBrightness: number;
  /** Fraction of pixels at or below NEAR_BLACK. */
  readonly nearBlackFraction: number;
  /** Fraction of pixels at or above NEAR_WHITE. */
  readonly nearWhiteFraction: number;
  /** See sharpness(): about 2 or more for a sharp photo, under 1 for a strongly blurred one; null if not measurable. */
  readonly sharpness: number | null;
}

/** Brightness, clipping and sharpness of an 8-bit grayscale raster. */
export function imageStats(gray: GrayRaster): ImageStats {
  const { width, height, data } = gray;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image size must be positive integers, got ${width}x${height}`);
  }
  if (data.length !== width * height) {
    throw new RangeError(`image data has ${data.length} values, ${width}x${height} needs ${width * height}`);
  }
  let sum = 0;
  let black = 0;
  let white = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] ?? 0;
    sum += v;
    if (v <= NEAR_BLACK) black++;
    if (v >= NEAR_WHITE) white++;
  }
  const n = data.length;
  return { meanBrightness: sum / n / 255, nearBlackFraction: black / n, nearWhiteFraction: white / n, sharpness: sharpness(gray) };
}
