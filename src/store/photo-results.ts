import type { GroundObservation } from '../hotspots/ground-observation';
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
      footprint: r.footprint, analysisScale: r.analysisScale, timings: r.timings, warnings: r.warnings });
    const changed = db.prepare("UPDATE photos SET state = 'done', error_code = NULL, error = NULL, meta = ?, analysed_at = ? WHERE id = ?")
      .run(meta, now.toISOString(), photoId).changes;
    if (changed !== 1) throw new RangeError(`no photo ${photoId}`);
    db.prepare('DELETE FROM detections WHERE photo_id = ?').run(photoId);
    const insert = db.prepare('INSERT INTO detections (photo_id, idx, body) VALUES (?, ?, ?)');
    r.detections.forEach((d, i) => insert.run(photoId, i, JSON.stringify({ detection: d, observation: r.observations[i] ?? null })));
  })();
}

export function recordPhotoFailure(db: Db, photoId: string, code: string, message: string, now = new Date()): void {
  db.transaction(() => {
    db.prepare("UPDATE photos SET state = 'failed', error_code = ?, error = ?, analysed_at = ? WHERE id = ?").run(code, message, now.toISOString(), photoId);
    db.prepare('DELETE FROM detections WHERE photo_id = ?').run(photoId);
  })();
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

/** Makes the flight's hotspots exactly `hotspots` (upserted by id; ids no longer produced are removed). */
export function replaceHotspots(db: Db, flightId: string, hotspots: readonly Hotspot[], now = new Date()): void {
  db.transaction(() => {
    const keep = new Set(hotspots.map((h) => h.id));
    const existing = db.prepare('SELECT id FROM hotspots WHERE flight_id = ?').all(flightId) as { id: string }[];
    const remove = db.prepare('DELETE FROM hotspots WHERE id = ?');
    for (const { id } of existing) if (!keep.has(id)) remove.run(id);
    const upsert = db.prepare(`INSERT INTO hotspots (id, flight_id, body, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at WHERE body <> excluded.body`);
    for (const h of hotspots) upsert.run(h.id, flightId, JSON.stringify(h), now.toISOString());
  })();
}

export function flightHotspots(db: Db, flightId: string): Hotspot[] {
  return (db.prepare('SELECT body FROM hotspots WHERE flight_id = ? ORDER BY id').all(flightId) as { body: string }[])
    .map((r) => JSON.parse(r.body) as Hotspot);
}
