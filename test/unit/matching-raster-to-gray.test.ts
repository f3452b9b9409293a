import { rasterToGray } from '../../src/matching/raster-to-gray';

describe('rasterToGray', () => {
  it('weighs red, green and blue as Rec. 601 luminance', () => {
    const rgb = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);
    const g = rasterToGray({ data: rgb, width: 4, height: 1 }, 10);
    expect(Array.from(g.data)).toEqual([76, 150, 29, 255]);
    expect([g.width, g.height]).toEqual([4, 1]);
  });

  it('area-averages down to the width asked for, keeping the aspect ratio', () => {
    const w = 40, h = 20;
    const rgb = new Uint8Array(w * h * 3);
    for (let i = 0; i < w * h; i++) rgb.fill(i % w < 20 ? 0 : 200, i * 3, i * 3 + 3); // left half black, right half grey
    const g = rasterToGray({ data: rgb, width: w, height: h }, 10);
    expect([g.width, g.height]).toEqual([10, 5]);
    expect(g.data[0]).toBe(0);
    expect(g.data[9]).toBe(200);
  });
});
