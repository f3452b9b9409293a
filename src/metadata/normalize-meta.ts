import type { Attitude, MetaField, PhotoMeta } from './photo-meta';
import { exifDate } from './exif-date';
import { gpsCoordinate, metaNumber } from './meta-number';
import type { XmpNamespaces } from './xmp-attitude';
import { djiAttitude, djiNamespace, namespace, pix4dCameraAttitude, tagValue } from './xmp-attitude';

/**
 * What the exifr adapter hands over: exifr's blocks as parsed with translateKeys on, translateValues and
 * reviveValues off (dates stay "YYYY:MM:DD HH:MM:SS" strings, GPS stays [deg, min, sec] + ref), and the XMP
 * parsed on its own so that its tiff:/exif: namespaces do not overwrite the real IFD0/EXIF tags (exifr merges
 * them otherwise: the Mavic 2 Pro fixture carries XMP tiff:Model "Test_Pro" beside IFD0 Model "L1D-20c").
 */
export type RawBlock = Readonly<Record<string, unknown>>;
export interface RawPhotoMeta {
  readonly ifd0?: RawBlock;
  readonly exif?: RawBlock;
  readonly gps?: RawBlock;
  /** XMP namespaces keyed by the prefix written in the file: 'drone-dji', 'DJI', 'Camera', 'tiff', 'exif'... */
  readonly xmp?: XmpNamespaces;
}

const MAX_IMAGE_SIDE = 100_000;
/** Metres: below the Dead Sea shore is a bad fix, above 12 km is no drone. */
const ALTITUDE_RANGE = [-500, 12_000] as const;

/**
 * Pure: raw metadata → PhotoMeta. Anything implausible (NaN, out of range, 0,0 position) is missing.
 * width/height are what the metadata says (EXIF/TIFF tags), not the decoded frame: a file whose pixels were cut
 * (the header-only Mavic 2 Pro fixture) still reports 5472×3648, and a JPEG with no size tag reports none.
 */
export function normalizeMeta(raw: RawPhotoMeta): PhotoMeta {
  const ifd0 = raw.ifd0 ?? {};
  const exif = raw.exif ?? {};
  const xmpTiff = namespace(raw.xmp, ['tiff']);
  const xmpExif = namespace(raw.xmp, ['exif']);
  const dji = djiNamespace(raw.xmp);

  const make = text(ifd0.Make) ?? text(tagValue(xmpTiff, 'Make'));
  const model = text(ifd0.Model) ?? text(tagValue(xmpTiff, 'Model'));
  const size = imageSize(exif, ifd0, xmpExif, xmpTiff);
  const position = readPosition(raw.gps ?? {}, dji, xmpExif);
  const djiGimbal = djiAttitude(raw.xmp, 'Gimbal');
  const cameraGimbal = djiGimbal ? null : pix4dCameraAttitude(raw.xmp);
  const gimbal: Attitude | null = djiGimbal ?? cameraGimbal;
  const flight = djiAttitude(raw.xmp, 'Flight');
  const absoluteAltitude = altitude(metaNumber(tagValue(dji, 'AbsoluteAltitude'))) ?? gpsAltitude(raw.gps ?? {});
  const relativeAltitude = altitude(metaNumber(tagValue(dji, 'RelativeAltitude')));
  const focalLengthMm = positive(metaNumber(exif.FocalLength), 2000);
  const focalLength35mm = positive(metaNumber(exif.FocalLengthIn35mmFormat), 5000);
  const orientation = metaNumber(ifd0.Orientation);
  const capturedAt =
    exifDate(exif.DateTimeOriginal, exif.SubSecTimeOriginal, exif.OffsetTimeOriginal) ??
    exifDate(exif.CreateDate, exif.SubSecTimeDigitized, exif.OffsetTimeDigitized) ??
    exifDate(tagValue(xmpExif, 'DateTimeOriginal'));

  const missing: MetaField[] = [];
  const note = (field: MetaField, absent: boolean): void => {
    if (absent) missing.push(field);
  };
  note('camera', model === null);
  note('imageSize', size === null);
  note('position', position === null);
  note('absoluteAltitude', absoluteAltitude === null);
  note('relativeAltitude', relativeAltitude === null);
  note('gimbal', gimbal === null);
  note('flight', flight === null);
  note('focalLength', focalLengthMm === null);
  note('focalLength35mm', focalLength35mm === null);
  note('capturedAt', capturedAt === null);

  return {
    make,
    model,
    width: size?.width ?? null,
    height: size?.height ?? null,
    orientation: orientation !== null && Number.isInteger(orientation) && orientation >= 1 && orientation <= 8 ? orientation : 1,
    capturedAt,
    latitude: position?.latitude ?? null,
    longitude: position?.longitude ?? null,
    absoluteAltitude,
    relativeAltitude,
    gimbal,
    flight,
    focalLengthMm,
    focalLength35mm,
    attitudeSource: djiGimbal || flight ? 'drone-dji' : cameraGimbal ? 'camera' : null,
    missing,
  };
}

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.replace(/\0/g, '').trim();
  return s.length > 0 ? s : null;
}

