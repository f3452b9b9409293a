import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
});
