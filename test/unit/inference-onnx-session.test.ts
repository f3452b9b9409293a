/** @jest-environment ./test/helpers/onnx-environment.ts */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadModel } from '../../src/inference/onnx-session';
import { packTiles } from '../../src/inference/tile-batch';
import { rejection } from '../helpers/rejection';

const MODELS = path.join(__dirname, '..', '..', 'models');
const IO = path.join(__dirname, '..', 'fixtures', 'model-io');

function copyModel(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-model-'));
  for (const f of ['model.onnx', 'model.json']) fs.copyFileSync(path.join(MODELS, name, f), path.join(dir, f));
  return dir;
}

/** The uint8 input of test/fixtures/model-io, as scripts/make-fixture-models.py writes it. */
function formulaRaster(n: number, size: number): { data: Uint8Array; width: number; height: number; originalWidth: number; originalHeight: number } {
  const width = size, height = size * n;
  const data = new Uint8Array(width * height * 3);
  for (let k = 0; k < n; k++) for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const i = ((k * size + y) * width + x) * 3;
    data[i] = (x * 3 + y * 5 + 17 * k) % 256;
    data[i + 1] = (x * 2 + y * 7 + 31 * k) % 200;
    data[i + 2] = (x * 5 + y * 3 + 59 * k) % 256;
  }
  return { data, width, height, originalWidth: width, originalHeight: height };
}

/** test/fixtures/model-io/<model>.json, written by scripts/make-fixture-models.py. */
interface ModelIo {
  input: { n: number; size: number };
  outputs: Record<string, { dims: number[]; data: number[] }>;
}

describe('loadModel', () => {
  it.each(['fixture-heatmap', 'fixture-yolo', 'outfall-heatmap'])('%s gives the outputs its reference (numpy, or torch for a trained model) computes (±1e-4)', async (name) => {
    const io = JSON.parse(fs.readFileSync(path.join(IO, `${name}.json`), 'utf8')) as ModelIo;
    const model = await loadModel(path.join(MODELS, name), { threads: 1 });
    const { n, size } = io.input;
    const raster = formulaRaster(n, size);
    const tiles = Array.from({ length: n }, (_, k) => ({ x: 0, y: k * size, width: size, height: size }));
    const out = await model.run(packTiles(raster, tiles, model.manifest.input), n);
    for (const [key, expected] of Object.entries(io.outputs)) {
      const got = out[key]!;
      expect(got.dims).toEqual(expected.dims);
      let worst = 0;
      expected.data.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - got.data[i]!))));
      expect(worst).toBeLessThan(1e-4);
    }
    await model.release();
  });

  it('reads the batch contract from the model', async () => {
    expect((await loadModel(path.join(MODELS, 'fixture-heatmap'))).maxBatch).toBeNull();
    expect((await loadModel(path.join(MODELS, 'fixture-yolo'))).maxBatch).toBe(1);
  });

  it('refuses a model file whose SHA-256 differs from model.json', async () => {
    const dir = copyModel('fixture-heatmap');
    const bytes = fs.readFileSync(path.join(dir, 'model.onnx'));
    bytes[bytes.length - 5]! ^= 0xff;
    fs.writeFileSync(path.join(dir, 'model.onnx'), bytes);
    const e = await rejection(loadModel(dir));
    expect(e.code).toBe('MODEL_CHECKSUM');
    expect(e.message).toContain('model.onnx');
  });

  it('refuses a manifest naming outputs the model lacks', async () => {
    const dir = copyModel('fixture-heatmap');
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    json.heatmap.sourceOutput = 'origin';
    json.input.size = 512;
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    const e = await rejection(loadModel(dir));
    expect(e.code).toBe('BAD_MODEL');
    expect(e.message).toContain('no output "origin"');
    expect(e.message).toContain('expected [N, 3, 512, 512]');
  });

  it('says NOT_FOUND for a missing folder and BAD_MODEL for broken JSON', async () => {
    expect((await rejection(loadModel('/nonexistent/model'))).code).toBe('NOT_FOUND');
    const dir = copyModel('fixture-yolo');
    fs.writeFileSync(path.join(dir, 'model.json'), '{ not json');
    expect((await rejection(loadModel(dir))).code).toBe('BAD_MODEL');
  });
});
