import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distance, point } from '@turf/turf';
import sharp from 'sharp';
import { damagedJpeg } from '../helpers/damaged-jpeg';
import { ROOT, runCli } from '../helpers/run-cli';

interface Truth {
  photos: { file: string; width: number; sources: { id: string; pixel: [number, number] }[] }[];
  discharges: { id: string; lonLat: [number, number]; photos: string[] }[];
}
interface Feature {
  geometry: { type: string; coordinates: [number, number] } | null;
  properties: { kind: string; id: string; confidence: number; photo?: string; observations?: { photo: string; pixel: [number, number]; bbox: number[]; confidence: number }[] };
}
interface Collection {
  type: string;
  features: Feature[];
  outfallScout?: { photos: number; failures: { photo: string; code: string; message: string }[] };
}

const SAMPLES = path.join(ROOT, 'samples');
const truth = JSON.parse(fs.readFileSync(path.join(SAMPLES, 'truth.json'), 'utf8')) as Truth;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function analyze(args: string[]): Promise<{ report: Collection; stderr: string; text: string }> {
  const out = path.join(tmp, `report-${Math.random().toString(36).slice(2)}.geojson`);
  const r = await runCli(['analyze', ...args, '--out', out, '--quiet']);
  expect(r.stderr).not.toMatch(/fatal/);
  expect(r.code).toBe(0);
  const text = fs.readFileSync(out, 'utf8');
  return { report: JSON.parse(text) as Collection, stderr: r.stderr, text };
}

describe('outfall-scout analyze samples (the README\'s main job)', () => {
  let report: Collection;
  let stderr: string;
  let text: string;
  beforeAll(async () => {
    ({ report, stderr, text } = await analyze(['samples']));
  });

  const hotspots = (): Feature[] => report.features.filter((f) => f.properties.kind === 'hotspot');

  it('writes a GeoJSON FeatureCollection and a summary line', () => {
    expect(report.type).toBe('FeatureCollection');
    expect(stderr).toMatch(/6 photos, \d+ hotspots .* 0 failed/);
    for (const f of hotspots()) {
      expect(f.geometry?.type).toBe('Point');
      expect(f.properties.confidence).toBeGreaterThan(0);
      expect(f.properties.confidence).toBeLessThanOrEqual(1);
    }
  });

  it.each(truth.discharges.map((d) => [d.id, d] as const))('finds discharge %s in every photo that shows it, at its source', (_id, d) => {
    const found = hotspots().find((h) => distance(point(h.geometry!.coordinates), point(d.lonLat), { units: 'meters' }) < 6);
    expect(found).toBeDefined();
    for (const file of d.photos) {
      const photo = truth.photos.find((p) => p.file === file)!;
      const src = photo.sources.find((s) => s.id === d.id)!;
      const seen = found!.properties.observations!.find((o) => o.photo === file);
      expect(seen).toBeDefined();
      const off = Math.hypot(seen!.pixel[0] - src.pixel[0], seen!.pixel[1] - src.pixel[1]);
      expect(off).toBeLessThan(0.05 * photo.width);
      const [x0, y0, x1, y1] = seen!.bbox as [number, number, number, number];
      expect(x0 < x1 && y0 < y1).toBe(true);
    }
  });

  it('merges the two overlapping photos of discharge A into one hotspot', () => {
    const a = truth.discharges.find((d) => d.photos.length > 1)!;
    const merged = hotspots().filter((h) => h.properties.observations!.some((o) => a.photos.includes(o.photo)));
    expect(merged).toHaveLength(1);
    expect(merged[0]!.properties.observations!.map((o) => o.photo).sort()).toEqual([...a.photos].sort());
  });

  it('finds nothing in the photos without a discharge (a red roof, a muddy tributary, a boat)', () => {
    const negatives = truth.photos.filter((p) => p.sources.length === 0).map((p) => p.file);
    expect(negatives.length).toBeGreaterThanOrEqual(2);
    const seen = hotspots().flatMap((h) => h.properties.observations!.map((o) => o.photo));
    for (const n of negatives) expect(seen).not.toContain(n);
    expect(hotspots()).toHaveLength(truth.discharges.length);
  });

  it('is reproducible: the same photos give the same report, whatever the concurrency', async () => {
    const again = await analyze(['samples', '--concurrency', '1']);
    expect(again.text).toBe(text);
  });
});

