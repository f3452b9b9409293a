import { authorizedFetch } from '../api';
import { filterQuery, type HotspotFilter } from './map-data';

export type ReportFormat = 'geojson' | 'kml' | 'csv';
export const REPORT_FORMATS: readonly { format: ReportFormat; label: string }[] = [
  { format: 'geojson', label: 'GeoJSON' }, { format: 'kml', label: 'KML' }, { format: 'csv', label: 'CSV' },
];

/**
 * Downloads the flight's report with the token in a header (never in a URL): fetched, then saved through
 * a blob and an <a download>, named as the server's Content-Disposition says, else `fallback`.
 */
export async function downloadReport(token: string, flightId: string, format: ReportFormat, filter: HotspotFilter, fallback: string): Promise<void> {
  const res = await authorizedFetch(token, `/flights/${encodeURIComponent(flightId)}/hotspots.${format}?${filterQuery(filter)}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName(res.headers.get('content-disposition')) ?? fallback;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function fileName(disposition: string | null): string | null {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (star) return decodeURIComponent(star);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? null;
}
