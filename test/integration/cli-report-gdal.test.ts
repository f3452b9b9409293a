import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CSV_OPEN, HAS_OGRINFO, KML, LIBKML, cleanOgrinfo, featureCounts } from '../helpers/ogrinfo';
import { ROOT, runCli } from '../helpers/run-cli';

/** The reports `analyze samples` writes, in every format, read back by GDAL without a warning. */
const truth = JSON.parse(fs.readFileSync(path.join(ROOT, 'samples', 'truth.json'), 'utf8')) as { photos: unknown[]; discharges: { lonLat: [number, number] }[] };

function suite(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-gdal-'));
  const file = (ext: string): string => path.join(dir, `hotspots.${ext}`);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    for (const ext of ['geojson', 'csv', 'kml']) {
      const r = await runCli(['analyze', 'samples', '--footprints', '--quiet', '--out', file(ext)]);
      expect(r.code).toBe(0);
    }
  });

  it('GeoJSON: one layer with every hotspot and footprint, and each true source near a point', () => {
    const counts = featureCounts(cleanOgrinfo(['-al', '-so', file('geojson')]));
    expect(Object.values(counts)).toEqual([truth.discharges.length + truth.photos.length]);
    const listing = cleanOgrinfo(['-al', '-where', "kind = 'hotspot'", file('geojson')]);
    const points = [...listing.matchAll(/POINT \((-?[\d.]+) (-?[\d.]+)\)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(points).toHaveLength(truth.discharges.length);
    for (const d of truth.discharges) {
      const nearest = Math.min(...points.map(([lon, lat]) => Math.hypot((lon! - d.lonLat[0]) * 96000, (lat! - d.lonLat[1]) * 111000)));
      expect(nearest).toBeLessThan(6);
    }
  });

  it('CSV: one row per hotspot, with coordinates', () => {
    expect(featureCounts(cleanOgrinfo(['-al', '-so', ...CSV_OPEN, file('csv')]))).toEqual({ hotspots: truth.discharges.length });
  });

  it('KML: hotspots and footprints folders, with both GDAL drivers', () => {
    const expected = { Hotspots: truth.discharges.length, Footprints: truth.photos.length };
    expect(featureCounts(cleanOgrinfo(['-al', '-so', ...LIBKML, file('kml')]))).toEqual(expected);
    expect(featureCounts(cleanOgrinfo(['-al', '-so', ...KML, file('kml')]))).toEqual(expected);
  });
}

if (HAS_OGRINFO) describe('analyze samples: every report format read back by GDAL', suite);
else if (process.env.CI) {
  describe('analyze samples: every report format read back by GDAL', () => {
    it('needs ogrinfo in CI', () => {
      throw new Error('ogrinfo (gdal-bin) is not on PATH; .ci/run installs it');
    });
  });
} else {
  describe.skip('analyze samples: every report format read back by GDAL [skipped: ogrinfo (gdal-bin) is not on PATH]', () => {
    it('needs ogrinfo', () => undefined);
  });
}