function positive(n: number | null, max: number): number | null {
  return n !== null && n > 0 && n <= max ? n : null;
}

function altitude(n: number | null): number | null {
  return n !== null && n >= ALTITUDE_RANGE[0] && n <= ALTITUDE_RANGE[1] ? n : null;
}

/** EXIF GPSAltitude, negative when GPSAltitudeRef is 1 (below sea level). */
function gpsAltitude(gps: RawBlock): number | null {
  const alt = metaNumber(gps.GPSAltitude);
  if (alt === null) return null;
  return altitude(metaNumber(gps.GPSAltitudeRef) === 1 ? -Math.abs(alt) : alt);
}

function imageSize(...blocks: (RawBlock | null)[]): { width: number; height: number } | null {
  const pairs = [
    ['ExifImageWidth', 'ExifImageHeight'],
    ['PixelXDimension', 'PixelYDimension'],
    ['ImageWidth', 'ImageHeight'],
  ] as const;
  for (const block of blocks) {
    for (const [w, h] of pairs) {
      const width = side(tagValue(block, w));
      const height = side(tagValue(block, h));
      if (width !== null && height !== null) return { width, height };
    }
  }
  return null;
}

function side(value: unknown): number | null {
  const n = metaNumber(value);
  return n !== null && Number.isInteger(n) && n > 0 && n <= MAX_IMAGE_SIDE ? n : null;
}

/** EXIF GPS first, then DJI's XMP GpsLatitude/GpsLongitude (also its old "GpsLongtitude" typo), then XMP exif:. */
function readPosition(gps: RawBlock, dji: RawBlock | null, xmpExif: RawBlock | null): { latitude: number; longitude: number } | null {
  const candidates: [unknown, unknown, unknown, unknown][] = [
    [gps.GPSLatitude, gps.GPSLatitudeRef, gps.GPSLongitude, gps.GPSLongitudeRef],
    [tagValue(dji, 'GpsLatitude', 'Latitude'), undefined, tagValue(dji, 'GpsLongitude', 'GpsLongtitude', 'Longitude'), undefined],
    [tagValue(xmpExif, 'GPSLatitude'), undefined, tagValue(xmpExif, 'GPSLongitude'), undefined],
  ];
  for (const [lat, latRef, lon, lonRef] of candidates) {
    const latitude = gpsCoordinate(lat, latRef);
    const longitude = gpsCoordinate(lon, lonRef);
    if (plausiblePosition(latitude, longitude)) return { latitude: latitude as number, longitude: longitude as number };
  }
  return null;
}

function plausiblePosition(lat: number | null, lon: number | null): boolean {
  if (lat === null || lon === null) return false;
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return false;
  return !(Math.abs(lat) < 1e-7 && Math.abs(lon) < 1e-7);
}
