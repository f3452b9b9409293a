import fs from 'node:fs';
import path from 'node:path';

const SAMPLE = path.join(__dirname, '..', '..', 'samples', 'DJI_0101.JPG');

/**
 * What a failing card or an interrupted copy leaves: a sample photo whose headers and end marker are intact
 * and whose compressed scan has `bytes` of noise (seeded, so every run damages it the same way) half-way
 * through. It passes every upload check; only decoding the pixels shows the damage.
 */
export function damagedJpeg(source = SAMPLE, bytes = 4096, seed = 1): Buffer {
  const jpeg = Buffer.from(fs.readFileSync(source));
  const scan = jpeg.indexOf(Buffer.from([0xff, 0xda]));
  const at = Math.floor((scan + jpeg.length) / 2);
  let s = seed >>> 0;
  for (let i = at; i < at + bytes; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0; // a linear congruential generator: reproducible noise
    jpeg[i] = s >>> 24;
  }
  return jpeg;
}

/** A sound sample photo with `n` stray bytes before its scan's marker: libjpeg warns, the pixels are all there. */
export function jpegWithStrayBytes(source = SAMPLE, n = 3): Buffer {
  const jpeg = fs.readFileSync(source);
  const scan = jpeg.indexOf(Buffer.from([0xff, 0xda]));
  return Buffer.concat([jpeg.subarray(0, scan), Buffer.alloc(n, 0x12), jpeg.subarray(scan)]);
}
