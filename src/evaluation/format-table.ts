export type Align = 'left' | 'right';

/**
 * Rows of cells as aligned text lines: every column as wide as its widest cell, two spaces between
 * columns, aligned as `align` says per column (left by default). The first row is the header, underlined
 * with dashes. No trailing spaces.
 */
export function formatTable(rows: readonly (readonly string[])[], align: readonly Align[] = []): string[] {
  const [header, ...body] = rows;
  if (!header) return [];
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    widths
      .map((w, c) => (align[c] === 'right' ? (cells[c] ?? '').padStart(w) : (cells[c] ?? '').padEnd(w)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}
