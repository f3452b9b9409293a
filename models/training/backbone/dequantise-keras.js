// Writes the float32 weights of a TensorFlow.js layers model whose one weight shard is 8-bit quantised
// (nsfwjs ships its MobileNetV2 so: model.min.js and group1-shard1of1.min.js, the shard as base64) to
// <out>.bin (little-endian float32, the tensors one after another) and <out>.json ([{name, shape}], in order).
//   node dequantise-keras.js <package>/dist/models/mobilenet_v2 <out>
'use strict';
const fs = require('fs');
const path = require('path');

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  console.error('usage: node dequantise-keras.js MODEL_DIR OUT');
  process.exit(2);
}
const model = require(path.resolve(dir, 'model.min.js'));
const shard = Buffer.from(require(path.resolve(dir, 'group1-shard1of1.min.js')), 'base64');
const manifest = model.weightsManifest;
if (manifest.length !== 1 || manifest[0].paths.length !== 1) throw new Error('expected one weight group of one shard');
let offset = 0;
const index = [];
const parts = [];
for (const w of manifest[0].weights) {
  const n = w.shape.reduce((a, b) => a * b, 1);
  const q = w.quantization;
  if (w.dtype !== 'float32' || !q || q.dtype !== 'uint8') throw new Error(`${w.name}: not uint8-quantised float32`);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = shard[offset + i] * q.scale + q.min;
  offset += n;
  index.push({ name: w.name, shape: w.shape });
  parts.push(Buffer.from(values.buffer));
}
if (offset !== shard.length) throw new Error(`shard has ${shard.length} bytes, the manifest reads ${offset}`);
fs.writeFileSync(`${out}.bin`, Buffer.concat(parts));
fs.writeFileSync(`${out}.json`, JSON.stringify(index));
console.log(`${out}.bin: ${index.length} tensors, ${offset} weights`);
