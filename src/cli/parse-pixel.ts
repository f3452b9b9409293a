import { AppError } from '../errors';
import type { Pixel } from '../geo/photo-geometry';

/** "1234,567" or "1234.5,567" → [1234, 567]. */
export function parsePixel(text: string): Pixel {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) throw new AppError('USAGE', `not a pixel: "${text}" (expected x,y such as 2000,1125)`);
  return [Number(m[1]), Number(m[2])];
}
