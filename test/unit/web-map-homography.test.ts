import { applyHomography, cssMatrix3d, imageToQuad, type Quad } from '../../src/web/map/homography';

const close = (a: readonly number[], b: readonly number[]): void => {
  expect(a[0]).toBeCloseTo(b[0]!, 6);
  expect(a[1]).toBeCloseTo(b[1]!, 6);
};

describe('imageToQuad', () => {
  const w = 512, h = 288;
  const image: Quad = [[0, 0], [w, 0], [w, h], [0, h]];

  it('takes each image corner to its quad corner, for a perspective (trapezoid) quad', () => {
    const quad: Quad = [[100, 50], [400, 80], [380, 300], [120, 260]];
    const m = imageToQuad(w, h, quad)!;
    image.forEach((p, i) => close(applyHomography(m, p), quad[i]!));
    // The image centre lands where the quad's diagonals cross (a projective map keeps straight lines).
    const c = applyHomography(m, [w / 2, h / 2]);
    const cross = (t: number): [number, number] => [100 + t * (380 - 100), 50 + t * (300 - 50)];
    const t = (c[0] - 100) / 280;
    close(c, cross(t));
  });

  it('an affine quad (a rotated, scaled rectangle) has no perspective row', () => {
    const quad: Quad = [[0, 0], [0, 512], [-288, 512], [-288, 0]]; // rotated 90° clockwise on screen (y down)
    const m = imageToQuad(w, h, quad)!;
    expect(m[6]).toBeCloseTo(0, 12);
    expect(m[7]).toBeCloseTo(0, 12);
    image.forEach((p, i) => close(applyHomography(m, p), quad[i]!));
  });

  it('the identity when the quad is the image itself', () => {
    const m = imageToQuad(w, h, image)!;
    [1, 0, 0, 0, 1, 0, 0, 0, 1].forEach((v, i) => expect(m[i]).toBeCloseTo(v, 12));
    expect(cssMatrix3d(m)).toBe('matrix3d(1,0,0,0,0,1,0,0,0,0,1,0,0,0,0,1)');
  });

  it('a mirrored quad (corners in the other turning order) still maps corner to corner', () => {
    const quad: Quad = [[300, 0], [0, 0], [0, 200], [300, 200]];
    const m = imageToQuad(w, h, quad)!;
    image.forEach((p, i) => close(applyHomography(m, p), quad[i]!));
  });

  it('null for a degenerate quad (all corners on a line) or an empty image', () => {
    expect(imageToQuad(w, h, [[0, 0], [1, 1], [2, 2], [3, 3]])).toBeNull();
    expect(imageToQuad(0, h, image)).toBeNull();
  });

  it('matrix3d is column-major with the translation in the fourth column', () => {
    const m = imageToQuad(w, h, [[10, 20], [10 + w, 20], [10 + w, 20 + h], [10, 20 + h]])!;
    expect(cssMatrix3d(m)).toBe('matrix3d(1,0,0,0,0,1,0,0,0,0,1,0,10,20,0,1)');
  });
});
