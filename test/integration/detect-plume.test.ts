/** @jest-environment ./test/helpers/onnx-environment.ts */
import path from 'node:path';
import { decodeRaster } from '../../src/image/sharp-image';
import { loadModel, type LoadedModel } from '../../src/inference/onnx-session';
import { detectInRaster } from '../../src/pipeline/detect-in-raster';
import { analysisScale } from '../../src/tiling/analysis-scale';
import { DEFAULT_SCENE, sceneJpeg } from '../helpers/synthetic-plume';

const MODELS = path.join(__dirname, '..', '..', 'models');
const MAX_PIXELS = 100e6;
const scene = DEFAULT_SCENE;
const [sx, sy] = scene.source;

describe('detectInRaster with real sharp and onnxruntime on a synthetic dye plume', () => {
  let heatmap: LoadedModel;
  let yolo: LoadedModel;
  let withPlume: Buffer;
  let without: Buffer;
  beforeAll(async () => {
    [heatmap, yolo, withPlume, without] = await Promise.all([
      loadModel(path.join(MODELS, 'fixture-heatmap'), { threads: 1 }),
      loadModel(path.join(MODELS, 'fixture-yolo'), { threads: 1 }),
      sceneJpeg(scene, true),
      sceneJpeg(scene, false),
    ]);
  });
  afterAll(async () => Promise.all([heatmap.release(), yolo.release()]));

  it('heatmap: one detection, its source within 2% of the width of the drawn source', async () => {
    const raster = await decodeRaster(withPlume, { scale: analysisScale(null, heatmap.manifest.trainingGsd), maxPixels: MAX_PIXELS });
    const dets = await detectInRaster(raster, heatmap, { batchSize: 8 });
    expect(dets).toHaveLength(1);
    const [d] = dets;
    expect(d!.class).toBe('discharge');
    expect(Math.hypot(d!.source[0] - sx, d!.source[1] - sy)).toBeLessThan(0.02 * scene.width);
    expect(d!.bbox[0]).toBeLessThanOrEqual(sx);
    expect(d!.bbox[1]).toBeLessThanOrEqual(sy);
    expect(d!.confidence).toBeGreaterThan(0.5);
  });

  it('heatmap at half scale: the same source, in full-resolution pixels', async () => {
    const raster = await decodeRaster(withPlume, { scale: analysisScale(0.015, 0.03), maxPixels: MAX_PIXELS });
    expect([raster.width, raster.height, raster.originalWidth]).toEqual([800, 600, 1600]);
    const dets = await detectInRaster(raster, heatmap, { batchSize: 3 });
    expect(dets).toHaveLength(1);
    expect(Math.hypot(dets[0]!.source[0] - sx, dets[0]!.source[1] - sy)).toBeLessThan(0.02 * scene.width);
  });

  it('yolo: one box around the plume', async () => {
    const raster = await decodeRaster(withPlume, { maxPixels: MAX_PIXELS });
    const dets = await detectInRaster(raster, yolo, { batchSize: 8 });
    expect(dets).toHaveLength(1);
    const [x0, y0, x1, y1] = dets[0]!.bbox;
    // contains the source and the dense part of the fan (a point 200 px downstream), and is no bigger than the fan
    const a = (scene.heading * Math.PI) / 180;
    for (const [px, py] of [[sx, sy], [sx + 200 * Math.cos(a), sy + 200 * Math.sin(a)]] as const) {
      expect(px).toBeGreaterThanOrEqual(x0);
      expect(px).toBeLessThanOrEqual(x1);
      expect(py).toBeGreaterThanOrEqual(y0);
      expect(py).toBeLessThanOrEqual(y1);
    }
    expect(x1 - x0).toBeLessThan(scene.length);
    expect(y1 - y0).toBeLessThan(scene.length);
  });

  it.each([['heatmap'], ['yolo']])('%s: nothing on the same scene without the plume', async (which) => {
    const raster = await decodeRaster(without, { maxPixels: MAX_PIXELS });
    expect(await detectInRaster(raster, which === 'yolo' ? yolo : heatmap)).toEqual([]);
  });
});
