/**
 * Square model-input tiles over a raster. A tile is the part of the raster the model sees, in raster pixels;
 * it is `tileSize` square except on an axis where the raster is shorter than a tile: there the single tile
 * covers the whole axis (width or height < tileSize) and the batch packer pads the rest of the model input,
 * to the right and below, with the model's mean colour.
 */
export interface Tile {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Tiles of `tileSize` covering every pixel, neighbours overlapping by at least `overlap` of a tile, spread
 * evenly so the last tile ends exactly at the border (no tile leaves the raster). Row-major order.
 */
export function planTiles(width: number, height: number, tileSize: number, overlap = 0.2): Tile[] {
  for (const [name, v] of [['width', width], ['height', height], ['tileSize', tileSize]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  }
  if (!(overlap >= 0 && overlap < 1)) throw new RangeError(`overlap must be in [0, 1), got ${overlap}`);
  const xs = axisStarts(width, tileSize, overlap);
  const ys = axisStarts(height, tileSize, overlap);
  const w = Math.min(tileSize, width);
  const h = Math.min(tileSize, height);
  const tiles: Tile[] = [];
  for (const y of ys) for (const x of xs) tiles.push({ x, y, width: w, height: h });
  return tiles;
}

/** Start offsets along one axis: n tiles with step (length - tile) / (n - 1) ≤ tile (1 - overlap). */
export function axisStarts(length: number, tile: number, overlap: number): number[] {
  if (length <= tile) return [0];
  const maxStep = Math.max(1, Math.floor(tile * (1 - overlap)));
  const n = Math.ceil((length - tile) / maxStep) + 1;
  const span = length - tile;
  return Array.from({ length: n }, (_, i) => Math.floor((i * span) / (n - 1)));
}
