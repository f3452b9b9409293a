import type { FloatImage, GrayImage } from './gray-image';
import { toFloatImage } from './gray-image';

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;


/**
 * Area-averaging downscale to `targetWidth` (height keeps the aspect ratio). Returns a copy when the image
 * is already that narrow. Pixel centres map as x_small = (x + 0.5) * scaleX - 0.5 (see `scaleX`, `scaleY`).
 */
export interface ScaledImage extends FloatImage {
  /** Output width / input width. */
  readonly scaleX: number;
  readonly scaleY: number;
}

export function downscaleImage(image: GrayImage, targetWidth: number): ScaledImage {
  const src = toFloatImage(image);
  if (targetWidth >= src.width) return { ...src, scaleX: 1, scaleY: 1 };
  const outW = math.max(1, math.round(targetWidth));
  const outH = math.max(1, math.round((src.height * outW) / src.width));
  const rows = resampleAxis(src.data, src.width, src.height, outW, true);
  const data = resampleAxis(rows, outW, src.height, outH, false);
  return { width: outW, height: outH, data, scaleX: outW / src.width, scaleY: outH / src.height };
}

/** Box-filters one axis from n to m samples (m <= n), each output averaging its exact input interval. */
function resampleAxis(data: Float32Array, width: number, height: number, m: number, horizontal: boolean): Float32Array {
  const n = horizontal ? width : height;
  const lines = horizontal ? height : width;
  const outWidth = horizontal ? m : width;
  const out = new Float32Array(outWidth * (horizontal ? height : m));
  const step = n / m;
  for (let o = 0; o < m; o++) {
    const start = o * step;
    const end = start + step;
    for (let line = 0; line < lines; line++) {
      let sum = 0;
      for (let i = math.floor(start); i < math.min(n, math.ceil(end)); i++) {
        const w = math.min(end, i + 1) - math.max(start, i);
        const idx = horizontal ? line * width + i : i * width + line;
        sum += w * (data[idx] ?? 0);
      }
      out[horizontal ? line * outWidth + o : o * outWidth + line] = sum / step;
    }
  }
  return out;
}
