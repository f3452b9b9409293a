import type { ModelManifest } from './model-manifest';

/** One output tensor of a run, float32, row-major. */
export interface OutputTensor {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/**
 * What the detection pipeline needs from a model: the manifest and a way to run a batch. The real one
 * wraps onnxruntime (onnx-session.ts); tests pass fakes.
 */
export interface InferenceModel {
  readonly manifest: ModelManifest;
  /** Largest batch the model accepts (a fixed batch dimension), or null when the batch is dynamic. */
  readonly maxBatch: number | null;
  /** batch: float32 [n, 3, size, size] NCHW, normalised as the manifest says; outputs by name. */
  run(batch: Float32Array, n: number): Promise<Record<string, OutputTensor>>;
}
