import NodeEnvironment from 'jest-environment-node';

/**
 * Jest runs each test file in its own realm, whose Float32Array is not the one onnxruntime-node's native
 * binding creates output tensors with, so onnxruntime-common's `instanceof` check rejects every output
 * ("A float32 tensor's data must be type of function Float32Array()"). Test files that run a real model use
 * this environment (docblock `@jest-environment ./test/helpers/onnx-environment.ts`): the typed arrays are
 * the outer realm's.
 */
export default class OnnxEnvironment extends NodeEnvironment {
  override async setup(): Promise<void> {
    await super.setup();
    const g = this.global as unknown as Record<string, unknown>;
    for (const name of ['ArrayBuffer', 'Float32Array', 'Float64Array', 'Int8Array', 'Int16Array', 'Int32Array', 'BigInt64Array',
      'Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'BigUint64Array']) {
      g[name] = (globalThis as unknown as Record<string, unknown>)[name];
    }
  }
}
