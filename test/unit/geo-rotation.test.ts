import { apply, applyTransposed, cameraToWorld, type Vec3 } from '../../src/geo/rotation';

const RIGHT: Vec3 = [1, 0, 0];
const DOWN_IN_IMAGE: Vec3 = [0, 1, 0];
const FORWARD: Vec3 = [0, 0, 1];
const UP_IN_IMAGE: Vec3 = [0, -1, 0];

function expectVec(actual: Vec3, expected: Vec3): void {
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
}

describe('cameraToWorld (ENU, DJI gimbal angles)', () => {
  it('nadir, yaw 0: looks down, image top north, image right east', () => {
    const r = cameraToWorld(0, -90, 0);
    expectVec(apply(r, FORWARD), [0, 0, -1]);
    expectVec(apply(r, UP_IN_IMAGE), [0, 1, 0]);
    expectVec(apply(r, RIGHT), [1, 0, 0]);
  });

  it.each<[number, Vec3, Vec3]>([
    [90, [1, 0, 0], [0, -1, 0]],
    [180, [0, -1, 0], [-1, 0, 0]],
    [270, [-1, 0, 0], [0, 1, 0]],
    [-90, [-1, 0, 0], [0, 1, 0]],
    [-135, [-Math.SQRT1_2, -Math.SQRT1_2, 0], [-Math.SQRT1_2, Math.SQRT1_2, 0]],
    [45, [Math.SQRT1_2, Math.SQRT1_2, 0], [Math.SQRT1_2, -Math.SQRT1_2, 0]],
  ])('nadir, yaw %p: image top and right point where yaw says', (yaw, top, right) => {
    const r = cameraToWorld(yaw, -90, 0);
    expectVec(apply(r, UP_IN_IMAGE), top);
    expectVec(apply(r, RIGHT), right);
    expectVec(apply(r, FORWARD), [0, 0, -1]);
  });

  it('pitch 0 looks horizontally toward yaw with the image top up', () => {
    expectVec(apply(cameraToWorld(0, 0, 0), FORWARD), [0, 1, 0]);
    expectVec(apply(cameraToWorld(90, 0, 0), FORWARD), [1, 0, 0]);
    expectVec(apply(cameraToWorld(90, 0, 0), DOWN_IN_IMAGE), [0, 0, -1]);
  });

  it('pitch -30 looks 30° below the horizon toward yaw', () => {
    const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    expectVec(apply(cameraToWorld(0, -30, 0), FORWARD), [0, c, -s]);
    expectVec(apply(cameraToWorld(180, -30, 0), FORWARD), [0, -c, -s]);
  });

  it('roll positive puts the right side down: at pitch 0 image right tilts down, at nadir the view swings left', () => {
    const s = Math.sin(Math.PI / 18);
    expect(apply(cameraToWorld(0, 0, 10), RIGHT)[2]).toBeCloseTo(-s, 12);
    const axis = apply(cameraToWorld(0, -90, 10), FORWARD);
    expect(axis[0]).toBeCloseTo(-s, 12); // image left is west at yaw 0
    expect(axis[1]).toBeCloseTo(0, 12);
  });

  it('is a proper rotation: transpose inverts it', () => {
    const r = cameraToWorld(33, -47, 6);
    const v: Vec3 = [0.3, -1.2, 2.5];
    expectVec(applyTransposed(r, apply(r, v)), v);
    const [a, b, c] = [apply(r, RIGHT), apply(r, DOWN_IN_IMAGE), apply(r, FORWARD)];
    const cross: Vec3 = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
    expectVec(cross, c);
  });
});
