/**
 * samples/ agrees with samples/truth.json (written by scripts/make-samples.sh, the synthetic scene generator
 * in models/training/scene): every listed photo exists, is at most 1.5 MB, carries GPS and drone-dji XMP that
 * exifr reads back as the truth's pose, has the truth's pixel size, and every labelled source pixel is inside.
 * Reads the metadata with exifr directly, independently of src/metadata, on purpose.
 */
import fs from 'node:fs';
import path from 'node:path';
// exifr directly (not src/metadata): an independent check of the sample files.
import * as exifr from 'exifr';

const SAMPLES = path.resolve(__dirname, '..', '..', 'samples');
const MAX_BYTES = 1_500_000;

interface TruthSource {
  id: string;
  pixel: [number, number];
  lonLat: [number, number];
  colour: string;
}
interface TruthPhoto {
  file: string;
  discharge: boolean;
  sources: TruthSource[];
  width: number;
  height: number;
  camera: { make: string; model: string; focalLengthMm: number; focalLength35mm: number };
  pose: {
    lonLat: [number, number];
    absoluteAltitude: number;
    relativeAltitude: number;
    yaw: number;
    pitch: number;
    roll: number;
    flight: { yaw: number; pitch: number; roll: number };
  };
}
interface Truth {
  generator: string;
  seed: number;
  photos: TruthPhoto[];
  discharges: { id: string; lonLat: [number, number]; colour: string }[];
}

/** Pixel size from the JPEG's start-of-frame marker (independent of EXIF). */
function jpegSize(buf: Buffer): { width: number; height: number } {
  let pos = 2;
  while (pos + 9 < buf.length) {
    if (buf[pos] !== 0xff) throw new Error(`bad JPEG marker at ${pos}`);
    const marker = buf[pos + 1] ?? 0;
    const len = buf.readUInt16BE(pos + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: buf.readUInt16BE(pos + 5), width: buf.readUInt16BE(pos + 7) };
    }
    pos += 2 + len;
  }
  throw new Error('no SOF marker');
}

const truth = JSON.parse(fs.readFileSync(path.join(SAMPLES, 'truth.json'), 'utf8')) as Truth;

describe('samples/truth.json', () => {
  it('lists six photos, both positives and negatives, and every discharge it mentions', () => {
    expect(truth.photos).toHaveLength(6);
    expect(truth.photos.some((p) => p.discharge)).toBe(true);
    expect(truth.photos.some((p) => !p.discharge)).toBe(true);
    const ids = new Set(truth.discharges.map((d) => d.id));
    for (const p of truth.photos) {
      expect(p.discharge).toBe(p.sources.length > 0);
      for (const s of p.sources) expect(ids.has(s.id)).toBe(true);
    }
  });

  it.each(truth.photos.map((p) => [p.file, p] as const))('%s: file, size, EXIF/XMP and source pixels', async (_f, p) => {
    const file = path.join(SAMPLES, p.file);
    expect(fs.existsSync(file)).toBe(true);
    const buf = fs.readFileSync(file);
    expect(buf.length).toBeLessThanOrEqual(MAX_BYTES);
    expect(jpegSize(buf)).toEqual({ width: p.width, height: p.height });

    // by path, as the app reads photos (exifr then reads the file in chunks)
    const tags = (await exifr.parse(file, { xmp: true, translateValues: false })) as Record<string, unknown>;
    expect(tags.Make).toBe('DJI');
    expect(tags.Model).toBe(p.camera.model);
    expect(tags.Orientation).toBe(1);
    expect(tags.ExifImageWidth).toBe(p.width);
    expect(tags.ExifImageHeight).toBe(p.height);
    expect(tags.FocalLength).toBeCloseTo(p.camera.focalLengthMm, 3);
    expect(tags.FocalLengthIn35mmFormat).toBe(p.camera.focalLength35mm);
    expect(tags.latitude as number).toBeCloseTo(p.pose.lonLat[1], 7);
    expect(tags.longitude as number).toBeCloseTo(p.pose.lonLat[0], 7);
    expect(tags.GPSLatitudeRef).toBe('N');
    expect(tags.GPSLongitudeRef).toBe('E');
    expect(tags.GPSAltitude as number).toBeCloseTo(p.pose.absoluteAltitude, 2);
    expect(tags.AbsoluteAltitude as number).toBeCloseTo(p.pose.absoluteAltitude, 2);
    expect(tags.RelativeAltitude as number).toBeCloseTo(p.pose.relativeAltitude, 2);
    expect(tags.GimbalYawDegree as number).toBeCloseTo(p.pose.yaw, 2);
    expect(tags.GimbalPitchDegree as number).toBeCloseTo(p.pose.pitch, 2);
    expect(tags.GimbalRollDegree as number).toBeCloseTo(p.pose.roll, 2);
    expect(tags.FlightYawDegree as number).toBeCloseTo(p.pose.flight.yaw, 2);
    expect(tags.FlightPitchDegree as number).toBeCloseTo(p.pose.flight.pitch, 2);
    expect(tags.FlightRollDegree as number).toBeCloseTo(p.pose.flight.roll, 2);

    for (const s of p.sources) {
      const [x, y] = s.pixel;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(p.width);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThan(p.height);
      const d = truth.discharges.find((q) => q.id === s.id);
      expect(d?.lonLat).toEqual(s.lonLat);
    }
  });
});
