import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src/store/open-database';
import { MIGRATIONS } from '../../src/store/schema';

describe('openDatabase (real SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-db-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the schema in WAL mode, once: reopening applies nothing twice', () => {
    const file = path.join(dir, 'a', 'outfall.sqlite');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.prepare("INSERT INTO tokens VALUES ('t1', 'Li', 'pilot', 'h1', '2026-01-01', NULL)").run();
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT count(*) AS n FROM tokens').get()).toEqual({ n: 1 });
    again.close();
  });

  it('keeps one photo per flight and checksum, and the audit log append-only', () => {
    const db = openDatabase(path.join(dir, 'b.sqlite'));
    db.prepare("INSERT INTO tokens VALUES ('t1', 'Li', 'pilot', 'h1', '2026-01-01', NULL)").run();
    db.prepare("INSERT INTO flights (id, name, site, team, owner, created_at) VALUES ('f1', 'Han river', NULL, NULL, 't1', '2026-01-01')").run();
    const photo = db.prepare("INSERT INTO photos (id, flight_id, sha256, filename, bytes, state, created_at) VALUES (?, 'f1', 'abc', 'DJI_0001.JPG', 10, 'uploaded', '2026-01-01')");
    photo.run('p1');
    expect(() => photo.run('p2')).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO audit (at, actor, action) VALUES ('2026-01-01', 't1', 'flight.create')").run();
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO flights (id, name, site, team, owner, created_at) VALUES ('f2', 'x', NULL, NULL, 'nobody', '2026-01-01')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('migrates a version 1 store to the latest, keeping its rows and its foreign keys', () => {
    const file = path.join(dir, 'v1.sqlite');
    const old = new Database(file);
    old.exec(MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO tokens VALUES ('t1', 'Li', 'pilot', 'h1', '2026-01-01', NULL)").run();
    old.prepare("INSERT INTO flights VALUES ('f1', 'Han river', NULL, NULL, 't1', '2026-01-01')").run();
    old.prepare("INSERT INTO photos (id, flight_id, sha256, filename, bytes, state, created_at) VALUES ('p1', 'f1', 'abc', 'a.jpg', 1, 'done', '2026-01-01')").run();
    old.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT id, name, role FROM tokens').all()).toEqual([{ id: 't1', name: 'Li', role: 'pilot' }]);
    expect(db.prepare('SELECT id, generation, built FROM flights').all()).toEqual([{ id: 'f1', generation: 0, built: 0 }]);
    expect(db.prepare('SELECT id, state, stage, attempts FROM photos').all()).toEqual([{ id: 'p1', state: 'done', stage: null, attempts: 0 }]);
    db.prepare("INSERT INTO tokens VALUES ('t2', 'box', 'worker', 'h2', '2026-01-02', NULL)").run();
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare("INSERT INTO flights (id, name, site, team, owner, created_at) VALUES ('f2', 'x', NULL, NULL, 'nobody', '2026-01-01')").run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("DELETE FROM tokens WHERE id = 't1'").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('migrates a version 2 store to 3: every review kept in order, ids go on from the last, and a reopen (pending) is allowed', () => {
    const file = path.join(dir, 'v2.sqlite');
    const old = new Database(file);
    old.exec(MIGRATIONS[0]!);
    old.exec(MIGRATIONS[1]!);
    old.pragma('user_version = 2');
    old.prepare("INSERT INTO tokens VALUES ('j1', 'Wang', 'judge', 'h1', '2026-01-01', NULL)").run();
    const review = old.prepare("INSERT INTO reviews (hotspot_id, decision, note, reviewer, at) VALUES (?, ?, ?, 'j1', '2026-01-02')");
    review.run('h-a', 'confirmed', 'pipe');
    review.run('h-a', 'rejected', null);
    expect(() => review.run('h-a', 'pending', null)).toThrow(/CHECK/);
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT id, hotspot_id AS h, decision, note FROM reviews ORDER BY id').all()).toEqual([
      { id: 1, h: 'h-a', decision: 'confirmed', note: 'pipe' }, { id: 2, h: 'h-a', decision: 'rejected', note: null }]);
    const id = db.prepare("INSERT INTO reviews (hotspot_id, decision, note, reviewer, at) VALUES ('h-a', 'pending', NULL, 'j1', '2026-01-03')").run().lastInsertRowid;
    expect(Number(id)).toBe(3);
    expect(() => db.prepare("INSERT INTO reviews (hotspot_id, decision, note, reviewer, at) VALUES ('h-a', 'maybe', NULL, 'j1', 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO reviews (hotspot_id, decision, note, reviewer, at) VALUES ('h-a', 'pending', NULL, 'nobody', 'x')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
