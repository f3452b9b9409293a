/**
 * Camera-to-world rotation for DJI gimbal angles.
 *
 * World frame: local ENU at the camera (x east, y north, z up).
 * Camera frame: x right in the stored image, y down in the image, z forward along the optical axis.
 *
 * Angles in degrees, DJI conventions: yaw clockwise from true north, pitch 0 at the horizon and -90 straight
 * down, roll positive right side down. They are applied in the order of a DJI 3-axis gimbal's motors,
 * outer to inner: yaw about the vertical, then roll about the (horizontal) heading axis, then pitch about the
 * camera's right axis: R_ned = Rz(yaw) · Rx(roll) · Ry(pitch) on a forward-right-down body. So:
 * - yaw 0, pitch -90, roll 0: looking down, image top toward north; yaw 90: image top toward east;
 * - pitch 0: looking horizontally toward yaw, image top up;
 * - roll at nadir tilts the view sideways (positive: toward the image's left); roll at pitch 0 turns the
 *   image about the optical axis. With roll 0 (a levelled gimbal, the usual case) the order does not matter.
 */
export type Vec3 = readonly [number, number, number];
/** Row-major 3x3 matrix. */
export type Mat3 = readonly [Vec3, Vec3, Vec3];

const RAD = Math.PI / 180;

function mul(a: Mat3, b: Mat3): Mat3 {
  const row = (r: Vec3): Vec3 => [
    r[0] * b[0][0] + r[1] * b[1][0] + r[2] * b[2][0],
    r[0] * b[0][1] + r[1] * b[1][1] + r[2] * b[2][1],
    r[0] * b[0][2] + r[1] * b[1][2] + r[2] * b[2][2],
  ];
  return [row(a[0]), row(a[1]), row(a[2])];
}

/** NED (north, east, down) to ENU (east, north, up). */
const ENU_FROM_NED: Mat3 = [
  [0, 1, 0],
  [1, 0, 0],
  [0, 0, -1],
];
/** Camera (right, down, forward) to gimbal body (forward, right, down). */
const BODY_FROM_CAMERA: Mat3 = [
  [0, 0, 1],
  [1, 0, 0],
  [0, 1, 0],
];

/** Rotation taking camera-frame vectors to local ENU vectors. */
export function cameraToWorld(yawDeg: number, pitchDeg: number, rollDeg: number): Mat3 {
  const [cy, sy] = [Math.cos(yawDeg * RAD), Math.sin(yawDeg * RAD)];
  const [cp, sp] = [Math.cos(pitchDeg * RAD), Math.sin(pitchDeg * RAD)];
  const [cr, sr] = [Math.cos(rollDeg * RAD), Math.sin(rollDeg * RAD)];
  const rz: Mat3 = [
    [cy, -sy, 0],
    [sy, cy, 0],
    [0, 0, 1],
  ];
  const rx: Mat3 = [
    [1, 0, 0],
    [0, cr, -sr],
    [0, sr, cr],
  ];
  const ry: Mat3 = [
    [cp, 0, sp],
    [0, 1, 0],
    [-sp, 0, cp],
  ];
  return mul(mul(mul(mul(ENU_FROM_NED, rz), rx), ry), BODY_FROM_CAMERA);
}

/** m · v */
export function apply(m: Mat3, v: Vec3): Vec3 {
  return [
    m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
    m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
    m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
  ];
}

/** mᵀ · v (the inverse rotation: world to camera). */
export function applyTransposed(m: Mat3, v: Vec3): Vec3 {
  return [
    m[0][0] * v[0] + m[1][0] * v[1] + m[2][0] * v[2],
    m[0][1] * v[0] + m[1][1] * v[1] + m[2][1] * v[2],
    m[0][2] * v[0] + m[1][2] * v[1] + m[2][2] * v[2],
  ];
}
