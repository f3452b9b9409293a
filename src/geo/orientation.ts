import { AppError } from '../errors';
import type { Pixel } from './photo-geometry';

/**
 * EXIF orientation 1..8: the displayed (oriented) pixel frame versus the stored one.
 * Coordinates are continuous: (0, 0) is the outer top-left corner of the top-left pixel and
 * (width, height) the outer bottom-right corner, so a pixel's centre is at (i + 0.5, j + 0.5).
 * `width`/`height` are always the STORED size (as in CameraIntrinsics).
 *
 *   1 as stored            5 transposed (stored row 0 shown as the left column, column 0 as the top row)
 *   2 mirrored left-right  6 turned 90° clockwise to display (row 0 becomes the right column)
 *   3 turned 180°          7 transversed (row 0 the right column, column 0 the bottom row)
 *   4 mirrored top-bottom  8 turned 90° counter-clockwise to display (row 0 becomes the left column)
 */
function check(orientation: number): void {
  if (!Number.isInteger(orientation) || orientation < 1 || orientation > 8) {
    throw new AppError('BAD_METADATA', `EXIF orientation must be 1..8, got ${orientation}`);
  }
}

/** Stored pixel → displayed pixel. */
export function storedToDisplayed(p: Pixel, width: number, height: number, orientation: number): Pixel {
  check(orientation);
  const [x, y] = p;
  const [w, h] = [width, height];
  switch (orientation) {
    case 2: return [w - x, y];
    case 3: return [w - x, h - y];
    case 4: return [x, h - y];
    case 5: return [y, x];
    case 6: return [h - y, x];
    case 7: return [h - y, w - x];
    case 8: return [y, w - x];
    default: return [x, y];
  }
}

/** Displayed pixel → stored pixel (the inverse of storedToDisplayed). */
export function displayedToStored(p: Pixel, width: number, height: number, orientation: number): Pixel {
  check(orientation);
  const [x, y] = p;
  const [w, h] = [width, height];
  switch (orientation) {
    case 2: return [w - x, y];
    case 3: return [w - x, h - y];
    case 4: return [x, h - y];
    case 5: return [y, x];
    case 6: return [y, h - x];
    case 7: return [w - y, h - x];
    case 8: return [w - y, x];
    default: return [x, y];
  }
}
