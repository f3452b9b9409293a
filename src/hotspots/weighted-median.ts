/**
 * Weighted median of values: the smallest value at which the cumulative weight reaches half the total
 * (the mean of the two middle values when the halfway point falls exactly between them).
 */
export function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  if (values.length === 0 || values.length !== weights.length) {
    throw new RangeError('weightedMedian needs as many weights as values, and at least one');
  }
  const order = values.map((v, i) => ({ v, w: Math.max(weights[i] ?? 0, 0) })).sort((a, b) => a.v - b.v);
  const total = order.reduce((s, e) => s + e.w, 0);
  if (total <= 0) return order[Math.floor((order.length - 1) / 2)]!.v;
  let cumulative = 0;
  for (let i = 0; i < order.length; i++) {
    const entry = order[i]!;
    cumulative += entry.w;
    if (Math.abs(cumulative - total / 2) < 1e-12 * total && i + 1 < order.length) return (entry.v + order[i + 1]!.v) / 2;
    if (cumulative > total / 2) return entry.v;
  }
  return order[order.length - 1]!.v;
}
