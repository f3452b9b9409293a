import { displayedToStored, storedToDisplayed } from '../../src/geo/orientation';
import type { Pixel } from '../../src/geo/photo-geometry';

const [W, H] = [400, 300];

describe('EXIF orientation', () => {
  // Where the stored image's top-left corner and top-right corner are shown.
  it.each<[number, Pixel, Pixel]>([
    [1, [0, 0], [W, 0]],
    [2, [W, 0], [0, 0]],
    [3, [W, H], [0, H]],
    [4, [0, H], [W, H]],
    [5, [0, 0], [0, W]],
    [6, [H, 0], [H, W]],
    [7, [H, W], [H, 0]],
    [8, [0, W], [0, 0]],
  ])('orientation %p puts the stored top-left and top-right corners where EXIF says', (o, tl, tr) => {
    expect(storedToDisplayed([0, 0], W, H, o)).toEqual(tl);
    expect(storedToDisplayed([W, 0], W, H, o)).toEqual(tr);
  });

  it('orientation 6 (turned 90° clockwise): stored row 0 is the right column, stored column 0 the top row', () => {
    expect(storedToDisplayed([100, 0], W, H, 6)).toEqual([H, 100]);
    expect(storedToDisplayed([0, 100], W, H, 6)).toEqual([H - 100, 0]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation %p: displayedToStored inverts storedToDisplayed', (o) => {
    for (const p of [[0, 0], [12.5, 250], [399, 1], [200, 150]] as Pixel[]) {
      expect(displayedToStored(storedToDisplayed(p, W, H, o), W, H, o)).toEqual(p);
    }
  });

  it('rejects orientations outside 1..8', () => {
    expect(() => storedToDisplayed([0, 0], W, H, 9)).toThrow(/1\.\.8/);
    expect(() => displayedToStored([0, 0], W, H, 0)).toThrow(/1\.\.8/);
  });
});
