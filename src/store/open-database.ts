import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './schema';

export type Db = Database.Database;

/**
 * Opens (creating when missing) the SQLite database at `file`, in WAL mode with foreign keys on and a busy
 * timeout, and applies the migrations it has not seen yet, each in its own transaction.
 */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied < MIGRATIONS.length) {
    // SQLite's way to rebuild a table others reference: foreign keys off (outside any transaction), migrate,
    // check that every reference still holds, foreign keys back on.
    db.pragma('foreign_keys = OFF');
    MIGRATIONS.slice(applied).forEach((sql, i) => {
      db.transaction(() => {
        db.exec(sql);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration ${applied + i + 1} broke ${broken.length} foreign keys`);
        db.pragma(`user_version = ${applied + i + 1}`);
      })();
    });
    db.pragma('foreign_keys = ON');
  }
  return db;
}
