/**
 * Golden files for the camera geometry (Turf's way): each test/golden/in/<case>.json carries its own
 * parameters, either a PhotoGeometry ("geometry") or photo metadata plus intrinsics ("meta", "intrinsics",
 * run through buildPhotoGeometry), and the displayed pixels to locate ("pixels": label → [x, y]).
 * The expected test/golden/out/<case>.geojson is a FeatureCollection: the footprint polygon (with the ground
 * sample distance and any warnings), the camera's ground point, and one point per pixel (null geometry where
 * the pixel sees no ground). Coordinates are rounded to 1e-7° (about 1 cm).
 * Regenerate with: REGEN=1 npx jest test/unit/geo-golden
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildPhotoGeometry } from '../../src/geo/build-photo-geometry';
import { groundSampleDistance } from '../../src/geo/ground-sample-distance';
import type { PhotoGeometry, Pixel } from '../../src/geo/photo-geometry';
import { photoFootprint } from '../../src/geo/photo-footprint';
import { pixelToGround } from '../../src/geo/pixel-to-ground';
import type { CameraIntrinsics } from '../../src/metadata/camera-intrinsics.types';
import type { PhotoMeta } from '../../src/metadata/photo-meta';

interface GoldenCase {
  readonly description: string;
  readonly geometry?: PhotoGeometry;
  readonly meta?: PhotoMeta;
  readonly intrinsics?: CameraIntrinsics;
  readonly pixels: Record<string, Pixel>;
}

const DIR = path.resolve(__dirname, '..', 'golden');
const REGEN = process.env.REGEN === '1';
const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits || 0;
const lonLat = ([lon, lat]: [number, number]): [number, number] => [round(lon, 7), round(lat, 7)];

function run(name: string, c: GoldenCase): unknown {
  let g = c.geometry ?? null;
  let warnings: string[] = [];
  if (c.meta !== undefined && c.intrinsics !== undefined) ({ geometry: g, warnings } = buildPhotoGeometry(c.meta, c.intrinsics));
  if (g === null) throw new Error(`${name}: no geometry (${warnings.join('; ')})`);
  const footprint = photoFootprint(g);
  const gsd = groundSampleDistance(g);
  const { pose } = g;
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { kind: 'footprint', case: name, gsdMetresPerPixel: gsd === null ? null : round(gsd, 7), warnings },
        geometry: footprint === null ? null : { type: 'Polygon', coordinates: [footprint.map(lonLat)] },
      },
      {
        type: 'Feature',
        properties: { kind: 'camera', heightAboveGround: pose.heightAboveGround, yaw: pose.yaw, pitch: pose.pitch, roll: pose.roll },
        geometry: { type: 'Point', coordinates: lonLat([pose.longitude, pose.latitude]) },
      },
      ...Object.entries(c.pixels).map(([label, pixel]) => {
        const ground = pixelToGround(g, pixel);
        return {
          type: 'Feature',
          properties: { kind: 'pixel', label, pixel },
          geometry: ground === null ? null : { type: 'Point', coordinates: lonLat(ground) },
        };
      }),
    ],
  };
}

/** Deep equality with numbers allowed to differ by one unit in the last rounded place. */
function expectClose(actual: unknown, expected: unknown, where = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1.5e-7 * Math.max(1, Math.abs(expected) / 180)) {
      throw new Error(`${where}: ${actual} != ${expected}`);
    }
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual) && actual.length === expected.length) {
    expected.forEach((e, i) => expectClose(actual[i], e, `${where}[${i}]`));
    return;
  }
  if (expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(expected)) {
    const [ka, ke] = [Object.keys(actual).sort(), Object.keys(expected).sort()];
    expect(ka).toEqual(ke);
    ke.forEach((k) => expectClose((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], `${where}.${k}`));
    return;
  }
  expect({ where, value: actual }).toEqual({ where, value: expected });
}

describe('geometry golden files', () => {
  // test/golden/in is shared with other modules' goldens: take only the files shaped like a geometry case.
  const cases = fs
    .readdirSync(path.join(DIR, 'in'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.slice(0, -5), JSON.parse(fs.readFileSync(path.join(DIR, 'in', f), 'utf8')) as GoldenCase] as const)
    .filter(([, c]) => typeof c.pixels === 'object' && (c.geometry !== undefined || (c.meta !== undefined && c.intrinsics !== undefined)));
  const names = cases.map(([n]) => n);

  it('has the cases', () => expect(names.length).toBeGreaterThanOrEqual(14));

  it.each(names)('%s', (name) => {
    const c = cases.find(([n]) => n === name)![1];
    const out = path.join(DIR, 'out', `${name}.geojson`);
    const actual = run(name, c);
    if (REGEN) fs.writeFileSync(out, JSON.stringify(actual, null, 2) + '\n');
    expectClose(actual, JSON.parse(fs.readFileSync(out, 'utf8')));
  });
});
