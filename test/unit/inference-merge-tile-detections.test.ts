import type { BBox } from '../../src/detections/detection';
import { mergeTileDetections } from '../../src/detections/merge-tile-detections';
import type { TileDetection } from '../../src/detections/tile-detection';

const opts = { classes: ['discharge', 'foam'], scaleX: 2, scaleY: 2, photoWidth: 1000, photoHeight: 600, mergeIou: 0.3, mergeOverlap: 0.1, mergeSourcePx: 8 };
const det = (bbox: BBox, source: [number, number], confidence = 0.8, sourceScore = confidence, classIndex = 0): TileDetection => ({ classIndex, confidence, sourceScore, source, bbox });
const A = { x: 0, y: 0, width: 256, height: 256 };
const B = { x: 204, y: 0, width: 256, height: 256 }; // overlaps A over x 204..256

describe('mergeTileDetections', () => {
  it('moves tile detections into the photo: offset, then the analysis scale', () => {
    const [d] = mergeTileDetections([{ tile: B, detections: [det([10, 20, 30, 40], [15, 25])] }], opts);
    expect(d).toEqual({ class: 'discharge', confidence: 0.8, source: [438, 50], bbox: [428, 40, 468, 80] });
  });

  it('tile-seam: a blob straddling two tiles is one detection with the union box', () => {
    // blob at raster x 180..300: tile A sees 180..256 (cut), tile B sees it whole (x 180..300 = B's -24..96, clipped at 0)
    const out = mergeTileDetections([
      { tile: A, detections: [det([180, 100, 256, 160], [190, 120], 0.7, 0.95)] },
      { tile: B, detections: [det([0, 100, 96, 160], [0, 130], 0.9, 0.6)] },
    ], { ...opts, scaleX: 1, scaleY: 1 });
    expect(out).toHaveLength(1);
    expect(out[0]!.bbox).toEqual([180, 100, 300, 160]);
    expect(out[0]!.confidence).toBe(0.9);
    expect(out[0]!.source).toEqual([190, 120]); // from the fragment with the strongest source score
  });

  it('joins duplicates by source distance even when their boxes differ', () => {
    const out = mergeTileDetections([
      { tile: A, detections: [det([200, 10, 256, 30], [220, 20])] },
      { tile: B, detections: [det([14, 0, 100, 120], [20, 24])] },
    ], opts);
    expect(out).toHaveLength(1);
  });

  it('keeps apart distinct plumes, and different classes at the same place', () => {
    const out = mergeTileDetections([
      { tile: A, detections: [det([10, 10, 60, 60], [20, 20]), det([100, 100, 150, 150], [110, 110])] },
      { tile: B, detections: [det([0, 150, 40, 200], [10, 160]), det([0, 150, 40, 200], [10, 160], 0.5, 0.5, 1)] },
    ], opts);
    expect(out.map((d) => d.class).sort()).toEqual(['discharge', 'discharge', 'discharge', 'foam']);
  });

  it('clips to the photo', () => {
    const [d] = mergeTileDetections([{ tile: B, detections: [det([250, 200, 300, 320], [260, 310])] }], opts);
    expect(d!.bbox).toEqual([908, 400, 1000, 600]);
    expect(d!.source).toEqual([928, 600]);
  });
});