describe('analyze options', () => {
  it('--footprints adds one footprint polygon per photo', async () => {
    const { report } = await analyze(['samples', '--footprints']);
    const footprints = report.features.filter((f) => f.properties.kind === 'footprint');
    expect(footprints.map((f) => f.properties.photo).sort()).toEqual(truth.photos.map((p) => p.file).sort());
    for (const f of footprints) expect(f.geometry?.type).toBe('Polygon');
  });

  it('--model runs an Ultralytics-style YOLO export (the yolo fixture) through the same pipeline', async () => {
    const { report } = await analyze(['samples', '--model', 'models/fixture-yolo']);
    const hotspots = report.features.filter((f) => f.properties.kind === 'hotspot');
    expect(hotspots).toHaveLength(truth.discharges.length);
    for (const d of truth.discharges) {
      const near = hotspots.filter((h) => distance(point(h.geometry!.coordinates), point(d.lonLat), { units: 'meters' }) < 10);
      expect(near).toHaveLength(1);
    }
  });

  it('--threshold above every confidence leaves no hotspot', async () => {
    const { report } = await analyze(['samples', '--threshold', '0.999']);
    expect(report.features).toHaveLength(0);
  });

  it('--format csv writes CSV to stdout with a row per hotspot', async () => {
    const r = await runCli(['analyze', 'samples', '--format', 'csv', '--quiet']);
    expect(r.code).toBe(0);
    const lines = r.stdout.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('id,lon,lat,class,confidence,observations,photos');
    expect(lines).toHaveLength(1 + truth.discharges.length);
  });

  it('--out with a .kml name writes KML', async () => {
    const out = path.join(tmp, 'h.kml');
    const r = await runCli(['analyze', 'samples', '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    const kml = fs.readFileSync(out, 'utf8');
    expect(kml).toMatch(/^<\?xml/);
    expect(kml.match(/<Point>/g)).toHaveLength(truth.discharges.length);
  });
});

describe('photos that cannot be read fail alone, with their reason, and the run goes on', () => {
  it('reports each bad file and still finds the discharge in the good one', async () => {
    const dir = path.join(tmp, 'mixed');
    fs.mkdirSync(path.join(dir, 'nested'), { recursive: true });
    const good = fs.readFileSync(path.join(SAMPLES, 'DJI_0104.JPG'));
    fs.writeFileSync(path.join(dir, 'nested', 'good.JPG'), good);
    fs.writeFileSync(path.join(dir, 'empty.jpg'), Buffer.alloc(0));
    fs.writeFileSync(path.join(dir, 'truncated.jpg'), good.subarray(0, Math.floor(good.length * 0.4)));
    fs.writeFileSync(path.join(dir, 'page.jpg'), '<!DOCTYPE html><html><body>not a photo</body></html>');
    fs.writeFileSync(path.join(dir, 'bomb.png'), await pngBomb(100000, 100000));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a photo and not looked at');
    fs.writeFileSync(path.join(dir, 'damaged.jpg'), damagedJpeg(path.join(SAMPLES, 'DJI_0104.JPG')));

    const { report, stderr } = await analyze([dir]);
    const failures = report.outfallScout!.failures;
    expect(report.outfallScout!.photos).toBe(6);
    const byPhoto = Object.fromEntries(failures.map((f) => [f.photo, f]));
    expect(Object.keys(byPhoto).sort()).toEqual(['bomb.png', 'damaged.jpg', 'empty.jpg', 'page.jpg', 'truncated.jpg']);
    // Headers and end marker intact, noise in the scan: no hotspot from invented pixels, and the way out.
    expect(byPhoto['damaged.jpg']!.code).toBe('DAMAGED_IMAGE');
    expect(byPhoto['damaged.jpg']!.message).toMatch(/image data is damaged .*copy it again from the drone's card/);
    expect(byPhoto['bomb.png']!.code).toBe('IMAGE_TOO_LARGE');
    expect(byPhoto['bomb.png']!.message).toMatch(/100000x100000/);
    expect(byPhoto['page.jpg']!.message).toMatch(/HTML/i);
    for (const f of failures) expect(stderr).toContain(`failed: ${f.photo}: ${f.code}`);
    expect(stderr).toMatch(/6 photos, 1 hotspots .* 5 failed/);
    const hotspots = report.features.filter((f) => f.properties.kind === 'hotspot');
    expect(hotspots).toHaveLength(1);
    expect(hotspots[0]!.properties.observations![0]!.photo).toBe('good.JPG');
  });
});

/** A small real PNG whose IHDR is patched to claim width x height: a decompression bomb's header. */
async function pngBomb(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } }).png().toBuffer());
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  return png;
}
