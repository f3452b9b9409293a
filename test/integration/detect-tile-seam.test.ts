/** @jest-environment ./test/helpers/onnx-environment.ts */
import path from 'node:path';
import { loadModel, type LoadedModel } from '../../src/inference/onnx-session';
import { detectInRaster } from '../../src/pipeline/detect-in-raster';
import { planTiles } from '../../src/tiling/plan-tiles';

/** Grey-green water with red/purple discs; the source map peaks at each disc's dense core. */
function raster(width: number, height: number, discs: { x: number; y: number; r: number }[]) {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const inDisc = discs.some((d) => Math.hypot(x - d.x, y - d.y) <= d.r);
    data.set(inDisc ? [200, 40, 160] : [88, 112, 100], (y * width + x) * 3);
  }
  return { data, width, height, originalWidth: width, originalHeight: height };
}

describe('tile-seam', () => {
  let model: LoadedModel;
  beforeAll(async () => (model = await loadModel(path.join(__dirname, '..', '..', 'models', 'fixture-heatmap'), { threads: 1 })));
  afterAll(async () => model.release());

  it('a 460 px wide raster is two tiles overlapping over x 204..256', () => {
    expect(planTiles(460, 256, 256).map((t) => t.x)).toEqual([0, 204]);
  });

  it.each([
    ['inside the overlap', { x: 230, y: 128, r: 20 }],
    ['cut by the first tile edge', { x: 250, y: 128, r: 40 }],
    ['cut by the second tile edge', { x: 214, y: 100, r: 40 }],
  ])('a blob %s is ONE detection', async (_, disc) => {
    const dets = await detectInRaster(raster(460, 256, [disc]), model, { batchSize: 2 });
    expect(dets).toHaveLength(1);
    const [x0, y0, x1, y1] = dets[0]!.bbox;
    expect(x0).toBeLessThanOrEqual(disc.x - disc.r + 4);
    expect(x1).toBeGreaterThanOrEqual(disc.x + disc.r - 4);
    expect(y0).toBeLessThanOrEqual(disc.y - disc.r + 4);
    expect(y1).toBeGreaterThanOrEqual(disc.y + disc.r - 4);
    expect(Math.hypot(dets[0]!.source[0] - disc.x, dets[0]!.source[1] - disc.y)).toBeLessThan(disc.r);
  });

  it('two blobs apart stay two', async () => {
    const dets = await detectInRaster(raster(460, 256, [{ x: 60, y: 60, r: 20 }, { x: 400, y: 200, r: 20 }]), model);
    expect(dets).toHaveLength(2);
  });

  it('a raster smaller than a tile is padded, and a blob at its edge is still found', async () => {
    const dets = await detectInRaster(raster(120, 90, [{ x: 110, y: 80, r: 15 }]), model);
    expect(dets).toHaveLength(1);
    expect(dets[0]!.bbox[2]).toBeLessThanOrEqual(120);
    expect(dets[0]!.bbox[3]).toBeLessThanOrEqual(90);
  });
});
