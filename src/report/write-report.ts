import type { Report } from './report-model';
import { toCsv } from './to-csv';
import type { ReportMeta } from './to-geojson';
import { toGeoJson } from './to-geojson';
import { toKml } from './to-kml';

export const REPORT_FORMATS = ['geojson', 'csv', 'kml'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The file extension and media type for each format, for the CLI and the API. */
export const REPORT_FILE_TYPES: Readonly<Record<ReportFormat, { readonly extension: string; readonly mediaType: string }>> = {
  geojson: { extension: '.geojson', mediaType: 'application/geo+json' },
  csv: { extension: '.csv', mediaType: 'text/csv; charset=utf-8' },
  kml: { extension: '.kml', mediaType: 'application/vnd.google-earth.kml+xml' },
};

/**
 * The report as the text of one file in `format` (UTF-8; GeoJSON pretty-printed with 2 spaces and a final
 * newline). `meta` goes into the GeoJSON as the foreign member `outfallScout`; CSV and KML have no place for it.
 */
export function writeReport(report: Report, format: ReportFormat, meta?: ReportMeta): string {
  switch (format) {
    case 'geojson':
      return `${JSON.stringify(toGeoJson(report, meta), null, 2)}\n`;
    case 'csv':
      return toCsv(report);
    case 'kml':
      return toKml(report);
  }
}
