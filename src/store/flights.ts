import { randomUUID } from 'node:crypto';
import type { Db } from './open-database';

export interface Flight {
  readonly id: string;
  readonly name: string;
  readonly site: string | null;
  readonly team: string | null;
  readonly owner: string;
  readonly createdAt: string;
}

export const PHOTO_STATES = ['uploaded', 'queued', 'analysing', 'done', 'failed'] as const;
export type PhotoState = (typeof PHOTO_STATES)[number];

const COLUMNS = 'id, name, site, team, owner, created_at AS createdAt';

export function createFlight(db: Db, f: { name: string; site?: string | undefined; team?: string | undefined }, owner: string, now = new Date()): Flight {
  const flight: Flight = { id: `fl-${randomUUID()}`, name: f.name, site: f.site ?? null, team: f.team ?? null, owner, createdAt: now.toISOString() };
  db.prepare('INSERT INTO flights (id, name, site, team, owner, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(flight.id, flight.name, flight.site, flight.team, flight.owner, flight.createdAt);
  return flight;
}

export function getFlight(db: Db, id: string): Flight | null {
  return (db.prepare(`SELECT ${COLUMNS} FROM flights WHERE id = ?`).get(id) as Flight | undefined) ?? null;
}

/** Newest first; only `owner`'s flights when given. */
export function listFlights(db: Db, owner?: string): Flight[] {
  return (owner === undefined
    ? db.prepare(`SELECT ${COLUMNS} FROM flights ORDER BY created_at DESC, id`).all()
    : db.prepare(`SELECT ${COLUMNS} FROM flights WHERE owner = ? ORDER BY created_at DESC, id`).all(owner)) as Flight[];
}

/** Photos per state (every state present, zeros included). */
export function flightProgress(db: Db, id: string): Record<PhotoState, number> {
  const counts = Object.fromEntries(PHOTO_STATES.map((s) => [s, 0])) as Record<PhotoState, number>;
  const rows = db.prepare('SELECT state, count(*) AS n FROM photos WHERE flight_id = ? GROUP BY state').all(id) as { state: PhotoState; n: number }[];
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}
