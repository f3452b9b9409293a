import type { BBox } from './detection';

/**
 * A detection as a decoder reports it, in one tile's model-input pixels (origin the tile's top-left corner,
 * at the analysis scale). `sourceScore` says how sure the decoder is of the source point (heatmap: the source
 * map's peak; YOLO: the box score), so merging can take the source from the fragment that saw it best.
 */
export interface TileDetection {
  readonly classIndex: number;
  readonly confidence: number;
  readonly sourceScore: number;
  readonly source: [number, number];
  readonly bbox: BBox;
}
