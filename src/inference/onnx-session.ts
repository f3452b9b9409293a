import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { AppError } from '../errors';
import type { InferenceModel, OutputTensor } from './inference-model';
import { parseModelManifest, requiredOutputs } from './model-manifest';
import type { ModelManifest } from './model-manifest';

/**
 * The only file that imports onnxruntime-node. A model folder holds `model.onnx` and `model.json`.
 *
 * Tensor contract (checked at load against the session's own metadata):
 *   input   <manifest.input.name>  float32 [N, 3, S, S], S = manifest.input.size, NCHW, RGB,
 *           x = (rgb / 255 - mean) / std per channel; N dynamic (a symbolic dimension) or fixed (then maxBatch = N)
 *   outputs every name the task's decoder reads (heatmap: extent, source [, class]; yolo: output), float32.
 *           Output shapes are the decoders' business: decode-heatmap.ts and decode-yolo.ts state them.
 * The model bytes are hashed and the very same bytes loaded, so the checked file is the one that runs.
 */
export interface LoadedModel extends InferenceModel {
  readonly dir: string;
  release(): Promise<void>;
}

export async function loadModel(dir: string, opts: { threads?: number } = {}): Promise<LoadedModel> {
  const jsonPath = path.join(dir, 'model.json');
  const manifest = parseModelManifest(parseJson(await read(jsonPath, 'utf8'), jsonPath), jsonPath);
  const onnxPath = path.join(dir, 'model.onnx');
  const bytes = await read(onnxPath);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== manifest.sha256) {
    throw new AppError('MODEL_CHECKSUM', `${onnxPath}: SHA-256 is ${sha256}, model.json says ${manifest.sha256}; the model file is not the one its manifest describes`);
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: opts.threads ?? 0,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  } catch (e) {
    throw new AppError('BAD_MODEL', `${onnxPath}: onnxruntime cannot load it (${message(e)})`, { cause: e });
  }
  const maxBatch = checkContract(session, manifest, onnxPath);
  const { size } = manifest.input;
  return {
    dir,
    manifest,
    maxBatch,
    async run(batch: Float32Array, n: number): Promise<Record<string, OutputTensor>> {
      if (batch.length < n * 3 * size * size) throw new RangeError(`batch holds ${batch.length} floats, ${n} tiles need ${n * 3 * size * size}`);
      const input = new ort.Tensor('float32', batch.subarray(0, n * 3 * size * size), [n, 3, size, size]);
      let results: ort.InferenceSession.ReturnType;
      try {
        results = await session.run({ [manifest.input.name]: input });
      } catch (e) {
        throw new AppError('INFERENCE_FAILED', `${manifest.name}: inference failed on a batch of ${n} (${message(e)})`, { cause: e, retryable: false });
      }
      const out: Record<string, OutputTensor> = {};
      for (const [name, value] of Object.entries(results)) {
        if (value.type !== 'float32') throw new AppError('INFERENCE_FAILED', `${manifest.name}: output ${name} is ${value.type}, expected float32`);
        out[name] = { data: value.data as Float32Array, dims: value.dims.slice() };
      }
      return out;
    },
    release: () => session.release(),
  };
}

/** Input name, shape and output names against the manifest; returns the fixed batch size, or null. */
function checkContract(session: ort.InferenceSession, m: ModelManifest, where: string): number | null {
  const problems: string[] = [];
  const input = session.inputMetadata.find((i) => i.name === m.input.name);
  let maxBatch: number | null = null;
  if (!input) problems.push(`no input "${m.input.name}" (the model has ${session.inputNames.join(', ')})`);
  else if (input.isTensor) {
    const [batch, c, h, w] = input.shape;
    if (input.type !== 'float32') problems.push(`input "${m.input.name}" is ${input.type}, expected float32`);
    if (input.shape.length !== 4 || c !== 3 || !fits(h, m.input.size) || !fits(w, m.input.size)) {
      problems.push(`input "${m.input.name}" has shape [${input.shape.join(', ')}], expected [N, 3, ${m.input.size}, ${m.input.size}]`);
    }
    if (typeof batch === 'number' && batch > 0) maxBatch = batch;
  }
  for (const name of requiredOutputs(m)) {
    if (!session.outputNames.includes(name)) problems.push(`no output "${name}" (the model has ${session.outputNames.join(', ')})`);
  }
  if (problems.length) throw new AppError('BAD_MODEL', `${where} does not match model.json: ${problems.join('; ')}`);
  return maxBatch;
}

function fits(dim: number | string | undefined, size: number): boolean {
  return typeof dim === 'string' || dim === size || dim === -1;
}

async function read(file: string): Promise<Buffer>;
async function read(file: string, encoding: 'utf8'): Promise<string>;
async function read(file: string, encoding?: 'utf8'): Promise<Buffer | string> {
  try {
    return encoding ? await readFile(file, encoding) : await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'NOT_FOUND' : 'IO';
    throw new AppError(code, `${file}: ${message(e)}`, { cause: e, retryable: code === 'IO' });
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError('BAD_MODEL', `${where} is not valid JSON (${message(e)})`, { cause: e });
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
