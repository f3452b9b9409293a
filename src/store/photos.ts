import { randomUUID } from 'node:crypto';
import type { Db } from './open-database';
import type { PhotoState } from './flights';

/** A photo of a flight as the store keeps it; `meta` is what ingest and then analysis learnt (JSON). */
export interface PhotoRecord {
  readonly id: string;
  readonly flightId: string;
  readonly sha256: string;
  readonly filename: string;
  readonly bytes: number;
  readonly mediaType: string | null;
  readonly state: PhotoState;
  readonly stage: string | null;
  readonly attempts: number;
  readonly errorCode: string | null;
  readonly error: string | null;
  readonly meta: Record<string, unknown> | null;
  readonly warnings: { code: string; message: string }[];
  readonly createdAt: string;
  readonly analysedAt: string | null;
}

interface Row extends Omit<PhotoRecord, 'meta' | 'warnings'> { meta: string | null; warnings: string }

const COLUMNS = `id, flight_id AS flightId, sha256, filename, bytes, media_type AS mediaType, state, stage, attempts,
  error_code AS errorCode, error, meta, warnings, created_at AS createdAt, analysed_at AS analysedAt`;

function fromRow(r: Row): PhotoRecord {
  return { ...r, meta: r.meta ? (JSON.parse(r.meta) as Record<string, unknown>) : null, warnings: JSON.parse(r.warnings) as PhotoRecord['warnings'] };
}

export interface NewPhoto {
  readonly flightId: string;
  readonly sha256: string;
  readonly filename: string;
  readonly bytes: number;
  readonly mediaType: string;
}

/**
 * Adds a photo to its flight in state `uploaded`, or returns the one the flight already holds with these
 * bytes (`duplicate: true`): a flight never holds the same original twice, and a re-sent file is not queued again.
 */
export function addPhoto(db: Db, p: NewPhoto, now = new Date()): { photo: PhotoRecord; duplicate: boolean } {
  return db.transaction(() => {
    const existing = db.prepare(`SELECT ${COLUMNS} FROM photos WHERE flight_id = ? AND sha256 = ?`).get(p.flightId, p.sha256) as Row | undefined;
    if (existing) return { photo: fromRow(existing), duplicate: true };
    const id = `ph-${randomUUID()}`;
    db.prepare(`INSERT INTO photos (id, flight_id, sha256, filename, bytes, media_type, state, created_at)
      VALUES (?, ?, ?, ?, ?, ?, 'uploaded', ?)`).run(id, p.flightId, p.sha256, p.filename, p.bytes, p.mediaType, now.toISOString());
    return { photo: getPhoto(db, id)!, duplicate: false };
  })();
}

export function getPhoto(db: Db, id: string): PhotoRecord | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM photos WHERE id = ?`).get(id) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function flightPhotos(db: Db, flightId: string): PhotoRecord[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM photos WHERE flight_id = ? ORDER BY created_at, id`).all(flightId) as Row[]).map(fromRow);
}

/** Which of `sha256s` the flight already holds (for resuming an interrupted upload). */
export function knownChecksums(db: Db, flightId: string, sha256s: readonly string[]): Set<string> {
  const stmt = db.prepare('SELECT 1 FROM photos WHERE flight_id = ? AND sha256 = ?');
  return new Set(sha256s.filter((s) => stmt.get(flightId, s) !== undefined));
}

/** Names of the other flights that hold these exact bytes. */
export function flightsHolding(db: Db, sha256: string, exceptFlight: string): string[] {
  return (db.prepare(`SELECT DISTINCT f.name FROM photos p JOIN flights f ON f.id = p.flight_id
    WHERE p.sha256 = ? AND p.flight_id <> ? ORDER BY f.name`).all(sha256, exceptFlight) as { name: string }[]).map((r) => r.name);
}

/** Ingest's findings: header metadata, footprint and quality warnings. */
export function recordIngest(db: Db, id: string, meta: Record<string, unknown>, warnings: readonly { code: string; message: string }[]): void {
  db.prepare('UPDATE photos SET meta = ?, warnings = ? WHERE id = ?').run(JSON.stringify(meta), JSON.stringify(warnings), id);
}

/** Adds warnings found later (the worker's image checks), replacing any earlier ones with the same code. */
export function addWarnings(db: Db, id: string, found: readonly { code: string; message: string }[]): void {
  if (found.length === 0) return;
  const row = db.prepare('SELECT warnings FROM photos WHERE id = ?').get(id) as { warnings: string } | undefined;
  if (!row) return;
  const codes = new Set(found.map((w) => w.code));
  const kept = (JSON.parse(row.warnings) as { code: string }[]).filter((w) => !codes.has(w.code));
  db.prepare('UPDATE photos SET warnings = ? WHERE id = ?').run(JSON.stringify([...kept, ...found]), id);
}

/** Only forward moves: a late 'queued' never overwrites 'analysing', 'done' or 'failed'. */
export function markQueued(db: Db, id: string): boolean {
  return db.prepare("UPDATE photos SET state = 'queued' WHERE id = ? AND state = 'uploaded'").run(id).changes === 1;
}

/**
 * A failed photo goes back to the queue (a retry asked for by a pilot): its error is cleared, its
 * attempts start again; true when it was failed (a second retry of the same photo changes nothing).
 */
export function markRequeued(db: Db, id: string): boolean {
  return db.prepare("UPDATE photos SET state = 'queued', stage = NULL, error_code = NULL, error = NULL, attempts = 0 WHERE id = ? AND state = 'failed'")
    .run(id).changes === 1;
}

/** `stage`: the stage now running (null when the job has just started); true when anything changed. */
export function markAnalysing(db: Db, id: string, stage: string | null): boolean {
  return db.prepare(`UPDATE photos SET state = 'analysing', stage = ?, attempts = attempts + (CASE WHEN ? IS NULL THEN 1 ELSE 0 END)
    WHERE id = ? AND state IN ('queued', 'analysing') AND (state <> 'analysing' OR stage IS NOT ? OR ? IS NULL)`)
    .run(stage, stage, id, stage, stage).changes === 1;
}

/** Photos not yet in a final state (the reconciler checks each against the queue). */
export function unfinishedPhotos(db: Db): PhotoRecord[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM photos WHERE state IN ('uploaded', 'queued', 'analysing') ORDER BY created_at, id`).all() as Row[]).map(fromRow);
}
