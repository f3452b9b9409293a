import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PhotoResult } from '../../src/pipeline/photo-result';
import type { Hotspot } from '../../src/report/report-model';
import { openDatabase, type Db } from '../../src/store/open-database';
import { flightHotspots, flightObservations, recordPhotoFailure, recordPhotoResult, replaceHotspots } from '../../src/store/photo-results';

function seed(db: Db): void {
  db.prepare("INSERT INTO tokens VALUES ('t1', 'Li', 'pilot', 'h1', '2026-01-01', NULL)").run();
  db.prepare("INSERT INTO flights (id, name, site, team, owner, created_at) VALUES ('f1', 'Han river', NULL, NULL, 't1', '2026-01-01')").run();
  const photo = db.prepare("INSERT INTO photos (id, flight_id, sha256, filename, bytes, state, created_at) VALUES (?, 'f1', ?, ?, 10, 'queued', '2026-01-01')");
  photo.run('p1', 'a'.repeat(64), 'DJI_0001.JPG');
  photo.run('p2', 'b'.repeat(64), 'DJI_0002.JPG');
}

const observation = (photo: string, lon: number) => ({ photo, class: 'discharge', confidence: 0.8, pixel: [10, 20], bbox: [0, 0, 30, 40], ground: [lon, 30.4], uncertaintyM: 2 });
const result = (photo: string, n: number): PhotoResult => ({
  photo, path: `/x/${photo}`, sha256: '-', meta: {} as PhotoResult['meta'], intrinsics: null, geometry: null, gsd: 0.02,
  footprint: null, analysisScale: 0.5, warnings: [], timings: { decode: 1, inference: 2, total: 3 },
  detections: Array.from({ length: n }, () => ({ classIndex: 0, class: 'discharge', confidence: 0.8, source: [10, 20], bbox: [0, 0, 30, 40] })) as unknown as PhotoResult['detections'],
  observations: Array.from({ length: n }, (_, i) => observation(photo, 113.44 + i * 1e-3)) as unknown as PhotoResult['observations'],
});
const hotspot = (id: string): Hotspot => ({ id, class: 'discharge', confidence: 0.8, position: [113.44, 30.4], observations: [] });

describe('photo results in the store (real SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-results-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('records a retried photo job exactly once', () => {
    const db = openDatabase(path.join(dir, 'a.sqlite'));
    seed(db);
    recordPhotoResult(db, 'p1', result('DJI_0001.JPG', 2));
    recordPhotoResult(db, 'p1', result('DJI_0001.JPG', 2));
    recordPhotoResult(db, 'p2', result('DJI_0002.JPG', 1));
    expect(db.prepare('SELECT count(*) AS n FROM detections').get()).toEqual({ n: 3 });
    expect(flightObservations(db, 'f1').map((o) => o.photo)).toEqual(['DJI_0001.JPG', 'DJI_0001.JPG', 'DJI_0002.JPG']);
    recordPhotoFailure(db, 'p2', 'UNREADABLE_IMAGE', 'truncated');
    expect(flightObservations(db, 'f1')).toHaveLength(2);
    expect(() => recordPhotoResult(db, 'nope', result('x', 1))).toThrow(/no photo/);
    db.close();
  });

  it('replaces a flight\'s hotspots as a set: rebuilding twice leaves the same rows, stale ids go', () => {
    const db = openDatabase(path.join(dir, 'b.sqlite'));
    seed(db);
    replaceHotspots(db, 'f1', [hotspot('hs-a'), hotspot('hs-b')]);
    replaceHotspots(db, 'f1', [hotspot('hs-a'), hotspot('hs-b')]);
    expect(flightHotspots(db, 'f1').map((h) => h.id)).toEqual(['hs-a', 'hs-b']);
    replaceHotspots(db, 'f1', [hotspot('hs-b'), hotspot('hs-c')]);
    expect(flightHotspots(db, 'f1').map((h) => h.id)).toEqual(['hs-b', 'hs-c']);
    db.close();
  });
});
