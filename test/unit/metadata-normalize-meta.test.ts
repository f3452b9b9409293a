import { exifDate } from '../../src/metadata/exif-date';
import { gpsCoordinate, metaNumber } from '../../src/metadata/meta-number';
import type { RawPhotoMeta } from '../../src/metadata/normalize-meta';
import { normalizeMeta } from '../../src/metadata/normalize-meta';

describe('metaNumber', () => {
  it.each([
    [12.5, 12.5],
    ['+45.20', 45.2],
    ['-8.074252', -8.074252],
    ['119599/3239', 119599 / 3239],
    ['0/100', 0],
    [new Uint8Array([1]), 1],
    [[7], 7],
    ['1e2', 100],
  ])('%p → %p', (input, expected) => {
    expect(metaNumber(input)).toBeCloseTo(expected, 10);
  });

  it('strips NUL padding and blanks', () => {
    expect(metaNumber(` 3.61${String.fromCharCode(0)}`)).toBe(3.61);
  });

  it.each([NaN, Infinity, '', 'abc', '12abc', '1/0', '--1', null, undefined, {}, [1, 2], true])('%p → null', (input) => {
    expect(metaNumber(input)).toBeNull();
  });
});

describe('gpsCoordinate', () => {
  it('degrees/minutes/seconds with S and W refs are negative', () => {
    expect(gpsCoordinate([33, 51, 24.48], 'S')).toBeCloseTo(-33.8568, 6);
    expect(gpsCoordinate([151, 12, 55.08], 'W')).toBeCloseTo(-151.2153, 6);
    expect(gpsCoordinate([33, 51, 24.48], 'N')).toBeCloseTo(33.8568, 6);
  });
  it('ref letters in any case, with NULs, or as one-element arrays', () => {
    expect(gpsCoordinate(10.5, `s${String.fromCharCode(0)}`)).toBe(-10.5);
    expect(gpsCoordinate(10.5, ['W'])).toBe(-10.5);
    expect(gpsCoordinate(-10.5, 'N')).toBe(10.5);
  });
  it('signed decimal strings without a ref', () => {
    expect(gpsCoordinate('+47.3541841')).toBeCloseTo(47.3541841, 9);
    expect(gpsCoordinate('-117.16')).toBeCloseTo(-117.16, 9);
  });
  it('XMP "DDD,MM.mmk" and "DDD,MM,SSk" coordinates', () => {
    expect(gpsCoordinate('23,55.194960N')).toBeCloseTo(23.919916, 6);
    expect(gpsCoordinate('71,12.797727W')).toBeCloseTo(-71.21329545, 6);
    expect(gpsCoordinate('33,51,24.48S')).toBeCloseTo(-33.8568, 6);
  });
  it('rejects broken triples', () => {
    expect(gpsCoordinate([33, 75, 0], 'N')).toBeNull();
    expect(gpsCoordinate([33, 'x', 0], 'N')).toBeNull();
    expect(gpsCoordinate([], 'N')).toBeNull();
    expect(gpsCoordinate('north')).toBeNull();
  });
});

describe('exifDate', () => {
  it('EXIF local time, with subseconds and offset when given', () => {
    expect(exifDate('2016:06:23 16:31:59')).toBe('2016-06-23T16:31:59');
    expect(exifDate('2019:05:24 15:06:38', '72')).toBe('2019-05-24T15:06:38.720');
    expect(exifDate('2016:01:06 10:11:06', '602359', '+01:00')).toBe('2016-01-06T10:11:06.602+01:00');
    expect(exifDate('2017-09-03T11:24:01+05:30')).toBe('2017-09-03T11:24:01+05:30');
  });
  it('placeholders and garbage are null', () => {
    for (const v of ['0000:00:00 00:00:00', '    :  :     :  :  ', '1970:01:01 00:03:27', '2019:13:01 00:00:00', 'yesterday', 42, new Date()]) {
      expect(exifDate(v)).toBeNull();
    }
  });
});

