import fs from 'node:fs';
import path from 'node:path';

/**
 * `count` distinct JPEGs made from the sample photos: the same pixels and metadata, with a JPEG comment
 * segment (COM) inserted before the first quantisation table, so each has its own SHA-256.
 */
export function photoVariants(samplesDir: string, count: number): { name: string; bytes: Buffer }[] {
  const samples = fs.readdirSync(samplesDir).filter((f) => /\.jpe?g$/i.test(f)).sort();
  return Array.from({ length: count }, (_, i) => {
    const base = samples[i % samples.length]!;
    const bytes = fs.readFileSync(path.join(samplesDir, base));
    const at = bytes.indexOf(Buffer.from([0xff, 0xdb]));
    if (at < 0) throw new Error(`${base}: no DQT segment`);
    const text = Buffer.from(`outfall-scout test variant ${i}`);
    const com = Buffer.concat([Buffer.from([0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 0xff]), text]);
    return { name: `${path.parse(base).name}-v${String(i).padStart(2, '0')}.JPG`, bytes: Buffer.concat([bytes.subarray(0, at), com, bytes.subarray(at)]) };
  });
}
