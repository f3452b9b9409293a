import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PhotoResult } from '../../src/pipeline/photo-result';
import type { Hotspot } from '../../src/report/report-model';
import { openDatabase, type Db } from '../../src/store/open-database';
import { flightGeneration, getHotspot, hotspotCounts, staleFlights } from '../../src/store/hotspots';
import { flightHotspots, flightObservations, recordPhotoFailure, recordPhotoResult, replaceHotspots } from '../../src/store/photo-results';
import { addReview, latestReviews, reviewHistory } from '../../src/store/reviews';
import { rebuildHotspots } from '../../src/service/rebuild-hotspots';

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

  it('moves a hotspot\'s reviews to the hotspot that succeeds it when a later photo adds a sighting', () => {
    const db = openDatabase(path.join(dir, 'c.sqlite'));
    seed(db);
    const sighting = (photo: string, x: number) => ({ photo, pixel: [x, 20] as [number, number], bbox: [0, 0, 30, 40] as [number, number, number, number], confidence: 0.8 });
    const first: Hotspot = { ...hotspot('hs-one'), observations: [sighting('DJI_0001.JPG', 10)] };
    const other: Hotspot = { ...hotspot('hs-other'), observations: [sighting('DJI_0001.JPG', 500)] };
    replaceHotspots(db, 'f1', [first, other]);
    addReview(db, 'hs-one', 'rejected', null, 't1');
    addReview(db, 'hs-one', 'confirmed', 'pipe outlet', 't1');
    // The same source seen again in photo 2: the cluster has two sightings and so a new id.
    const grown: Hotspot = { ...hotspot('hs-two'), observations: [sighting('DJI_0001.JPG', 10), sighting('DJI_0002.JPG', 40)] };
    replaceHotspots(db, 'f1', [grown, other]);
    expect(flightHotspots(db, 'f1').map((h) => h.id)).toEqual(['hs-other', 'hs-two']);
    expect(reviewHistory(db, 'hs-two').map((r) => r.decision)).toEqual(['rejected', 'confirmed']);
    expect(latestReviews(db, 'f1').get('hs-two')?.note).toBe('pipe outlet');
    expect(getHotspot(db, 'hs-one')?.hotspot.id).toBe('hs-two'); // the old id still answers
    expect(hotspotCounts(db, 'f1')).toEqual({ pending: 1, confirmed: 1, rejected: 0, total: 2 });
    // And again: an alias of an alias follows to the newest.
    const grown3: Hotspot = { ...hotspot('hs-three'), observations: [...grown.observations, sighting('DJI_0003.JPG', 7)] };
    replaceHotspots(db, 'f1', [grown3, other]);
    expect(getHotspot(db, 'hs-one')?.hotspot.id).toBe('hs-three');
    expect(reviewHistory(db, 'hs-three')).toHaveLength(2);
    db.close();
  });

  it('marks a flight stale with every recorded result, and built again by a rebuild', () => {
    const db = openDatabase(path.join(dir, 'd.sqlite'));
    seed(db);
    expect(staleFlights(db)).toEqual([]);
    recordPhotoResult(db, 'p1', result('DJI_0001.JPG', 1));
    recordPhotoResult(db, 'p2', result('DJI_0002.JPG', 1));
    expect(flightGeneration(db, 'f1')).toEqual({ generation: 2, built: 0 });
    expect(staleFlights(db)).toEqual(['f1']);
    const built = rebuildHotspots(db, 'f1');
    expect(built.generation).toBe(2);
    expect(staleFlights(db)).toEqual([]);
    expect(flightHotspots(db, 'f1')).toHaveLength(built.hotspots);
    expect(built.hotspots).toBeGreaterThan(0);
    db.close();
  });
});
