import type { RgbRaster } from '../image/raster';
import type { Tile } from '../tiling/plan-tiles';

/** What packing needs from the manifest's input section. */
export interface InputSpec {
  readonly size: number;
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
  /** 0..1 RGB for model-input pixels outside the raster; default the mean colour (0 after normalising). */
  readonly pad?: readonly [number, number, number] | undefined;
}

/**
 * Packs tiles of an 8-bit RGB raster into one float32 NCHW batch [tiles.length, 3, size, size]:
 * x = (v / 255 - mean[c]) / std[c]. A tile narrower or shorter than `size` sits at the top-left of its slot,
 * the rest of the slot is the pad colour. Writes into `out` when given (reused across batches, must hold
 * the whole batch) and returns the filled part.
 */
export function packTiles(raster: RgbRaster, tiles: readonly Tile[], spec: InputSpec, out?: Float32Array): Float32Array {
  const { size } = spec;
  const plane = size * size;
  const needed = tiles.length * 3 * plane;
  const batch = out && out.length >= needed ? out.subarray(0, needed) : new Float32Array(needed);
  const luts = [0, 1, 2].map((c) => channelLut(spec.mean[c] ?? 0, spec.std[c] ?? 1));
  const [l0, l1, l2] = luts as [Float32Array, Float32Array, Float32Array];
  const pad = [0, 1, 2].map((c) => ((spec.pad?.[c] ?? spec.mean[c] ?? 0) - (spec.mean[c] ?? 0)) / (spec.std[c] ?? 1));
  const { data, width } = raster;
  tiles.forEach((t, k) => {
    if (t.x < 0 || t.y < 0 || t.x + t.width > raster.width || t.y + t.height > raster.height || t.width > size || t.height > size) {
      throw new RangeError(`tile ${JSON.stringify(t)} does not fit a ${raster.width}x${raster.height} raster and a ${size} px input`);
    }
    const r0 = k * 3 * plane;
    const g0 = r0 + plane;
    const b0 = g0 + plane;
    if (t.width < size || t.height < size) {
      batch.fill(pad[0] ?? 0, r0, g0);
      batch.fill(pad[1] ?? 0, g0, b0);
      batch.fill(pad[2] ?? 0, b0, b0 + plane);
    }
    for (let row = 0; row < t.height; row++) {
      let src = ((t.y + row) * width + t.x) * 3;
      const dst = row * size;
      const end = dst + t.width;
      for (let i = dst; i < end; i++, src += 3) {
        batch[r0 + i] = l0[data[src] as number] as number;
        batch[g0 + i] = l1[data[src + 1] as number] as number;
        batch[b0 + i] = l2[data[src + 2] as number] as number;
      }
    }
  });
  return batch;
}

function channelLut(mean: number, std: number): Float32Array {
  const lut = new Float32Array(256);
  for (let v = 0; v < 256; v++) lut[v] = (v / 255 - mean) / std;
  return lut;
}
