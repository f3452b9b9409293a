import { downscaleImage } from './downscale-image';
import type { GrayImage } from './gray-image';

/** An RGB raster (3 interleaved bytes a pixel) as 8-bit luminance (Rec. 601), area-averaged to at most maxWidth. */
export function rasterToGray(rgb: { readonly data: Uint8Array; readonly width: number; readonly height: number }, maxWidth: number): GrayImage {
  const n = rgb.width * rgb.height;
  const luma = new Float32Array(n);
  const d = rgb.data;
  for (let i = 0, j = 0; i < n; i++, j += 3) luma[i] = 0.299 * d[j]! + 0.587 * d[j + 1]! + 0.114 * d[j + 2]!;
  const small = downscaleImage({ data: luma, width: rgb.width, height: rgb.height }, maxWidth);
  const out = new Uint8Array(small.width * small.height);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(small.data[i]!);
  return { data: out, width: small.width, height: small.height };
}
