import type { Report } from '../../../src/report/report-model';
import type { ReportMeta } from '../../../src/report/to-geojson';

/** The unicode, comma and quote file name every format must carry through intact. */
export const AWKWARD_PHOTO = '排污口 "A", 1.jpg';

/**
 * report-small: three hotspots near Hangzhou and two footprints.
 * - `hs-two-views`: seen in 2 photos, unrounded numbers (9 decimals of degrees, pixels to 0.01), an `extra`.
 * - `hs-awkward-name`: seen in the photo named AWKWARD_PHOTO.
 * - `hs-no-position`: no photo of it had a position (null geometry, empty CSV lon/lat, left out of KML).
 * Footprints: DJI_0001.JPG closed and counter-clockwise; DJI_0002.JPG clockwise and not closed (the writers
 * must reverse and close it).
 */
export const REPORT_SMALL: Report = {
  hotspots: [
    {
      id: 'hs-two-views',
      class: 'outfall',
      confidence: 0.91234,
      position: [120.123456789, 30.276543219],
      observations: [
        { photo: 'DJI_0001.JPG', pixel: [2012.34, 1498.06], bbox: [1980.04, 1460.96, 2050.55, 1530.449], confidence: 0.8876 },
        { photo: 'DJI_0002.JPG', pixel: [1010.05, 300.5], bbox: [990, 280.25, 1030.75, 321], confidence: 0.93649 },
      ],
      extra: { review: 'pending', reviewer: null },
    },
    {
      id: 'hs-awkward-name',
      class: 'foam',
      confidence: 0.5,
      position: [120.1241, 30.2771],
      observations: [{ photo: AWKWARD_PHOTO, pixel: [100, 200], bbox: [90, 190, 110, 210], confidence: 0.5 }],
    },
    {
      id: 'hs-no-position',
      class: 'outfall',
      confidence: 0.7777,
      position: null,
      observations: [{ photo: 'DJI_0009.JPG', pixel: [50.04, 60.06], bbox: [40, 50, 60, 70], confidence: 0.7777 }],
    },
  ],
  footprints: [
    {
      photo: 'DJI_0001.JPG',
      ring: [
        [120.1230001, 30.2760001],
        [120.1240001, 30.2760001],
        [120.1240001, 30.2770001],
        [120.1230001, 30.2770001],
        [120.1230001, 30.2760001],
      ],
    },
    {
      photo: 'DJI_0002.JPG',
      ring: [
        [120.123500004, 30.276500004],
        [120.123500004, 30.277500004],
        [120.124500004, 30.277500004],
        [120.124500004, 30.276500004],
      ],
    },
  ],
};

export const META_SMALL: ReportMeta = {
  version: '0.1.0',
  generatedAt: '2025-01-02T03:04:05Z',
  model: 'outfall-yolo-test',
  photos: 3,
  failures: [{ photo: 'DJI_0003.JPG', code: 'UNREADABLE_IMAGE', message: 'not a JPEG: "truncated" <EOF>' }],
};
