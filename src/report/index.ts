export type { Hotspot, Observation, PhotoFootprint, Report } from './report-model';
export type { FootprintFeature, FootprintProperties, HotspotFeature, HotspotProperties, ObservationProperties, ReportFailure, ReportFeatureCollection, ReportMeta } from './to-geojson';
export { toGeoJson } from './to-geojson';
export type { CsvOptions } from './to-csv';
export { CSV_COLUMNS, toCsv } from './to-csv';
export type { KmlOptions } from './to-kml';
export { toKml } from './to-kml';
export type { ReportFormat } from './write-report';
export { REPORT_FILE_TYPES, REPORT_FORMATS, writeReport } from './write-report';
