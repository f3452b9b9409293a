// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;
const NOT_A_NUMBER = Number.NaN;

/**
 * A single-channel raster, row-major, origin top-left. Values are any brightness scale (0..255 for
 * Uint8Array, anything for Float32Array); the matching code only compares them after normalising.
 */
export interface GrayImage {
  readonly data: Uint8Array | Float32Array;
  readonly width: number;
  readonly height: number;
}

/** A GrayImage whose pixels are floats (what the matching code computes on). */
export interface FloatImage {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
}

/** [x, y] pixel position, origin top-left, x to the right, y down. */
export type Point = [number, number];

/** Copies a raster into floats, checking that its size and data agree. */
export function toFloatImage(image: GrayImage): FloatImage {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image size must be positive integers, got ${width}x${height}`);
  }
  if (data.length !== width * height) {
    throw new RangeError(`image data has ${data.length} values, ${width}x${height} needs ${width * height}`);
  }
  return { width, height, data: Float32Array.from(data) };
}

/** Bilinear sample at (x, y); NOT_A_NUMBER outside the image (edge pixels count as inside up to their centres). */
export function sampleBilinear(image: FloatImage, x: number, y: number): number {
  const { width, height, data } = image;
  if (!(x >= 0 && y >= 0 && x <= width - 1 && y <= height - 1)) return NOT_A_NUMBER;
  const x0 = math.min(math.floor(x), width - 2 < 0 ? 0 : width - 2);
  const y0 = math.min(math.floor(y), height - 2 < 0 ? 0 : height - 2);
  const fx = x - x0;
  const fy = y - y0;
  const x1 = math.min(x0 + 1, width - 1);
  const y1 = math.min(y0 + 1, height - 1);
  const v00 = data[y0 * width + x0] ?? 0;
  const v10 = data[y0 * width + x1] ?? 0;
  const v01 = data[y1 * width + x0] ?? 0;
  const v11 = data[y1 * width + x1] ?? 0;
  return (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
}
