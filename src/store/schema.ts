/**
 * The store's SQL schema, as numbered migrations applied in order (PRAGMA user_version records the last).
 * Only the server process writes this database; workers hand their results back through the queue.
 *
 * Idempotence: a photo's analysis result is keyed by the photo (detections are replaced as a whole, per
 * photo, in one transaction), and hotspots are rebuilt per flight from the photos' detections, keyed by
 * the stable hotspot id, so a retried job or a repeated rebuild never duplicates anything.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE tokens (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('pilot', 'judge', 'analyst', 'admin')),
    hash        TEXT NOT NULL UNIQUE,           -- SHA-256 of the secret; the secret itself is never stored
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
  );
  CREATE TABLE flights (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    site        TEXT,
    team        TEXT,
    owner       TEXT NOT NULL REFERENCES tokens(id),
    created_at  TEXT NOT NULL
  );
  CREATE TABLE photos (
    id          TEXT PRIMARY KEY,
    flight_id   TEXT NOT NULL REFERENCES flights(id),
    sha256      TEXT NOT NULL,                  -- the original, stored unchanged under originals/
    filename    TEXT NOT NULL,
    bytes       INTEGER NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('uploaded', 'queued', 'analysing', 'done', 'failed')),
    error_code  TEXT,
    error       TEXT,
    meta        TEXT,                           -- JSON: PhotoMeta, geometry, footprint
    warnings    TEXT NOT NULL DEFAULT '[]',     -- JSON: ingest quality warnings
    created_at  TEXT NOT NULL,
    analysed_at TEXT,
    UNIQUE (flight_id, sha256)
  );
  CREATE INDEX photos_by_flight ON photos(flight_id, state);
  CREATE TABLE detections (
    photo_id    TEXT NOT NULL REFERENCES photos(id),
    idx         INTEGER NOT NULL,
    body        TEXT NOT NULL,                  -- JSON: Detection with pixel, bbox, ground, sigma
    PRIMARY KEY (photo_id, idx)
  );
  CREATE TABLE hotspots (
    id          TEXT PRIMARY KEY,               -- the stable hotspot id of the core
    flight_id   TEXT NOT NULL REFERENCES flights(id),
    body        TEXT NOT NULL,                  -- JSON: Hotspot
    updated_at  TEXT NOT NULL
  );
  CREATE INDEX hotspots_by_flight ON hotspots(flight_id);
  CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    hotspot_id  TEXT NOT NULL,
    decision    TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
    note        TEXT,
    reviewer    TEXT NOT NULL REFERENCES tokens(id),
    at          TEXT NOT NULL
  );
  CREATE INDEX reviews_by_hotspot ON reviews(hotspot_id, id);
  CREATE TABLE audit (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor       TEXT,
    action      TEXT NOT NULL,
    subject     TEXT,
    detail      TEXT
  );
  CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  `,
  // 2: worker tokens (fetch originals only); per-photo stage and attempts; per-flight rebuild generations
  // (`generation` goes up with every photo result, `built` is the generation the hotspots were built from,
  // so a rebuild that races a new result never marks the flight up to date); review carry-over aliases.
  `
  CREATE TABLE tokens_v2 (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('pilot', 'judge', 'analyst', 'admin', 'worker')),
    hash        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
  );
  INSERT INTO tokens_v2 (id, name, role, hash, created_at, revoked_at) SELECT id, name, role, hash, created_at, revoked_at FROM tokens;
  DROP TABLE tokens;
  ALTER TABLE tokens_v2 RENAME TO tokens;
  ALTER TABLE photos ADD COLUMN stage TEXT;          -- decode | tiles | inference | merge, while analysing
  ALTER TABLE photos ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE photos ADD COLUMN media_type TEXT;
  ALTER TABLE flights ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE flights ADD COLUMN built INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE hotspot_aliases (
    old_id      TEXT PRIMARY KEY,               -- a hotspot id a rebuild replaced (more sightings, new id)
    new_id      TEXT NOT NULL,
    at          TEXT NOT NULL
  );
  `,
  // 3: a judge may reopen a hotspot (undo a decision): a review row with decision 'pending', so the history
  // keeps every decision and its undo, and the latest row still says the status.
  `
  CREATE TABLE reviews_v3 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    hotspot_id  TEXT NOT NULL,
    decision    TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected', 'pending')),
    note        TEXT,
    reviewer    TEXT NOT NULL REFERENCES tokens(id),
    at          TEXT NOT NULL
  );
  INSERT INTO reviews_v3 (id, hotspot_id, decision, note, reviewer, at) SELECT id, hotspot_id, decision, note, reviewer, at FROM reviews;
  DROP TABLE reviews;
  ALTER TABLE reviews_v3 RENAME TO reviews;
  CREATE INDEX reviews_by_hotspot ON reviews(hotspot_id, id);
  `,
];
