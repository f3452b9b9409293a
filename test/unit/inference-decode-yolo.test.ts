import { boxIou } from '../../src/detections/box-iou';
import { decodeYolo, nms } from '../../src/inference/decode-yolo';

/** [1, 4 + C, A] from anchors given as [cx, cy, w, h, ...scores]. */
function output(anchors: number[][], transposed = false) {
  const rows = anchors[0]!.length, a = anchors.length;
  const data = new Float32Array(rows * a);
  anchors.forEach((anchor, j) => anchor.forEach((v, r) => (data[transposed ? j * rows + r : r * a + j] = v)));
  return { data, dims: transposed ? [1, a, rows] : [1, rows, a] };
}

const opts = { numClasses: 2, confidence: 0.25, nmsIou: 0.45, validWidth: 640, validHeight: 640 };
const anchors = [
  [100, 100, 40, 40, 0.9, 0.1], // kept
  [104, 102, 40, 40, 0.8, 0.1], // same class, IoU 0.8 with the first: suppressed
  [104, 102, 40, 40, 0.1, 0.7], // other class at the same place: kept
  [300, 300, 50, 20, 0.2, 0.1], // below confidence
  [630, 320, 40, 40, 0.6, 0.0], // clipped at the right edge
  [320, 700, 40, 40, 0.9, 0.0], // centre in the padding: dropped
  [500, 500, 40, 40, 0.0, 0.0], // nothing (and 7 anchors, so [1, 6, 7] cannot be read either way)
];

describe('decodeYolo', () => {
  it('thresholds, clips and runs class-wise NMS; the source is the box centre', () => {
    const dets = decodeYolo(output(anchors), 0, opts);
    expect(dets.map((d) => [d.classIndex, +d.confidence.toFixed(2)])).toEqual([[0, 0.9], [1, 0.7], [0, 0.6]]);
    expect(dets[0]!.bbox).toEqual([80, 80, 120, 120]);
    expect(dets[0]!.source).toEqual([100, 100]);
    expect(dets[2]!.bbox).toEqual([610, 300, 640, 340]);
  });

  it('reads the transposed [N, A, 4 + C] layout the same', () => {
    expect(decodeYolo(output(anchors, true), 0, opts)).toEqual(decodeYolo(output(anchors), 0, opts));
  });

  it('drops boxes in the padding of a tile smaller than the input', () => {
    expect(decodeYolo(output(anchors), 0, { ...opts, validWidth: 200, validHeight: 200 })).toHaveLength(2);
  });

  it('refuses an output that does not match the class count', () => {
    expect(() => decodeYolo(output(anchors), 0, { ...opts, numClasses: 4 })).toThrow(/expected \[N, 8, anchors\]/);
  });
});

describe('nms', () => {
  it('keeps the best of overlapping boxes and respects the cap', () => {
    const d = (x: number, c: number) => ({ classIndex: 0, confidence: c, sourceScore: c, source: [x, 0] as [number, number], bbox: [x, 0, x + 10, 10] as [number, number, number, number] });
    expect(nms([d(0, 0.5), d(1, 0.9), d(50, 0.7)], 0.5).map((k) => k.confidence)).toEqual([0.9, 0.7]);
    expect(nms([d(0, 0.5), d(100, 0.9), d(50, 0.7)], 0.5, 2)).toHaveLength(2);
    expect(boxIou([0, 0, 10, 10], [5, 0, 15, 10])).toBeCloseTo(1 / 3);
  });
});
