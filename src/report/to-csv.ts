import type { Hotspot, Report } from './report-model';
import { formatNumber, PRECISION } from './round-to';

export interface CsvOptions {
  /**
   * Start with a UTF-8 byte order mark (default true). Excel and WPS read a CSV without one in the machine's
   * ANSI code page, which garbles non-ASCII file names (排污口.jpg); GDAL and most parsers skip it.
   */
  readonly bom?: boolean;
}

export const CSV_COLUMNS = ['id', 'lon', 'lat', 'class', 'confidence', 'observations', 'photos'] as const;

/**
 * One row per hotspot, RFC 4180: a header row, CRLF line ends (after the last row too), a field quoted when it
 * holds a comma, a quote or a line break, quotes doubled. lon and lat are empty when the hotspot has no position.
 * `photos` is the observations' file names joined with ';' (a name that itself holds ';' is ambiguous there:
 * the GeoJSON is the lossless format).
 *
 * Formula injection (OWASP "CSV Injection"): analysts open these in Excel and WPS, which run a cell that starts
 * with = + - @ (or a tab or CR) as a formula. Every TEXT cell (id, class, photos) that starts with one of those gets
 * a leading apostrophe, which the spreadsheets hide; the number cells are written by us and never get one, so a
 * negative longitude stays a number. The price: a tool reading the CSV sees the apostrophe.
 */
export function toCsv(report: Report, options: CsvOptions = {}): string {
  // A caller's `extra` properties (the service's review status, reviewer, note) follow as more columns.
  const fixed = new Set<string>(CSV_COLUMNS);
  const extra = [...new Set(report.hotspots.flatMap((h) => Object.keys(h.extra ?? {})))].filter((k) => !fixed.has(k));
  const rows = [[...CSV_COLUMNS, ...extra.map(textCell)].join(','), ...report.hotspots.map((h) => [csvRow(h), ...extra.map((k) => extraCell(h.extra?.[k]))].join(','))];
  return (options.bom === false ? '' : '\uFEFF') + rows.map((row) => `${row}\r\n`).join('');
}

function csvRow(h: Hotspot): string {
  const lon = h.position === null ? '' : formatNumber(h.position[0], PRECISION.degrees);
  const lat = h.position === null ? '' : formatNumber(h.position[1], PRECISION.degrees);
  return [
    textCell(h.id),
    lon,
    lat,
    textCell(h.class),
    formatNumber(h.confidence, PRECISION.confidence),
    String(h.observations.length),
    textCell(h.observations.map((o) => o.photo).join(';')),
  ].join(',');
}

function extraCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? textCell(v) : String(v);
}

/** Neutralises a leading formula character, then quotes per RFC 4180 when needed. */
export function textCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
