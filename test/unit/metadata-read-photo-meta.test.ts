import fs from 'node:fs';
import path from 'node:path';
import { isAppError } from '../../src/errors';
import type { MetaField, PhotoMeta } from '../../src/metadata/photo-meta';
import { readPhotoMeta } from '../../src/metadata/read-photo-meta';
import { describeShared } from '../helpers/shared-data';

/**
 * Expected values were read independently with ExifTool 12.57 (`exiftool -a -G1 -n`), not with our code.
 * Positions to 1e-5 degrees, altitudes and angles to 1e-4.
 */
interface Expected {
  make: string | null;
  model: string | null;
  size: [number, number] | null;
  position: [number, number] | null;
  absoluteAltitude: number | null;
  relativeAltitude: number | null;
  gimbal: [number, number, number] | null;
  flight: [number, number, number] | null;
  focal: number | null;
  focal35: number | null;
  capturedAt: string | null;
  attitudeSource: PhotoMeta['attitudeSource'];
  missing: MetaField[];
}

const DJI_XT_XMP = { absoluteAltitude: -8.074252, relativeAltitude: 32.099998, gimbal: [-115.300003, -90, 0], flight: [-122.300003, 6, 2.1] } as const;

const FIXTURES: Record<string, Expected> = {
  // DJI Zenmuse XT thermal TIFF. GPSAltitudeRef 1 (below sea level), XMP AbsoluteAltitude -8.07 wins.
  '001.tif': {
    make: 'DJI', model: 'FLIR', size: [640, 512], position: [50.8625989166667, 4.67254213888889],
    ...DJI_XT_XMP, gimbal: [...DJI_XT_XMP.gimbal], flight: [...DJI_XT_XMP.flight],
    focal: 13, focal35: null, capturedAt: '2017-11-07T18:56:07.890', attitudeSource: 'drone-dji', missing: ['focalLength35mm'],
  },
  // DJI XT2 thermal TIFF: W longitude; exifr.gps() misses this position, parse finds it.
  '002.tiff': {
    make: 'DJI', model: 'XT2', size: [640, 512], position: [39.9169997222222, -2.82502444444444],
    absoluteAltitude: 881.90918, relativeAltitude: 34.700001, gimbal: [81.300003, -89.900002, 0], flight: [90, 0.1, -8.8],
    focal: 13, focal35: null, capturedAt: '2019-05-24T15:06:38.720', attitudeSource: 'drone-dji', missing: ['focalLength35mm'],
  },
  // FLIR Vue Pro 640: Camera:Yaw/Pitch/Roll are the all-zero placeholder (MAV* tags zero too): no attitude.
  'issue-exif-js-124.tiff': {
    make: 'FLIR', model: 'Vue Pro 640 9mm', size: [640, 512], position: [23.919916, 71.2132954533278],
    absoluteAltitude: 36.92466811, relativeAltitude: null, gimbal: null, flight: null,
    focal: 9, focal35: null, capturedAt: '2017-09-03T11:23:57.950', attitudeSource: null,
    missing: ['relativeAltitude', 'gimbal', 'flight', 'focalLength35mm'],
  },
  // Mavic 2 Pro, header only (the JPEG holds a 100×67 stub; EXIF describes the 5472×3648 original).
  // Its XMP also says tiff:Make "DJI", tiff:Model "Test_Pro": IFD0 must win. Oblique: gimbal pitch +1.
  'issue-exifr-13.jpg': {
    make: 'Hasselblad', model: 'L1D-20c', size: [5472, 3648], position: [47.3541840277778, 10.1913155],
    absoluteAltitude: 1252.12, relativeAltitude: 125.3, gimbal: [-127.1, 1, 0], flight: [-97, 0.9, 0],
    focal: 10.26, focal35: 28, capturedAt: '2019-10-03T09:10:11', attitudeSource: 'drone-dji', missing: [],
  },
  // DJI thermal JPEG: no EXIF size tag at all (ExifTool's 640×512 comes from the JPEG frame header).
  'issue-exifr-3.jpg': {
    make: 'DJI', model: 'FLIR', size: null, position: [40.3775014444444, -74.4899133611111],
    absoluteAltitude: -8.56, relativeAltitude: 62.5, gimbal: [-78.8, -89.9, 0], flight: [-78, 7.2, -1.7],
    focal: 13, focal35: null, capturedAt: '2019-04-30T15:56:18.606', attitudeSource: 'drone-dji',
    missing: ['imageSize', 'focalLength35mm'],
  },
  // Parrot Sequoia RGB (early firmware: Model "Chlorophyll"): Pix4D Camera:Pitch 13.239553 (0 = nadir)
  // becomes DJI pitch 13.239553 - 90.
  'issue-metadata-extractor-152.jpg': {
    make: 'Parrot', model: 'Chlorophyll', size: [4608, 3456], position: [49.1865473333417, 1.65551316668889],
    absoluteAltitude: 162.7000001, relativeAltitude: null, gimbal: [-167.088455, 13.239553 - 90, 0.388475], flight: null,
    focal: 4.880000137, focal35: 28, capturedAt: '2016-01-06T10:11:06.602', attitudeSource: 'camera',
    missing: ['relativeAltitude', 'flight'],
  },
  // A bare DJI XMP packet (sidecar): attitude and altitudes only.
  'xmp1.xml': {
    make: null, model: null, size: null, position: null,
    ...DJI_XT_XMP, gimbal: [...DJI_XT_XMP.gimbal], flight: [...DJI_XT_XMP.flight],
    focal: null, focal35: null, capturedAt: null, attitudeSource: 'drone-dji',
    missing: ['camera', 'imageSize', 'position', 'focalLength', 'focalLength35mm', 'capturedAt'],
  },
};

