/** Decimals written by every report format: 7 for degrees (about 1 cm), 3 for confidences, 1 for pixels. */
export const PRECISION = { degrees: 7, confidence: 3, pixel: 1 } as const;

/**
 * `value` rounded to `decimals` places, never -0. Throws a RangeError on NaN or ±Infinity: a report must not
 * turn a bug upstream into `null` (JSON) or an empty cell (CSV) without anyone noticing.
 */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`report: not a finite number: ${String(value)}`);
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** `roundTo` as text in plain decimal notation (never `1e-7`), without trailing zeros. */
export function formatNumber(value: number, decimals: number): string {
  const rounded = roundTo(value, decimals);
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  return rounded.toFixed(decimals).replace(/\.?0+$/, '');
}
