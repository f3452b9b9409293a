import type { Report } from '../../../src/report/report-model';
import { CSV_COLUMNS, textCell, toCsv } from '../../../src/report/to-csv';
import { REPORT_SMALL } from './report-small';

describe('toCsv', () => {
  const csv = toCsv(REPORT_SMALL);

  it('starts with a UTF-8 BOM for Excel and WPS, unless asked not to', () => {
    expect(csv.startsWith('\uFEFFid,')).toBe(true);
    expect(toCsv(REPORT_SMALL, { bom: false }).startsWith('id,')).toBe(true);
  });

  it('writes a header and one CRLF-ended row per hotspot, numbers rounded, lon/lat empty without a position', () => {
    expect(csv.slice(1)).toBe(
      [
        'id,lon,lat,class,confidence,observations,photos,review,reviewer',
        'hs-two-views,120.1234568,30.2765432,outfall,0.912,2,DJI_0001.JPG;DJI_0002.JPG,pending,',
        'hs-awkward-name,120.1241,30.2771,foam,0.5,1,"排污口 ""A"", 1.jpg",,',
        'hs-no-position,,,outfall,0.778,1,DJI_0009.JPG,,',
        '',
      ].join('\r\n'),
    );
    expect(CSV_COLUMNS.join(',')).toBe('id,lon,lat,class,confidence,observations,photos');
  });

  it('adds a caller\'s extra properties as columns after the fixed ones, formula-safe, never replacing one', () => {
    const h = REPORT_SMALL.hotspots[0]!;
    const text = toCsv({ hotspots: [{ ...h, extra: { status: 'confirmed', note: '=cmd|calc', id: 'spoof', n: 3 } }] }, { bom: false });
    const [header, row] = text.split('\r\n');
    expect(header).toBe('id,lon,lat,class,confidence,observations,photos,status,note,n');
    expect(row).toBe(`${h.id},120.1234568,30.2765432,outfall,0.912,2,DJI_0001.JPG;DJI_0002.JPG,confirmed,'=cmd|calc,3`);
  });

  it('writes only a header for an empty report', () => {
    expect(toCsv({ hotspots: [] }, { bom: false })).toBe('id,lon,lat,class,confidence,observations,photos\r\n');
  });

  it('quotes per RFC 4180: commas, quotes, CR and LF', () => {
    expect(textCell('a,b')).toBe('"a,b"');
    expect(textCell('say "hi"')).toBe('"say ""hi"""');
    expect(textCell('line\nbreak')).toBe('"line\nbreak"');
    expect(textCell('cr\rlf')).toBe('"cr\rlf"');
    expect(textCell('plain 排污口.jpg')).toBe('plain 排污口.jpg');
  });

  it('neutralises a text cell that a spreadsheet would run as a formula', () => {
    expect(textCell('=HYPERLINK("http://x","y").jpg')).toBe('"\'=HYPERLINK(""http://x"",""y"").jpg"');
    expect(textCell('+1.jpg')).toBe("'+1.jpg");
    expect(textCell('-2.jpg')).toBe("'-2.jpg");
    expect(textCell('@SUM(A1).jpg')).toBe("'@SUM(A1).jpg");
    expect(textCell('\t=1.jpg')).toBe("'\t=1.jpg");
    expect(textCell('a=1.jpg')).toBe('a=1.jpg');
  });

  it('guards the id, class and photos cells, but never the number cells (a western longitude stays a number)', () => {
    const report: Report = {
      hotspots: [
        {
          id: '=id',
          class: '@cls',
          confidence: 0.5,
          position: [-73.9857, -0.5],
          observations: [{ photo: '-x.jpg', pixel: [1, 2], bbox: [0, 0, 2, 4], confidence: 0.5 }],
        },
      ],
    };
    expect(toCsv(report, { bom: false }).split('\r\n')[1]).toBe("'=id,-73.9857,-0.5,'@cls,0.5,1,'-x.jpg");
  });
});