describe('normalizeMeta', () => {
  const dji: RawPhotoMeta = {
    ifd0: { Make: 'DJI\0', Model: ' FC6310 ', Orientation: 6 },
    exif: { ExifImageWidth: 5472, ExifImageHeight: 3648, FocalLength: 8.8, FocalLengthIn35mmFormat: 24, DateTimeOriginal: '2021:04:01 12:00:00' },
    gps: { GPSLatitude: [33, 51, 24.48], GPSLatitudeRef: 'S', GPSLongitude: [70, 30, 0], GPSLongitudeRef: 'W', GPSAltitude: 12, GPSAltitudeRef: new Uint8Array([1]) },
    xmp: {
      'drone-dji': {
        RelativeAltitude: '+60.20', GimbalYawDegree: '+190.00', GimbalPitchDegree: '-45.50', GimbalRollDegree: '+0.00',
        FlightYawDegree: '-10.5', FlightPitchDegree: '+3.0', FlightRollDegree: '-1.2',
      },
    },
  };

  it('reads a complete DJI photo: S/W refs, string numbers, below-sea-level GPS altitude, yaw wrapped', () => {
    const m = normalizeMeta(dji);
    expect(m).toMatchObject({ make: 'DJI', model: 'FC6310', width: 5472, height: 3648, orientation: 6, focalLengthMm: 8.8, focalLength35mm: 24 });
    expect(m.latitude).toBeCloseTo(-33.8568, 6);
    expect(m.longitude).toBeCloseTo(-70.5, 6);
    expect(m.absoluteAltitude).toBe(-12); // no XMP AbsoluteAltitude: GPSAltitude with ref 1
    expect(m.relativeAltitude).toBe(60.2);
    expect(m.gimbal).toEqual({ yaw: -170, pitch: -45.5, roll: 0 });
    expect(m.flight).toEqual({ yaw: -10.5, pitch: 3, roll: -1.2 });
    expect(m.capturedAt).toBe('2021-04-01T12:00:00');
    expect(m.attitudeSource).toBe('drone-dji');
    expect(m.missing).toEqual([]);
  });

  it('prefers XMP AbsoluteAltitude over GPSAltitude', () => {
    const m = normalizeMeta({ ...dji, xmp: { 'drone-dji': { AbsoluteAltitude: '+198.31' } } });
    expect(m.absoluteAltitude).toBe(198.31);
  });

  it('reads the older DJI: prefix (exifr keys it "DJI") and the GpsLongtitude typo, case-insensitively', () => {
    const m = normalizeMeta({
      xmp: { DJI: { gimbalpitchdegree: '-90.0', GimbalYawDegree: 12, AbsoluteAltitude: '100', GpsLatitude: '+46.5', GpsLongtitude: '-91.5' } },
    });
    expect(m.gimbal).toEqual({ yaw: 12, pitch: -90, roll: 0 });
    expect(m.absoluteAltitude).toBe(100);
    expect([m.latitude, m.longitude]).toEqual([46.5, -91.5]);
    expect(m.attitudeSource).toBe('drone-dji');
    expect(m.missing).toEqual(['camera', 'imageSize', 'relativeAltitude', 'flight', 'focalLength', 'focalLength35mm', 'capturedAt']);
  });

  it('converts Pix4D Camera:Pitch (0 = nadir) to the DJI convention', () => {
    const m = normalizeMeta({ xmp: { Camera: { Yaw: '-167.088455', Pitch: '13.239553', Roll: '0.388475' } } });
    expect(m.gimbal!.pitch).toBeCloseTo(-76.760447, 6);
    expect(m.gimbal!.yaw).toBeCloseTo(-167.088455, 6);
    expect(m.attitudeSource).toBe('camera');
  });

  it('treats an all-zero Camera: attitude as a placeholder; drone-dji wins over Camera:', () => {
    expect(normalizeMeta({ xmp: { Camera: { Yaw: '0/100', Pitch: '0/100', Roll: '0/100' } } }).gimbal).toBeNull();
    const both = normalizeMeta({ xmp: { Camera: { Yaw: 5, Pitch: 0, Roll: 0 }, 'drone-dji': { GimbalYawDegree: 7, GimbalPitchDegree: -90 } } });
    expect(both.gimbal).toEqual({ yaw: 7, pitch: -90, roll: 0 });
  });

  it('keeps the IFD0 camera over XMP tiff:, and falls back to XMP tiff: when IFD0 has none', () => {
    expect(normalizeMeta({ ifd0: { Make: 'Hasselblad', Model: 'L1D-20c' }, xmp: { tiff: { Make: 'DJI', Model: 'Test_Pro' } } }).model).toBe('L1D-20c');
    expect(normalizeMeta({ xmp: { tiff: { Make: 'DJI', Model: 'FC300S' } } }).model).toBe('FC300S');
  });

  it('image size from ExifImageWidth, PixelXDimension or ImageWidth', () => {
    expect(normalizeMeta({ exif: { PixelXDimension: 4000, PixelYDimension: 3000 } })).toMatchObject({ width: 4000, height: 3000 });
    expect(normalizeMeta({ ifd0: { ImageWidth: 640, ImageHeight: 512 } })).toMatchObject({ width: 640, height: 512 });
    expect(normalizeMeta({ exif: { ExifImageWidth: 0, ExifImageHeight: 3000 }, ifd0: { ImageWidth: 640, ImageHeight: 512 } })).toMatchObject({ width: 640, height: 512 });
  });

  it('treats garbage and implausible values as missing', () => {
    const m = normalizeMeta({
      ifd0: { Make: '   ', Model: 42, Orientation: 9 },
      exif: { ExifImageWidth: -1, ExifImageHeight: 'wide', FocalLength: 0, FocalLengthIn35mmFormat: NaN, DateTimeOriginal: '0000:00:00 00:00:00' },
      gps: { GPSLatitude: [0, 0, 0], GPSLatitudeRef: 'N', GPSLongitude: [0, 0, 0], GPSLongitudeRef: 'E', GPSAltitude: 'high' },
      xmp: { 'drone-dji': { RelativeAltitude: 'NaN', AbsoluteAltitude: '99999', GimbalYawDegree: 'n/a', GimbalPitchDegree: '-90', FlightYawDegree: 10, FlightPitchDegree: 2, FlightRollDegree: 'x' } },
    });
    expect(m).toMatchObject({ make: null, model: null, width: null, height: null, orientation: 1, latitude: null, longitude: null, absoluteAltitude: null, relativeAltitude: null, gimbal: null, flight: null, focalLengthMm: null, focalLength35mm: null, capturedAt: null, attitudeSource: null });
    expect(m.missing).toHaveLength(10);
  });

  it('rejects latitudes out of range and falls through to the next position source', () => {
    const m = normalizeMeta({
      gps: { GPSLatitude: 95, GPSLatitudeRef: 'N', GPSLongitude: 10, GPSLongitudeRef: 'E' },
      xmp: { 'drone-dji': { GpsLatitude: '+47.35', GpsLongitude: '+10.19' } },
    });
    expect([m.latitude, m.longitude]).toEqual([47.35, 10.19]);
    expect(normalizeMeta({ gps: { GPSLatitude: 10, GPSLongitude: 190 } }).latitude).toBeNull();
  });

  it('an empty raw object gives everything missing', () => {
    expect(normalizeMeta({}).missing).toHaveLength(10);
  });
});
