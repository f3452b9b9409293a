import { sightingKey } from '../hotspots/hotspot-id';
import type { Hotspot } from '../report/report-model';
import type { Db } from './open-database';

/** A hotspot by id, following the alias a rebuild left when the hotspot gained sightings and a new id. */
export function getHotspot(db: Db, id: string): { flightId: string; hotspot: Hotspot } | null {
  const resolved = (db.prepare('SELECT new_id AS id FROM hotspot_aliases WHERE old_id = ?').get(id) as { id: string } | undefined)?.id ?? id;
  const row = db.prepare('SELECT flight_id AS flightId, body FROM hotspots WHERE id = ?').get(resolved) as { flightId: string; body: string } | undefined;
  return row ? { flightId: row.flightId, hotspot: JSON.parse(row.body) as Hotspot } : null;
}

/** Where a flight's hotspots stand against its photo results. */
export function flightGeneration(db: Db, flightId: string): { generation: number; built: number } {
  return (db.prepare('SELECT generation, built FROM flights WHERE id = ?').get(flightId) as { generation: number; built: number } | undefined)
    ?? { generation: 0, built: 0 };
}

export function markBuilt(db: Db, flightId: string, generation: number): void {
  db.prepare('UPDATE flights SET built = max(built, ?) WHERE id = ?').run(generation, flightId);
}

/** Flights whose hotspots lag behind their photos' results (the reconciler queues a rebuild for each). */
export function staleFlights(db: Db): string[] {
  return (db.prepare('SELECT id FROM flights WHERE built < generation').all() as { id: string }[]).map((r) => r.id);
}

/** Hotspot counts by review status (latest decision; pending when none). */
export function hotspotCounts(db: Db, flightId: string): { pending: number; confirmed: number; rejected: number; total: number } {
  const rows = db.prepare(`SELECT coalesce((SELECT decision FROM reviews WHERE hotspot_id = h.id ORDER BY id DESC LIMIT 1), 'pending') AS status,
    count(*) AS n FROM hotspots h WHERE h.flight_id = ? GROUP BY status`).all(flightId) as { status: 'pending' | 'confirmed' | 'rejected'; n: number }[];
  const c = { pending: 0, confirmed: 0, rejected: 0, total: 0 };
  for (const r of rows) { c[r.status] = r.n; c.total += r.n; }
  return c;
}

/** Which photo (id) each of the flight's sightings came from, keyed like hotspot ids: `file@x,y`. */
export function sightingPhotos(db: Db, flightId: string): Map<string, string> {
  const rows = db.prepare(`SELECT p.id, p.filename, d.body FROM detections d JOIN photos p ON p.id = d.photo_id
    WHERE p.flight_id = ? AND p.state = 'done'`).all(flightId) as { id: string; filename: string; body: string }[];
  const map = new Map<string, string>();
  for (const r of rows) {
    const o = (JSON.parse(r.body) as { observation: { pixel: [number, number] } | null }).observation;
    if (o) map.set(sightingKey({ photo: r.filename, pixel: o.pixel }), r.id);
  }
  return map;
}
