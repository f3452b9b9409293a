import { ccwRing } from './ccw-ring';
import { escapeXml } from './escape-xml';
import type { Hotspot, PhotoFootprint, Report } from './report-model';
import { formatNumber, PRECISION } from './round-to';

export interface KmlOptions {
  /** The Document's name, shown in Google Earth's Places panel. */
  readonly name?: string;
}

/**
 * KML 2.2: a Document with a Folder "Hotspots" (a Point Placemark per hotspot: name = id, an HTML description
 * with class, confidence and observations, ExtendedData with the same fields and any `extra`) and, when the
 * report has footprints, a Folder "Footprints" (a Polygon Placemark per photo). GDAL reads each Folder as a layer.
 *
 * Hotspots without a position are LEFT OUT, said in a comment and in the Document's description: Google Earth
 * cannot place them, GDAL's KML driver drops a Placemark without geometry while LIBKML keeps it (the two would
 * count differently), and the GeoJSON and CSV carry them. Everything written is XML-escaped; the description is
 * HTML (Google Earth renders it), so its values are HTML-escaped first and the whole is then XML-escaped.
 */
export function toKml(report: Report, options: KmlOptions = {}): string {
  const placed = report.hotspots.filter((h) => h.position !== null);
  const unplaced = report.hotspots.length - placed.length;
  const missing = `${unplaced} of ${report.hotspots.length} hotspots ${unplaced === 1 ? 'has' : 'have'} no position`;
  const note =
    unplaced === 0
      ? []
      : [
          `  <!-- ${missing} and ${unplaced === 1 ? 'is' : 'are'} left out of this KML: see the GeoJSON or CSV report -->`,
          `  <description>${escapeXml(`${missing}: not on this map; the GeoJSON and CSV reports list ${unplaced === 1 ? 'it' : 'them'}.`)}</description>`,
        ];
  const footprints = report.footprints ?? [];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `  <name>${escapeXml(options.name ?? 'Outfall Scout hotspots')}</name>`,
    ...note,
    '  <Folder>',
    '    <name>Hotspots</name>',
    ...placed.flatMap(hotspotPlacemark),
    '  </Folder>',
    ...(footprints.length === 0
      ? []
      : ['  <Folder>', '    <name>Footprints</name>', ...footprints.flatMap(footprintPlacemark), '  </Folder>']),
    '</Document>',
    '</kml>',
    '',
  ].join('\n');
}

function hotspotPlacemark(h: Hotspot): string[] {
  if (h.position === null) return [];
  const confidence = formatNumber(h.confidence, PRECISION.confidence);
  const fields: [string, string][] = [
    ['id', h.id],
    ['class', h.class],
    ['confidence', confidence],
    ['observations', String(h.observations.length)],
    ['photos', h.observations.map((o) => o.photo).join(';')],
    ...Object.entries(h.extra ?? {})
      .filter(([key]) => !FIXED_KEYS.has(key))
      .map(([key, value]): [string, string] => [key, value === null ? '' : String(value)]),
  ];
  return [
    '    <Placemark>',
    `      <name>${escapeXml(h.id)}</name>`,
    `      <description>${escapeXml(descriptionHtml(h, confidence))}</description>`,
    '      <ExtendedData>',
    ...fields.map(([key, value]) => `        <Data name="${escapeXml(key)}"><value>${escapeXml(value)}</value></Data>`),
    '      </ExtendedData>',
    `      <Point><coordinates>${coordinates(h.position)}</coordinates></Point>`,
    '    </Placemark>',
  ];
}

const FIXED_KEYS: ReadonlySet<string> = new Set(['id', 'class', 'confidence', 'observations', 'photos']);

function descriptionHtml(h: Hotspot, confidence: string): string {
  const items = h.observations.map((o) => {
    const x = formatNumber(o.pixel[0], PRECISION.pixel);
    const y = formatNumber(o.pixel[1], PRECISION.pixel);
    return `<li>${escapeHtml(o.photo)}: pixel (${x}, ${y}), confidence ${formatNumber(o.confidence, PRECISION.confidence)}</li>`;
  });
  return `Class: ${escapeHtml(h.class)}<br>Confidence: ${confidence}<br>Observations: ${h.observations.length}<ul>${items.join('')}</ul>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function footprintPlacemark(f: PhotoFootprint): string[] {
  const ring = ccwRing(f.ring).map(coordinates).join(' ');
  return [
    '    <Placemark>',
    `      <name>${escapeXml(f.photo)}</name>`,
    `      <Polygon><outerBoundaryIs><LinearRing><coordinates>${ring}</coordinates></LinearRing></outerBoundaryIs></Polygon>`,
    '    </Placemark>',
  ];
}

function coordinates([lon, lat]: readonly [number, number]): string {
  return `${formatNumber(lon, PRECISION.degrees)},${formatNumber(lat, PRECISION.degrees)}`;
}
