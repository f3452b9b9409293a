import { packTiles } from '../../src/inference/tile-batch';

const raster = (w: number, h: number, f: (x: number, y: number, c: number) => number) => {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = f(x, y, c);
  return { data, width: w, height: h, originalWidth: w, originalHeight: h };
};

describe('packTiles', () => {
  const spec = { size: 4, mean: [0.5, 0.25, 0] as [number, number, number], std: [0.5, 0.25, 1] as [number, number, number] };

  it('writes NCHW planes, normalised per channel', () => {
    const r = raster(6, 4, (x, y, c) => (c === 0 ? 255 : c === 1 ? 0 : x * 10 + y));
    const b = packTiles(r, [{ x: 2, y: 0, width: 4, height: 4 }], spec);
    expect(b).toHaveLength(48);
    expect(b[0]).toBeCloseTo(1); // R: (1 - 0.5) / 0.5
    expect(b[16]).toBeCloseTo(-1); // G: (0 - 0.25) / 0.25
    expect(b[32 + 1 * 4 + 3]).toBeCloseTo((5 * 10 + 1) / 255); // B at tile (3, 1) = raster (5, 1)
  });

  it('pads outside the raster with the mean colour (0 after normalising) or the manifest pad colour', () => {
    const r = raster(2, 3, () => 255);
    const b = packTiles(r, [{ x: 0, y: 0, width: 2, height: 3 }], spec);
    expect(b[0]).toBeCloseTo(1);
    expect(b[2]).toBe(0);
    expect(b[3 * 4]).toBe(0);
    const padded = packTiles(r, [{ x: 0, y: 0, width: 2, height: 3 }], { ...spec, pad: [1, 1, 1] });
    expect([padded[3], padded[16 + 3], padded[32 + 3]]).toEqual([1, 3, 1]);
  });

  it('reuses the buffer it is given and stacks tiles', () => {
    const r = raster(8, 4, (x) => x * 30);
    const buf = new Float32Array(3 * 48).fill(7);
    const b = packTiles(r, [{ x: 0, y: 0, width: 4, height: 4 }, { x: 4, y: 0, width: 4, height: 4 }], { size: 4, mean: [0, 0, 0], std: [1, 1, 1] }, buf);
    expect(b.buffer).toBe(buf.buffer);
    expect(b).toHaveLength(96);
    expect(b[48]).toBeCloseTo(120 / 255);
    expect(buf[96]).toBe(7);
  });

  it('refuses a tile outside the raster', () => {
    expect(() => packTiles(raster(4, 4, () => 0), [{ x: 1, y: 0, width: 4, height: 4 }], spec)).toThrow(RangeError);
  });
});
