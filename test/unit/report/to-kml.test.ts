import type { Report } from '../../../src/report/report-model';
import { toKml } from '../../../src/report/to-kml';
import { REPORT_SMALL } from './report-small';

/** The text of every <tag>…</tag> in document order. */
function texts(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}

describe('toKml', () => {
  const kml = toKml(REPORT_SMALL);

  it('is a KML 2.2 Document in UTF-8', () => {
    expect(kml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n')).toBe(true);
    expect(kml.endsWith('</Document>\n</kml>\n')).toBe(true);
    expect(texts(kml, 'name')[0]).toBe('Outfall Scout hotspots');
    expect(texts(toKml(REPORT_SMALL, { name: 'Creek <A> & B' }), 'name')[0]).toBe('Creek &lt;A&gt; &amp; B');
  });

  it('puts a Point Placemark per placed hotspot, lon,lat rounded to 7 decimals, in a Hotspots folder', () => {
    const hotspots = kml.slice(kml.indexOf('<name>Hotspots</name>'), kml.indexOf('<name>Footprints</name>'));
    expect(texts(hotspots, 'Placemark')).toHaveLength(2);
    expect(texts(hotspots, 'coordinates')).toEqual(['120.1234568,30.2765432', '120.1241,30.2771']);
    expect(texts(hotspots, 'name').slice(1)).toEqual(['hs-two-views', 'hs-awkward-name']);
  });

  it('leaves a hotspot without a position out, and says so in a comment and in the description', () => {
    expect(kml).not.toContain('hs-no-position');
    expect(kml).toContain('<!-- 1 of 3 hotspots has no position and is left out of this KML: see the GeoJSON or CSV report -->');
    expect(texts(kml, 'description')[0]).toBe('1 of 3 hotspots has no position: not on this map; the GeoJSON and CSV reports list it.');
    expect(toKml({ hotspots: REPORT_SMALL.hotspots.slice(0, 2) })).not.toContain('<!--');
  });

  it('carries the fields in ExtendedData and an HTML description with the observations', () => {
    expect(kml).toContain('<Data name="class"><value>outfall</value></Data>');
    expect(kml).toContain('<Data name="confidence"><value>0.912</value></Data>');
    expect(kml).toContain('<Data name="observations"><value>2</value></Data>');
    expect(kml).toContain('<Data name="photos"><value>DJI_0001.JPG;DJI_0002.JPG</value></Data>');
    expect(kml).toContain('<Data name="review"><value>pending</value></Data>');
    expect(kml).toContain('<Data name="reviewer"><value></value></Data>');
    expect(texts(kml, 'description')[1]).toBe(
      'Class: outfall&lt;br&gt;Confidence: 0.912&lt;br&gt;Observations: 2&lt;ul&gt;' +
        '&lt;li&gt;DJI_0001.JPG: pixel (2012.3, 1498.1), confidence 0.888&lt;/li&gt;' +
        '&lt;li&gt;DJI_0002.JPG: pixel (1010.1, 300.5), confidence 0.936&lt;/li&gt;&lt;/ul&gt;',
    );
  });

  it('XML-escapes a unicode, comma and quote file name, and HTML-escapes it first inside the description', () => {
    expect(kml).toContain('<Data name="photos"><value>排污口 &quot;A&quot;, 1.jpg</value></Data>');
    expect(kml).toContain('&lt;li&gt;排污口 &amp;quot;A&amp;quot;, 1.jpg: pixel (100, 200)');
  });

  it('escapes markup in every text it writes, extra keys included', () => {
    const report: Report = {
      hotspots: [
        {
          id: 'a<b>&c',
          class: '</name><x>',
          confidence: 0.5,
          position: [1, 2],
          observations: [{ photo: "it's & <it>.jpg", pixel: [1, 2], bbox: [0, 0, 2, 4], confidence: 0.5 }],
          extra: { 'note"key': 'a&b', id: 'ignored' },
        },
      ],
      footprints: [{ photo: '<p>&.jpg', ring: [[0, 0], [1, 0], [1, 1], [0, 0]] }],
    };
    const xml = toKml(report);
    const body = xml.replace(/^<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
    expect(body.match(/&(?!(amp|lt|gt|quot|apos|#\d+);)/g)).toBeNull();
    expect([...body.matchAll(/<\/?([A-Za-z]+)/g)].map((m) => m[1]).filter((t) => t === 'x' || t === 'b' || t === 'p' || t === 'it')).toEqual([]);
    expect(xml).toContain('<Data name="note&quot;key"><value>a&amp;b</value></Data>');
    expect(xml).toContain('<Data name="id"><value>a&lt;b&gt;&amp;c</value></Data>');
    expect(xml).not.toContain('ignored');
  });

  it('puts footprints as closed counter-clockwise Polygons in a Footprints folder, and no folder without them', () => {
    const footprints = kml.slice(kml.indexOf('<name>Footprints</name>'));
    expect(texts(footprints, 'name').slice(1)).toEqual(['DJI_0001.JPG', 'DJI_0002.JPG']);
    expect(texts(footprints, 'coordinates')[1]).toBe('120.1235,30.2765 120.1245,30.2765 120.1245,30.2775 120.1235,30.2775 120.1235,30.2765');
    expect(toKml({ hotspots: REPORT_SMALL.hotspots })).not.toContain('Footprints');
  });
});
