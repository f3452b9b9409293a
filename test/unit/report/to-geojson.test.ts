import type { Point, Polygon } from 'geojson';
import { signedArea } from '../../../src/report/ccw-ring';
import type { Report } from '../../../src/report/report-model';
import type { FootprintProperties, HotspotProperties } from '../../../src/report/to-geojson';
import { toGeoJson } from '../../../src/report/to-geojson';
import { AWKWARD_PHOTO, META_SMALL, REPORT_SMALL } from './report-small';

describe('toGeoJson', () => {
  const fc = toGeoJson(REPORT_SMALL);
  const [twoViews, awkward, noPosition, fp1, fp2] = fc.features;

  it('is a FeatureCollection of the hotspots, then the footprints, with no crs, bbox or metadata', () => {
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(5);
    expect(Object.keys(fc)).toEqual(['type', 'features']);
    expect(fc.features.map((f) => f.properties.kind)).toEqual(['hotspot', 'hotspot', 'hotspot', 'footprint', 'footprint']);
  });

  it('writes a hotspot as a Point [lon, lat] rounded to 7 decimals, with its properties in a fixed order', () => {
    expect(twoViews!.geometry).toEqual({ type: 'Point', coordinates: [120.1234568, 30.2765432] });
    const p = twoViews!.properties as HotspotProperties;
    expect(Object.keys(p)).toEqual(['kind', 'id', 'class', 'confidence', 'observations', 'review', 'reviewer']);
    expect(p).toMatchObject({ kind: 'hotspot', id: 'hs-two-views', class: 'outfall', confidence: 0.912, review: 'pending', reviewer: null });
  });

  it('writes one observation per photo: pixels and bbox to 1 decimal, confidence to 3', () => {
    const p = twoViews!.properties as HotspotProperties;
    expect(p.observations).toEqual([
      { photo: 'DJI_0001.JPG', pixel: [2012.3, 1498.1], bbox: [1980, 1461, 2050.6, 1530.4], confidence: 0.888 },
      { photo: 'DJI_0002.JPG', pixel: [1010.1, 300.5], bbox: [990, 280.3, 1030.8, 321], confidence: 0.936 },
    ]);
  });

  it('keeps a unicode, comma and quote file name as it is', () => {
    expect((awkward!.properties as HotspotProperties).observations[0]!.photo).toBe(AWKWARD_PHOTO);
    expect(JSON.parse(JSON.stringify(fc)).features[1].properties.observations[0].photo).toBe(AWKWARD_PHOTO);
  });

  it('gives a hotspot without a position a null geometry (RFC 7946 §3.2), not a missing one', () => {
    expect(noPosition!.geometry).toBeNull();
    expect('geometry' in noPosition!).toBe(true);
    expect(JSON.stringify(noPosition)).toContain('"geometry":null');
  });

  it('writes footprints as closed counter-clockwise Polygons, reversing a clockwise ring and closing an open one', () => {
    expect(fp1!.properties as FootprintProperties).toEqual({ kind: 'footprint', photo: 'DJI_0001.JPG' });
    expect((fp1!.geometry as Polygon).coordinates[0]).toEqual(REPORT_SMALL.footprints![0]!.ring);
    const ring = (fp2!.geometry as Polygon).coordinates[0]! as [number, number][];
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(ring[0]).toEqual([120.1235, 30.2765]);
    for (const f of [fp1!, fp2!]) expect(signedArea((f.geometry as Polygon).coordinates[0] as [number, number][])).toBeGreaterThan(0);
  });

  it('adds the foreign member outfallScout only when meta is passed, with only its known keys', () => {
    const withMeta = toGeoJson(REPORT_SMALL, META_SMALL);
    expect(Object.keys(withMeta)).toEqual(['type', 'outfallScout', 'features']);
    expect(withMeta.outfallScout).toEqual(META_SMALL);
    const bare = { version: '0.1.0', photos: 0, failures: [] };
    expect(toGeoJson(REPORT_SMALL, bare).outfallScout).toEqual(bare);
    expect(Object.keys(toGeoJson(REPORT_SMALL, bare).outfallScout!)).toEqual(['version', 'photos', 'failures']);
    const wider = { ...bare, secret: 'x', failures: [{ photo: 'a.jpg', code: 'IO', message: 'm', path: '/home/x/a.jpg' }] };
    expect(toGeoJson(REPORT_SMALL, wider).outfallScout).toEqual({ ...bare, failures: [{ photo: 'a.jpg', code: 'IO', message: 'm' }] });
  });

  it('never lets an extra property replace a fixed one', () => {
    const report: Report = {
      hotspots: [{ ...REPORT_SMALL.hotspots[0]!, extra: { kind: 'fake', id: 'fake', confidence: 2, status: 'confirmed' } }],
    };
    const p = toGeoJson(report).features[0]!.properties as HotspotProperties;
    expect(p).toMatchObject({ kind: 'hotspot', id: 'hs-two-views', confidence: 0.912, status: 'confirmed' });
  });

  it('writes no footprint features when the report has none, and an empty collection for an empty report', () => {
    expect(toGeoJson({ hotspots: REPORT_SMALL.hotspots }).features).toHaveLength(3);
    expect(toGeoJson({ hotspots: [] })).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it('writes no -0 and refuses a non-finite number rather than writing null', () => {
    const h = { ...REPORT_SMALL.hotspots[1]!, position: [-0.00000001, 0.00000004] as [number, number] };
    const g = toGeoJson({ hotspots: [h] }).features[0]!.geometry as Point;
    expect(Object.is(g.coordinates[0], 0)).toBe(true);
    expect(() => toGeoJson({ hotspots: [{ ...h, confidence: Number.NaN }] })).toThrow(RangeError);
    expect(() => toGeoJson({ hotspots: [{ ...h, position: [Number.POSITIVE_INFINITY, 0] }] })).toThrow(RangeError);
  });
});
