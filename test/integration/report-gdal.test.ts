/**
 * Reads every report format back with GDAL's ogrinfo (gdal-bin): exit 0, no warning or error, the right
 * feature counts, and the right coordinates for one point. KML is read by both GDAL drivers (LIBKML, the
 * default, and the expat-based KML driver; GDAL_SKIP picks one, as GDAL 3.6 has no -if).
 * Without ogrinfo on PATH: skipped with a reason, or FAILS when CI is set (CI installs gdal-bin).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReportFormat } from '../../src/report/write-report';
import { writeReport } from '../../src/report/write-report';
import { AWKWARD_PHOTO, META_SMALL, REPORT_SMALL } from '../unit/report/report-small';
import { CSV_OPEN, HAS_OGRINFO, KML, LIBKML, cleanOgrinfo, featureCounts, pointOf } from '../helpers/ogrinfo';

function suite(): void {
  let dir = '';
  const file = (format: ReportFormat): string => path.join(dir, `report.${format}`);

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-gdal-'));
    for (const format of ['geojson', 'csv', 'kml'] as const) {
      fs.writeFileSync(file(format), writeReport(REPORT_SMALL, format, META_SMALL));
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('GeoJSON: one layer of 3 hotspots and 2 footprints, the null-geometry hotspot included', () => {
    const summary = cleanOgrinfo(['-al', '-so', file('geojson')]);
    expect(summary).toContain("using driver `GeoJSON'");
    expect(featureCounts(summary)).toEqual({ report: 5 });
    const listing = cleanOgrinfo(['-al', file('geojson')]);
    expect(pointOf(listing, 'id', 'hs-two-views')).toEqual([120.1234568, 30.2765432]);
    expect(listing).toContain('id (String) = hs-no-position');
    expect(listing).toContain('POLYGON ((120.1235 30.2765,120.1245 30.2765,120.1245 30.2775,120.1235 30.2775,120.1235 30.2765))');
    expect(listing).toContain(JSON.stringify(AWKWARD_PHOTO));
  });

  it('CSV with lon/lat open options: 3 rows, the file name intact, no geometry for the unplaced one', () => {
    const summary = cleanOgrinfo([...CSV_OPEN, '-al', '-so', file('csv')]);
    expect(summary).toContain('Geometry: Point');
    expect(featureCounts(summary)).toEqual({ report: 3 });
    expect(summary).toMatch(/^id: String/m);
    const listing = cleanOgrinfo([...CSV_OPEN, '-al', file('csv')]);
    expect(pointOf(listing, 'id', 'hs-two-views')).toEqual([120.1234568, 30.2765432]);
    expect(pointOf(listing, 'id', 'hs-awkward-name')).toEqual([120.1241, 30.2771]);
    expect(listing).toContain(`photos (String) = ${AWKWARD_PHOTO}\n`);
    expect(listing).toContain('observations (Integer) = 2');
    expect(listing.slice(listing.indexOf('id (String) = hs-no-position'))).not.toContain('POINT');
  });

  it.each([
    ['LIBKML', LIBKML],
    ['KML', KML],
  ])('KML read by the %s driver: 2 placed hotspots, 2 footprints', (driver, config) => {
    const summary = cleanOgrinfo([...config, '-al', '-so', file('kml')]);
    expect(summary).toContain(`using driver \`${driver}'`);
    expect(featureCounts(summary)).toEqual({ Hotspots: 2, Footprints: 2 });
    const listing = cleanOgrinfo([...config, '-al', file('kml')]);
    expect(pointOf(listing, 'Name', 'hs-two-views')).toEqual([120.1234568, 30.2765432]);
    expect(listing).toContain('POLYGON ((120.1235 30.2765,120.1245 30.2765,120.1245 30.2775,120.1235 30.2775,120.1235 30.2765))');
    if (driver === 'LIBKML') expect(listing).toContain(`photos (String) = ${AWKWARD_PHOTO}\n`);
  });
}

if (HAS_OGRINFO) {
  describe('report formats read back by GDAL ogrinfo', suite);
} else if (process.env.CI !== undefined && process.env.CI !== '') {
  describe('report formats read back by GDAL ogrinfo', () => {
    it('needs ogrinfo on PATH: CI installs gdal-bin', () => {
      throw new Error('ogrinfo is not on PATH, and CI is set: install gdal-bin');
    });
  });
} else {
  describe.skip('report formats read back by GDAL ogrinfo [skipped: ogrinfo (gdal-bin) is not on PATH]', () => {
    it('needs ogrinfo', () => undefined);
  });
}