function expectAttitude(actual: PhotoMeta['gimbal'], expected: [number, number, number] | null): void {
  if (expected === null) return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  expect(actual!.yaw).toBeCloseTo(expected[0], 4);
  expect(actual!.pitch).toBeCloseTo(expected[1], 4);
  expect(actual!.roll).toBeCloseTo(expected[2], 4);
}

function expectMeta(meta: PhotoMeta, e: Expected): void {
  expect(meta.make).toBe(e.make);
  expect(meta.model).toBe(e.model);
  expect(meta.width).toBe(e.size?.[0] ?? null);
  expect(meta.height).toBe(e.size?.[1] ?? null);
  expect(meta.orientation).toBe(1);
  if (e.position === null) {
    expect(meta.latitude).toBeNull();
    expect(meta.longitude).toBeNull();
  } else {
    expect(Math.abs(meta.latitude! - e.position[0])).toBeLessThan(1e-5);
    expect(Math.abs(meta.longitude! - e.position[1])).toBeLessThan(1e-5);
  }
  for (const [actual, expected] of [
    [meta.absoluteAltitude, e.absoluteAltitude],
    [meta.relativeAltitude, e.relativeAltitude],
    [meta.focalLengthMm, e.focal],
    [meta.focalLength35mm, e.focal35],
  ] as const) {
    if (expected === null) expect(actual).toBeNull();
    else expect(actual).toBeCloseTo(expected, 4);
  }
  expectAttitude(meta.gimbal, e.gimbal);
  expectAttitude(meta.flight, e.flight);
  expect(meta.capturedAt).toBe(e.capturedAt);
  expect(meta.attitudeSource).toBe(e.attitudeSource);
  expect([...meta.missing].sort()).toEqual([...e.missing].sort());
}

describeShared('readPhotoMeta on the metadata fixtures', (dataDir) => {
  const dir = path.join(dataDir, 'metadata-fixtures');

  it('has an expectation for every fixture file', () => {
    const files = fs.readdirSync(dir).filter((f) => !/^(LICENSE|SOURCE\.md)$/.test(f));
    expect(files.sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  it.each(Object.entries(FIXTURES))('%s', async (file, expected) => {
    expectMeta(await readPhotoMeta(path.join(dir, file)), expected);
  });

  it('reads a Buffer the same as a path', async () => {
    const file = path.join(dir, 'issue-exifr-13.jpg');
    expect(await readPhotoMeta(fs.readFileSync(file))).toEqual(await readPhotoMeta(file));
  });

  it('reports a truncated real JPEG as BAD_METADATA', async () => {
    const head = fs.readFileSync(path.join(dir, 'issue-exifr-3.jpg')).subarray(0, 300);
    await expect(readPhotoMeta(head)).rejects.toMatchObject({ name: 'AppError', code: 'BAD_METADATA', retryable: false });
  });
});

describe('readPhotoMeta on bad input', () => {
  async function codeOf(input: string | Buffer): Promise<string> {
    try {
      await readPhotoMeta(input);
    } catch (e) {
      if (isAppError(e)) return e.code;
      throw e;
    }
    throw new Error('expected an AppError');
  }

  it('random bytes: UNREADABLE_IMAGE', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 251));
    expect(await codeOf(bytes)).toBe('UNREADABLE_IMAGE');
  });

  it('an empty buffer: UNREADABLE_IMAGE', async () => {
    expect(await codeOf(Buffer.alloc(0))).toBe('UNREADABLE_IMAGE');
  });

  it('a truncated JPEG header: BAD_METADATA', async () => {
    expect(await codeOf(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x14, 0x45, 0x78]))).toBe('BAD_METADATA');
  });

  it('an HTML page: UNREADABLE_IMAGE, saying so', async () => {
    const html = Buffer.from('<!DOCTYPE html><html><head><title>404</title></head><body>Not found</body></html>');
    await expect(readPhotoMeta(html)).rejects.toMatchObject({ code: 'UNREADABLE_IMAGE', message: expect.stringContaining('HTML') });
  });

  it('a missing file: NOT_FOUND', async () => {
    expect(await codeOf(path.join(__dirname, 'no-such-photo.jpg'))).toBe('NOT_FOUND');
  });

  it('a JPEG with no metadata at all: everything missing, no error', async () => {
    const meta = await readPhotoMeta(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    expect(meta.missing).toEqual(['camera', 'imageSize', 'position', 'absoluteAltitude', 'relativeAltitude', 'gimbal', 'flight', 'focalLength', 'focalLength35mm', 'capturedAt']);
    expect(meta).toMatchObject({ make: null, latitude: null, gimbal: null, orientation: 1, attitudeSource: null });
  });

  it('an XMP sidecar with the older DJI: prefix, through real exifr', async () => {
    const packet =
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      '<rdf:Description xmlns:DJI="http://www.dji.com/DJI/1.0/" DJI:GimbalPitchDegree="-45.50" DJI:GimbalYawDegree="+170.2"' +
      ' DJI:GimbalRollDegree="+0.00" DJI:RelativeAltitude="+60.10" DJI:GpsLatitude="-33.8568" DJI:GpsLongtitude="151.2153"/>' +
      '</rdf:RDF></x:xmpmeta>';
    const meta = await readPhotoMeta(Buffer.from(packet));
    expect(meta.gimbal).toEqual({ yaw: 170.2, pitch: -45.5, roll: 0 });
    expect(meta.relativeAltitude).toBeCloseTo(60.1, 6);
    expect(meta.latitude).toBeCloseTo(-33.8568, 6);
    expect(meta.longitude).toBeCloseTo(151.2153, 6);
    expect(meta.attitudeSource).toBe('drone-dji');
  });
});
