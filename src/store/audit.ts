import type { Db } from './open-database';

/** Appends one line to the audit log (append-only: triggers refuse updates and deletes). */
export function audit(db: Db, actor: string | null, action: string, subject: string | null, detail?: unknown, now = new Date()): void {
  db.prepare('INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)')
    .run(now.toISOString(), actor, action, subject, detail === undefined ? null : JSON.stringify(detail));
}
