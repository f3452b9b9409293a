import { distort, undistort } from '../../src/geo/lens-distortion';
import { FC330_LIKE_DISTORTION } from '../helpers/geo-cameras';

describe('Brown-Conrady distortion', () => {
  const none = { k1: 0, k2: 0, k3: 0, p1: 0, p2: 0 };

  it('is the identity without coefficients', () => {
    expect(distort([0.3, -0.2], none)).toEqual([0.3, -0.2]);
    expect(undistort([0.3, -0.2], none)).toEqual([0.3, -0.2]);
  });

  it('applies the radial and tangential terms as written (hand-computed)', () => {
    const d = { k1: 0.1, k2: 0.01, k3: 0.001, p1: 0.002, p2: 0.003 };
    const [x, y] = [0.5, 0.25];
    const r2 = 0.3125;
    const radial = 1 + 0.1 * r2 + 0.01 * r2 ** 2 + 0.001 * r2 ** 3;
    const [xd, yd] = distort([x, y], d);
    expect(xd).toBeCloseTo(x * radial + 2 * 0.002 * x * y + 0.003 * (r2 + 2 * x * x), 14);
    expect(yd).toBeCloseTo(y * radial + 0.002 * (r2 + 2 * y * y) + 2 * 0.003 * x * y, 14);
  });

  it('barrel distortion pulls the corners in', () => {
    const [xd] = distort([0.85, 0.48], { ...none, k1: -0.05 });
    expect(xd).toBeLessThan(0.85);
  });

  it('undistort inverts distort over the whole image and a margin beyond it', () => {
    for (let x = -1.2; x <= 1.2; x += 0.1) {
      for (let y = -0.9; y <= 0.9; y += 0.1) {
        const back = undistort(distort([x, y], FC330_LIKE_DISTORTION), FC330_LIKE_DISTORTION);
        expect(back).not.toBeNull();
        expect(Math.abs(back![0] - x)).toBeLessThan(1e-12);
        expect(Math.abs(back![1] - y)).toBeLessThan(1e-12);
      }
    }
  });

  it('gives null rather than nonsense where the polynomial cannot be inverted', () => {
    expect(undistort([50, 50], { ...none, k1: -0.3 })).toBeNull();
  });
});
