import type { FloatImage } from './gray-image';

// Hot loops read these module constants: in a vm context (jest) every global lookup is slow.
const math = Math;


/** Mean over a (2r+1)² window (clamped at the edges), via an integral image. */
export function boxBlur(image: FloatImage, radius: number): FloatImage {
  const { width, height, data } = image;
  const iw = width + 1;
  const integral = new Float64Array(iw * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x] ?? 0;
      integral[(y + 1) * iw + x + 1] = (integral[y * iw + x + 1] ?? 0) + row;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = math.max(0, y - radius);
    const y1 = math.min(height, y + radius + 1);
    for (let x = 0; x < width; x++) {
      const x0 = math.max(0, x - radius);
      const x1 = math.min(width, x + radius + 1);
      const sum =
        (integral[y1 * iw + x1] ?? 0) - (integral[y0 * iw + x1] ?? 0) - (integral[y1 * iw + x0] ?? 0) + (integral[y0 * iw + x0] ?? 0);
      out[y * width + x] = sum / ((x1 - x0) * (y1 - y0));
    }
  }
  return { width, height, data: out };
}
