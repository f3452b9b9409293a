import path from 'node:path';
import { openDatabase, type Db } from './open-database';
import { Originals } from './originals';

/** The data directory's layout: outfall.sqlite, originals/ (by SHA-256), redis/ (append-only file). */
export interface Store {
  readonly db: Db;
  readonly originals: Originals;
  readonly redisDir: string;
  close(): void;
}

export function openStore(dataDir: string): Store {
  const db = openDatabase(path.join(dataDir, 'outfall.sqlite'));
  return { db, originals: new Originals(path.join(dataDir, 'originals')), redisDir: path.join(dataDir, 'redis'), close: () => db.close() };
}

