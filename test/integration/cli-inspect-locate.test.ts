import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distance, point } from '@turf/turf';
import { runCli } from '../helpers/run-cli';
import { describeShared } from '../helpers/shared-data';

const BRIGHTON = ['DJI_0018', 'DJI_0020', 'DJI_0022', 'DJI_0024', 'DJI_0026', 'DJI_0028', 'DJI_0030', 'DJI_0032', 'DJI_0034'];

interface Inspected {
  camera: { model: string };
  image: { width: number; height: number };
  position: { latitude: number; longitude: number };
  altitude: { relativeToTakeoff: number };
  focalLength: { pixels: number };
  groundSampleDistance: { centimetresPerPixel: number };
  footprint: { type: string; coordinates: number[][][] };
  footprintSize: { widthM: number; heightM: number };
  warnings: string[];
}

describeShared('inspect on the real Brighton Beach photos (FC300S, f 3.61 mm, 40 m)', (data) => {
  const dir = path.join(data, 'real-photos', 'brighton-beach');

  it.each(BRIGHTON)('%s: GSD about 1.75 cm/px and a footprint about 70 x 39 m', async (name) => {
    const r = await runCli(['inspect', '--no-neighbours', path.join(dir, `${name}.JPG`)]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Inspected;
    expect(out.camera.model).toBe('FC300S');
    expect(out.image).toMatchObject({ width: 4000, height: 2250 });
    // 6.2 mm sensor / 4000 px, f 3.61 mm: GSD = H * 6.2 / (3.61 * 4000) at H about 40 m
    expect(out.groundSampleDistance.centimetresPerPixel).toBeGreaterThan(1.66);
    expect(out.groundSampleDistance.centimetresPerPixel).toBeLessThan(1.84);
    expect(out.footprintSize.widthM).toBeGreaterThan(66.5);
    expect(out.footprintSize.widthM).toBeLessThan(73.5);
    expect(out.footprintSize.heightM).toBeGreaterThan(37);
    expect(out.footprintSize.heightM).toBeLessThan(41);
    const ring = out.footprint.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(out.warnings.join('\n')).toMatch(/flat ground assumed at the take-off height/);
  });

  it('warns that the return-leg photo DJI_0024 carries a heading tag about 180° off its overlapping neighbours', async () => {
    const r = await runCli(['inspect', path.join(dir, 'DJI_0024.JPG')]);
    expect(r.code).toBe(0);
    const warnings = (JSON.parse(r.stdout) as Inspected).warnings.join('\n');
    expect(warnings).toMatch(/heading tag \(-140°\) looks 1[6-9]\d° off/);
  });

  it('does not warn about DJI_0022, whose tag agrees with its content', async () => {
    const r = await runCli(['inspect', path.join(dir, 'DJI_0022.JPG')]);
    expect((JSON.parse(r.stdout) as Inspected).warnings.join('\n')).not.toMatch(/heading tag/);
  });

  it('locate puts the image centre of a nadir photo under the camera, and corners about 40 m away', async () => {
    const file = path.join(dir, 'DJI_0018.JPG');
    const meta = JSON.parse((await runCli(['inspect', '--no-neighbours', file])).stdout) as Inspected;
    const r = await runCli(['locate', file, '2000,1125', '0,0', '4000,2250']);
    expect(r.code).toBe(0);
    const fc = JSON.parse(r.stdout) as { features: { geometry: { coordinates: [number, number] }; properties: { pixel: number[] } }[] };
    expect(fc.features.map((f) => f.properties.pixel)).toEqual([[2000, 1125], [0, 0], [4000, 2250]]);
    const camera = point([meta.position.longitude, meta.position.latitude]);
    const at = (i: number): number => distance(camera, point(fc.features[i]!.geometry.coordinates), { units: 'meters' });
    expect(at(0)).toBeLessThan(0.2); // gimbal pitch -89.9: 7 cm off nadir at 40 m
    expect(at(1)).toBeGreaterThan(37);
    expect(at(1)).toBeLessThan(42);
    expect(Math.abs(at(1) - at(2))).toBeLessThan(0.5);
  });

  it('locate gives a null geometry, with the reason, for a pixel outside the photo', async () => {
    const r = await runCli(['locate', path.join(dir, 'DJI_0018.JPG'), '4001,10', '10,-1', '4000,2250']);
    const fc = JSON.parse(r.stdout) as { features: { geometry: unknown; properties: { reason?: string } }[] };
    expect(fc.features.map((f) => f.geometry === null)).toEqual([true, true, false]);
    expect(fc.features[0]!.properties.reason).toBe('outside the photo (4000x2250 px)');
  });

  it('locate gives a null geometry above the horizon (Mavic 2 Pro, gimbal pitch +1)', async () => {
    const file = path.join(data, 'metadata-fixtures', 'issue-exifr-13.jpg');
    const r = await runCli(['locate', file, '2736,0', '2736,3600']);
    expect(r.code).toBe(0);
    const fc = JSON.parse(r.stdout) as { features: { geometry: unknown; properties: { reason?: string } }[] };
    expect(fc.features[0]!.geometry).toBeNull();
    expect(fc.features[0]!.properties.reason).toMatch(/horizon/);
    expect(fc.features[1]!.geometry).not.toBeNull();
  });

  it('analyze --check-headings warns about the return leg and places those photos by their content', async () => {
    const out = path.join(os.tmpdir(), `brighton-${process.pid}.geojson`);
    const r = await runCli(['analyze', dir, '--check-headings', '--footprints', '--quiet', '--out', out]);
    expect(r.code).toBe(0);
    const warned = [...r.stderr.matchAll(/^warning: (DJI_\d+\.JPG): heading tag/gm)].map((m) => m[1]!).sort();
    expect(warned).toEqual(['DJI_0024.JPG', 'DJI_0026.JPG', 'DJI_0028.JPG']);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      outfallScout: { warnings: { photo: string; message: string }[] };
      features: { geometry: { coordinates: number[][][] }; properties: { kind: string; photo?: string } }[];
    };
    fs.rmSync(out);
    expect(report.outfallScout.warnings.map((w) => w.photo).sort()).toEqual(warned);
    // The image's top-left corner lies in the same direction from the footprint's centre on both legs.
    const corner = (photo: string): number => {
      const ring = report.features.find((f) => f.properties.photo === photo)!.geometry.coordinates[0]!.slice(0, -1);
      const cx = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
      const cy = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
      return (Math.atan2((ring[0]![0]! - cx) * Math.cos((cy * Math.PI) / 180), ring[0]![1]! - cy) * 180) / Math.PI;
    };
    for (const photo of warned) expect(Math.abs(corner(photo) - corner('DJI_0022.JPG'))).toBeLessThan(20);
  });
});
