import fs from 'node:fs';
import path from 'node:path';
import { isAppError } from '../../src/errors';
import { parseModelManifest, requiredOutputs } from '../../src/inference/model-manifest';

const MODELS = path.join(__dirname, '..', '..', 'models');
const readJson = (name: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(MODELS, name, 'model.json'), 'utf8')) as Record<string, unknown>;

function badModel(json: unknown): string {
  try {
    parseModelManifest(json, 'x/model.json');
  } catch (e) {
    if (isAppError(e) && e.code === 'BAD_MODEL') return e.message;
    throw e;
  }
  throw new Error('expected BAD_MODEL');
}

describe('parseModelManifest', () => {
  it('accepts both fixture manifests and fills defaults', () => {
    const heat = parseModelManifest(readJson('fixture-heatmap'));
    expect(heat.task).toBe('heatmap');
    expect(requiredOutputs(heat)).toEqual(['extent', 'source']);
    const yolo = parseModelManifest(readJson('fixture-yolo'));
    expect(requiredOutputs(yolo)).toEqual(['output0']);
    expect(yolo.thresholds.extent).toBe(0.5);
    expect(yolo.thresholds.minAreaCells).toBe(1);
  });

  it('takes an optional water output, which the session must then have, with minWater 0.5 unless set', () => {
    const json = readJson('fixture-heatmap');
    const withWater = parseModelManifest({ ...json, heatmap: { ...(json.heatmap as object), waterOutput: 'water' } });
    expect(requiredOutputs(withWater)).toEqual(['extent', 'source', 'water']);
    expect(withWater.thresholds.minWater).toBe(0.5);
    const strict = parseModelManifest({ ...json, thresholds: { ...(json.thresholds as object), minWater: 0.8 } });
    expect(strict.thresholds.minWater).toBe(0.8);
    expect(badModel({ ...json, thresholds: { ...(json.thresholds as object), minWater: 1.5 } })).toMatch(/thresholds\.minWater/);
  });

  it('lists every problem with its path', () => {
    const json = readJson('fixture-heatmap');
    const msg = badModel({ ...json, input: { ...(json.input as object), layout: 'NHWC', std: [0.2, 0, 0.2] }, classes: [], sha256: 'abc' });
    expect(msg).toContain('x/model.json');
    expect(msg).toContain('input.layout');
    expect(msg).toContain('input.std.1');
    expect(msg).toContain('classes');
    expect(msg).toContain('sha256');
  });

  it('needs the section of its task', () => {
    const json = readJson('fixture-heatmap');
    delete json.heatmap;
    expect(badModel(json)).toContain('heatmap');
    expect(badModel({ ...json, task: 'segmentation' })).toContain('task');
  });

  it('rejects a stride that does not divide the input size', () => {
    const json = readJson('fixture-heatmap');
    expect(badModel({ ...json, heatmap: { ...(json.heatmap as object), stride: 5 } })).toContain('multiple');
  });

  it('takes an optional increasing calibration of the heatmap score', () => {
    const json = readJson('fixture-heatmap');
    const withCal = (calibration: unknown): Record<string, unknown> => ({ ...json, heatmap: { ...(json.heatmap as object), calibration } });
    const m = parseModelManifest(withCal({ a: 1.5, b: -0.3 }));
    expect(m.task === 'heatmap' && m.heatmap.calibration).toEqual({ a: 1.5, b: -0.3 });
    expect(badModel(withCal({ a: -1, b: 0 }))).toContain('heatmap.calibration.a');
    expect(badModel(withCal({ a: 1 }))).toContain('heatmap.calibration.b');
  });

  it('rejects what is not an object', () => {
    expect(badModel(null)).toContain('(root)');
  });
});
