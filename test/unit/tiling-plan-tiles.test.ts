import { axisStarts, planTiles, type Tile } from '../../src/tiling/plan-tiles';

function coverage(width: number, height: number, tiles: Tile[]): Uint16Array {
  const seen = new Uint16Array(width * height);
  for (const t of tiles) for (let y = t.y; y < t.y + t.height; y++) for (let x = t.x; x < t.x + t.width; x++) seen[y * width + x]! += 1;
  return seen;
}

describe('planTiles', () => {
  const sizes: [number, number][] = [[256, 256], [257, 256], [460, 300], [1000, 700], [1600, 1200], [5472 / 8, 3648 / 8], [513, 1025]];

  it.each(sizes)('%i x %i: covers every pixel, no tile outside, overlap ≥ 20%%', (w, h) => {
    const tiles = planTiles(w, h, 256, 0.2);
    expect(coverage(w, h, tiles).every((c) => c > 0)).toBe(true);
    for (const t of tiles) {
      expect(t.x).toBeGreaterThanOrEqual(0);
      expect(t.y).toBeGreaterThanOrEqual(0);
      expect(t.x + t.width).toBeLessThanOrEqual(w);
      expect(t.y + t.height).toBeLessThanOrEqual(h);
      expect(t.width).toBe(Math.min(256, w));
      expect(t.height).toBe(Math.min(256, h));
    }
    for (const [len, starts] of [[w, axisStarts(w, 256, 0.2)], [h, axisStarts(h, 256, 0.2)]] as const) {
      expect(starts[0]).toBe(0);
      if (len > 256) expect(starts[starts.length - 1]).toBe(len - 256);
      for (let i = 1; i < starts.length; i++) expect(256 - (starts[i]! - starts[i - 1]!)).toBeGreaterThanOrEqual(0.2 * 256);
    }
  });

  it('gives exact counts at the tile seams', () => {
    // one tile exactly; one pixel more needs a second tile; 460 = 256 + 204 is the most two tiles reach
    expect(planTiles(256, 256, 256)).toEqual([{ x: 0, y: 0, width: 256, height: 256 }]);
    expect(planTiles(257, 256, 256).map((t) => t.x)).toEqual([0, 1]);
    expect(axisStarts(460, 256, 0.2)).toEqual([0, 204]);
    expect(axisStarts(461, 256, 0.2)).toEqual([0, 102, 205]);
    expect(planTiles(1600, 1200, 256)).toHaveLength(8 * 6);
    expect(planTiles(1600, 1200, 640)).toHaveLength(3 * 3);
    expect(planTiles(5472, 3648, 256)).toHaveLength(27 * 18);
  });

  it('spreads tiles evenly', () => {
    expect(axisStarts(1000, 256, 0.2)).toEqual([0, 186, 372, 558, 744]);
  });

  it('pads an image smaller than a tile: one tile clipped to the image, the packer fills the rest', () => {
    expect(planTiles(100, 50, 256)).toEqual([{ x: 0, y: 0, width: 100, height: 50 }]);
    expect(planTiles(600, 50, 256).map((t) => [t.x, t.width, t.height])).toEqual([[0, 256, 50], [172, 256, 50], [344, 256, 50]]);
  });

  it('rejects nonsense', () => {
    expect(() => planTiles(0, 10, 256)).toThrow(RangeError);
    expect(() => planTiles(10, 10, 256, 1)).toThrow(RangeError);
    expect(() => planTiles(10.5, 10, 256)).toThrow(RangeError);
  });
});
