import { analysisScale, MIN_ANALYSIS_SCALE } from '../../src/tiling/analysis-scale';

describe('analysisScale', () => {
  it('shrinks a finer photo to the training GSD', () => {
    expect(analysisScale(0.01, 0.03)).toBeCloseTo(1 / 3, 12);
    expect(analysisScale(0.015, 0.03)).toBe(0.5);
  });
  it('never upsamples a coarser photo', () => {
    expect(analysisScale(0.05, 0.03)).toBe(1);
    expect(analysisScale(0.03, 0.03)).toBe(1);
  });
  it('never shrinks below the floor', () => {
    expect(analysisScale(0.0001, 0.03)).toBe(MIN_ANALYSIS_SCALE);
    expect(analysisScale(0.0001, 0.03, 0.25)).toBe(0.25);
  });
  it('is 1 when either GSD is unknown or nonsense', () => {
    expect(analysisScale(null, 0.03)).toBe(1);
    expect(analysisScale(0.01, null)).toBe(1);
    expect(analysisScale(0, 0.03)).toBe(1);
    expect(analysisScale(NaN, 0.03)).toBe(1);
    expect(analysisScale(0.01, -1)).toBe(1);
  });
});
