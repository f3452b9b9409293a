import fs from 'node:fs';
import path from 'node:path';
import { CAMERA_TABLE } from '../../src/metadata/camera-table';
import { findCamera, squash } from '../../src/metadata/find-camera';
import { describeShared } from '../helpers/shared-data';

describe('camera table', () => {
  it('holds at least 30 cameras with unique keys and sane numbers', () => {
    const models = new Set(CAMERA_TABLE.map((c) => c.key.split(':')[0]));
    expect(models.size).toBeGreaterThanOrEqual(30);
    expect(new Set(CAMERA_TABLE.map((c) => c.key)).size).toBe(CAMERA_TABLE.length);
    for (const c of CAMERA_TABLE) {
      expect(c.sensorWidthMm).toBeGreaterThan(1);
      expect(c.sensorWidthMm).toBeLessThan(40);
      // the sensor's aspect matches the native photo's: square pixels, within the 2 % that nominal sizes
      // like 1/2.3" = 6.17 × 4.55 mm miss 4:3 by
      const aspectError = Math.abs((c.sensorWidthMm / c.sensorHeightMm) / (c.nativeWidth / c.nativeHeight) - 1);
      expect({ key: c.key, aspectOk: aspectError < 0.02 }).toEqual({ key: c.key, aspectOk: true });
      if (c.focalMm !== null) expect(c.focalMm).toBeGreaterThan(1);
    }
  });

  it.each([
    ['DJI', 'FC300S', 'djiFC300S'],
    ['dji', 'fc300s', 'djiFC300S'],
    ['  DJI ', ' FC300S\u0000', 'djiFC300S'],
    [null, 'FC300S', 'djiFC300S'],
    ['Hasselblad', 'L1D-20c', 'hasselbladL1D-20C'],
    ['HASSELBLAD', 'l1d 20c', 'hasselbladL1D-20C'],
    ['DJI', 'L1D-20c', 'hasselbladL1D-20C'],
    ['DJI', 'M3E', 'djiM3E'],
    ['DJI', 'ZenmuseP1', 'djiZENMUSEP1'],
    ['Autel Robotics', 'XT705', 'autel roboticsXT705'],
    ['Parrot', 'Chlorophyll', 'parrotSEQUOIA'],
    ['FLIR', 'Vue Pro 640 9mm', 'flirVUEPRO640'],
    ['FLIR', 'Vue Pro R 640 13mm', 'flirVUEPRO640'],
    ['Skydio', '2+', 'skydio2'],
  ])('%p + %p → %p', (make, model, key) => {
    expect(findCamera(make, model)?.key).toBe(key);
  });

  it('tells the two cameras of one payload apart by image width', () => {
    expect(findCamera('DJI', 'XT2', 640, 512)?.key).toBe('djiXT2:thermal');
    expect(findCamera('DJI', 'XT2', 4000, 3000)?.key).toBe('djiXT2');
    expect(findCamera('DJI', 'XT2', 2000, 1500)?.key).toBe('djiXT2'); // a downscale of the visible camera
    expect(findCamera('DJI', 'M3T', 512, 640)?.key).toBe('djiM3T:thermal'); // stored portrait
    expect(findCamera('Parrot', 'Sequoia', 1280, 960)?.key).toBe('parrotSEQUOIA:mono');
  });

  it('finds nothing for unknown or wrong-make cameras', () => {
    expect(findCamera('DJI', 'FC9999')).toBeNull();
    expect(findCamera('Canon', 'FC300S')).toBeNull();
    expect(findCamera('DJI', '')).toBeNull();
    expect(findCamera('DJI', null)).toBeNull();
  });
});

/** One DroneModels entry (see ../shared/data/camera-models/SOURCE.md). */
interface RefCamera {
  makeModel: string;
  isThermal: boolean;
  ccdWidthMMPerPixel: string;
  widthPixels: number;
  radialR1?: number;
  radialR2?: number;
  radialR3?: number;
  tangentialT1?: number;
  tangentialT2?: number;
}

/** "6.32692/4000.0", "7.68d/640.0d" (Java literals), "0.0023883764/1.0" or a plain number → mm per pixel. */
function mmPerPixel(s: string): number {
  const [num, den = '1'] = s.split('/').map((p) => p.trim().replace(/[dDfF]$/, ''));
  return Number(num) / Number(den);
}

describeShared('camera table against Theta-Limited DroneModels', (dataDir) => {
  const file = path.join(dataDir, 'camera-models', 'droneModels.json');
  const ref = (JSON.parse(fs.readFileSync(file, 'utf8')) as { droneCCDParams: RefCamera[] }).droneCCDParams;
  const byKey = new Map<string, RefCamera[]>();
  for (const r of ref) byKey.set(squash(r.makeModel), [...(byKey.get(squash(r.makeModel)) ?? []), r]);

  /** The reference entry for a table row: same make+model (any alias), same thermal flag, nearest width. */
  const matches = CAMERA_TABLE.flatMap((spec) => {
    const keys = spec.makes.flatMap((mk) => spec.models.map((md) => squash(mk) + squash(md)));
    const cands = keys.flatMap((k) => byKey.get(k) ?? []).filter((r) => r.isThermal === spec.thermal);
    const best = cands.sort((a, b) => Math.abs(a.widthPixels - spec.nativeWidth) - Math.abs(b.widthPixels - spec.nativeWidth))[0];
    // an overloaded name whose reference entry is another camera of the payload (e.g. H20 zoom vs wide)
    if (!best || Math.abs(Math.log(best.widthPixels / spec.nativeWidth)) > 0.1) return [];
    return [{ spec, ref: best }];
  });

  it('shares at least 25 cameras with the reference', () => {
    expect(matches.length).toBeGreaterThanOrEqual(25);
  });

  it.each(matches.map((m) => [m.spec.key, m] as const))('%s: sensor width within 2 %%', (_key, { spec, ref: r }) => {
    const refWidthMm = mmPerPixel(r.ccdWidthMMPerPixel) * r.widthPixels;
    expect(Math.abs(spec.sensorWidthMm / refWidthMm - 1)).toBeLessThan(0.02);
  });

  it('distortion carried over from the reference matches it (catches transposed k3/p1)', () => {
    for (const { spec, ref: r } of matches) {
      if (!spec.distortion || !spec.source.includes('distortion: DroneModels')) continue;
      const expected = [r.radialR1, r.radialR2, r.radialR3, r.tangentialT1, r.tangentialT2] as number[];
      const actual = [spec.distortion.k1, spec.distortion.k2, spec.distortion.k3, spec.distortion.p1, spec.distortion.p2];
      actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(Math.abs(expected[i]!) * 1e-5 + 1e-9));
    }
  });
});
