import type { GroundObservation } from '../hotspots/ground-observation';
import { sightingKey } from '../hotspots/hotspot-id';
import type { PhotoResult } from '../pipeline/photo-result';
import type { Hotspot } from '../report/report-model';
import type { Db } from './open-database';

/**
 * Analysis results in the store, idempotently: a photo's result replaces whatever that photo had (one
 * transaction), and a flight's hotspots are replaced as a set keyed by their stable ids, so a retried job
 * or a repeated rebuild leaves exactly the same rows. Reviews are keyed by hotspot id and never touched here.
 */
export function recordPhotoResult(db: Db, photoId: string, r: PhotoResult, now = new Date()): void {
  db.transaction(() => {
    const meta = JSON.stringify({ meta: r.meta, intrinsics: r.intrinsics, geometry: r.geometry, gsd: r.gsd,
      footprint: r.footprint, groundCorners: r.groundCorners ?? null, analysisScale: r.analysisScale, timings: r.timings, warnings: r.warnings });
    const changed = db.prepare("UPDATE photos SET state = 'done', stage = NULL, error_code = NULL, error = NULL, meta = ?, analysed_at = ? WHERE id = ?")
      .run(meta, now.toISOString(), photoId).changes;
    if (changed !== 1) throw new RangeError(`no photo ${photoId}`);
    bumpGeneration(db, photoId);
    db.prepare('DELETE FROM detections WHERE photo_id = ?').run(photoId);
    const insert = db.prepare('INSERT INTO detections (photo_id, idx, body) VALUES (?, ?, ?)');
    r.detections.forEach((d, i) => insert.run(photoId, i, JSON.stringify({ detection: d, observation: r.observations[i] ?? null })));
  })();
}

export function recordPhotoFailure(db: Db, photoId: string, code: string, message: string, now = new Date()): void {
  db.transaction(() => {
    db.prepare("UPDATE photos SET state = 'failed', stage = NULL, error_code = ?, error = ?, analysed_at = ? WHERE id = ?").run(code, message, now.toISOString(), photoId);
    db.prepare('DELETE FROM detections WHERE photo_id = ?').run(photoId);
    bumpGeneration(db, photoId);
  })();
}

/** The flight's hotspots are out of date: a photo's result changed (see flights.generation / built). */
function bumpGeneration(db: Db, photoId: string): void {
  db.prepare('UPDATE flights SET generation = generation + 1 WHERE id = (SELECT flight_id FROM photos WHERE id = ?)').run(photoId);
}

/** Every ground observation of the flight's analysed photos, in a stable order (photo id, then index). */
export function flightObservations(db: Db, flightId: string): GroundObservation[] {
  const rows = db.prepare(`SELECT d.body FROM detections d JOIN photos p ON p.id = d.photo_id
    WHERE p.flight_id = ? AND p.state = 'done' ORDER BY p.id, d.idx`).all(flightId) as { body: string }[];
  return rows.flatMap((row) => {
    const o = (JSON.parse(row.body) as { observation: GroundObservation | null }).observation;
    return o ? [o] : [];
  });
}

/**
 * Makes the flight's hotspots exactly `hotspots` (upserted by id; ids no longer produced are removed). A
 * hotspot that comes back under a new id (a later photo added a sighting) keeps its reviews: they move to
 * the new hotspot that shares most of its sightings, and the old id stays readable as an alias.
 */
export function replaceHotspots(db: Db, flightId: string, hotspots: readonly Hotspot[], now = new Date()): void {
  db.transaction(() => {
    const keep = new Set(hotspots.map((h) => h.id));
    const existing = (db.prepare('SELECT id, body FROM hotspots WHERE flight_id = ?').all(flightId) as { id: string; body: string }[])
      .map((r) => ({ id: r.id, hotspot: JSON.parse(r.body) as Hotspot }));
    const remove = db.prepare('DELETE FROM hotspots WHERE id = ?');
    const moveReviews = db.prepare('UPDATE reviews SET hotspot_id = ? WHERE hotspot_id = ?');
    const alias = db.prepare(`INSERT INTO hotspot_aliases (old_id, new_id, at) VALUES (?, ?, ?)
      ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, at = excluded.at`);
    const reAlias = db.prepare('UPDATE hotspot_aliases SET new_id = ? WHERE new_id = ?');
    for (const old of existing) {
      if (keep.has(old.id)) continue;
      const successor = bestSuccessor(old.hotspot, hotspots);
      if (successor) {
        moveReviews.run(successor, old.id);
        alias.run(old.id, successor, now.toISOString());
        reAlias.run(successor, old.id);
      }
      remove.run(old.id);
    }
    const upsert = db.prepare(`INSERT INTO hotspots (id, flight_id, body, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at WHERE body <> excluded.body`);
    for (const h of hotspots) upsert.run(h.id, flightId, JSON.stringify(h), now.toISOString());
  })();
}

/** The new hotspot sharing most sightings with `old` (none when it shares none). */
function bestSuccessor(old: Hotspot, candidates: readonly Hotspot[]): string | null {
  const keys = new Set(old.observations.map(sightingKey));
  let best: string | null = null;
  let bestShared = 0;
  for (const c of candidates) {
    const shared = c.observations.filter((o) => keys.has(sightingKey(o))).length;
    if (shared > bestShared) { best = c.id; bestShared = shared; }
  }
  return best;
}

export function flightHotspots(db: Db, flightId: string): Hotspot[] {
  return (db.prepare('SELECT body FROM hotspots WHERE flight_id = ? ORDER BY id').all(flightId) as { body: string }[])
    .map((r) => JSON.parse(r.body) as Hotspot);
}
