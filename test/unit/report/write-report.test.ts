import fs from 'node:fs';
import path from 'node:path';
import { toCsv } from '../../../src/report/to-csv';
import { toGeoJson } from '../../../src/report/to-geojson';
import { toKml } from '../../../src/report/to-kml';
import { REPORT_FILE_TYPES, REPORT_FORMATS, writeReport } from '../../../src/report/write-report';
import { META_SMALL, REPORT_SMALL } from './report-small';

const GOLDEN = path.resolve(__dirname, '..', '..', 'golden', 'out', 'report-small.geojson');

describe('writeReport', () => {
  it('chooses the writer for each format', () => {
    expect(JSON.parse(writeReport(REPORT_SMALL, 'geojson'))).toEqual(toGeoJson(REPORT_SMALL));
    expect(writeReport(REPORT_SMALL, 'csv')).toBe(toCsv(REPORT_SMALL));
    expect(writeReport(REPORT_SMALL, 'kml')).toBe(toKml(REPORT_SMALL));
    expect(JSON.parse(writeReport(REPORT_SMALL, 'geojson', META_SMALL)).outfallScout).toEqual(META_SMALL);
    expect(writeReport(REPORT_SMALL, 'csv', META_SMALL)).toBe(toCsv(REPORT_SMALL));
    expect(writeReport(REPORT_SMALL, 'kml', META_SMALL)).toBe(toKml(REPORT_SMALL));
  });

  it('knows an extension and a media type for every format', () => {
    expect(Object.keys(REPORT_FILE_TYPES).sort()).toEqual([...REPORT_FORMATS].sort());
  });

  it('matches the golden report-small.geojson (REGEN=1 rewrites it)', () => {
    const text = writeReport(REPORT_SMALL, 'geojson', META_SMALL);
    if (process.env.REGEN === '1') fs.writeFileSync(GOLDEN, text);
    expect(text).toBe(fs.readFileSync(GOLDEN, 'utf8'));
  });
});
