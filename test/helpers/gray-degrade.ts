import type { GrayRaster } from '../../src/image/raster';

/** Degraded copies of a small gray photo, made in plain TypeScript, for the quality checks' tests. */
const math = Math; // hot loops: a global lookup is slow in jest's vm context

/** Each pixel through `fn`, rounded and clipped to 0..255. */
export function remap(g: GrayRaster, fn: (v: number) => number): GrayRaster {
  const out = new Uint8ClampedArray(g.data.length);
  for (let i = 0; i < out.length; i++) out[i] = fn(g.data[i]!);
  return { ...g, data: new Uint8Array(out.buffer) };
}

/** Convolves along (dx, dy) with a 1-D kernel of odd length (edges clamped), rounding back to 8 bits. */
export function convolve(g: GrayRaster, kernel: readonly number[], dx: number, dy: number): GrayRaster {
  if (kernel.length % 2 !== 1) throw new RangeError('kernel length must be odd');
  const { width: w, height: h, data } = g;
  const r = (kernel.length - 1) / 2;
  const out = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) {
        const xx = math.min(w - 1, math.max(0, x + i * dx));
        const yy = math.min(h - 1, math.max(0, y + i * dy));
        acc += kernel[i + r]! * data[yy * w + xx]!;
      }
      out[y * w + x] = acc;
    }
  }
  return { data: new Uint8Array(out.buffer), width: w, height: h };
}

export function gaussianBlur(g: GrayRaster, sigma: number): GrayRaster {
  const r = math.ceil(3 * sigma);
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const sum = k.reduce((a, b) => a + b, 0);
  const kernel = k.map((v) => v / sum);
  return convolve(convolve(g, kernel, 1, 0), kernel, 0, 1);
}

/** A linear motion blur: the mean of `length` pixels along (dx, dy), as a steady drift during the exposure. */
export const motionBlur = (g: GrayRaster, length: number, dx: number, dy: number): GrayRaster =>
  convolve(g, new Array<number>(length).fill(1 / length), dx, dy);
