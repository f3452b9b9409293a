import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { audit } from './audit';
import type { Db } from './open-database';

/** `worker`: a queue worker on another machine; it may only fetch originals to analyse them. */
export const ROLES = ['pilot', 'judge', 'analyst', 'admin', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export interface TokenRecord {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

const COLUMNS = 'id, name, role, created_at AS createdAt, revoked_at AS revokedAt';

/** Secrets look like `osk_<43 base64url chars>` (256 random bits); only their SHA-256 is stored. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates a token; the returned secret is shown once and cannot be recovered from the store. */
export function createToken(db: Db, role: Role, name: string, now = new Date()): { token: TokenRecord; secret: string } {
  const secret = `osk_${randomBytes(32).toString('base64url')}`;
  const token: TokenRecord = { id: `tok-${randomUUID()}`, name, role, createdAt: now.toISOString(), revokedAt: null };
  db.prepare('INSERT INTO tokens (id, name, role, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)')
    .run(token.id, name, role, hashSecret(secret), token.createdAt);
  return { token, secret };
}

/** createToken and its audit line, in one transaction; `actor` is the admin's token id, null from the command line. */
export function issueToken(db: Db, role: Role, name: string, actor: string | null): { token: TokenRecord; secret: string } {
  return db.transaction(() => {
    const made = createToken(db, role, name);
    audit(db, actor, 'token.create', made.token.id, { role, name });
    return made;
  })();
}

/** revokeToken and its audit line, in one transaction; false when there was no live token with this id. */
export function withdrawToken(db: Db, id: string, actor: string | null): boolean {
  return db.transaction(() => {
    const done = revokeToken(db, id);
    if (done) audit(db, actor, 'token.revoke', id);
    return done;
  })();
}

/** The live (not revoked) token with this secret, or null. */
export function findToken(db: Db, secret: string): TokenRecord | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM tokens WHERE hash = ? AND revoked_at IS NULL`)
    .get(hashSecret(secret)) as TokenRecord | undefined;
  return row ?? null;
}

export function revokeToken(db: Db, id: string, now = new Date()): boolean {
  return db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id).changes === 1;
}

export function listTokens(db: Db): TokenRecord[] {
  return db.prepare(`SELECT ${COLUMNS} FROM tokens ORDER BY created_at, id`).all() as TokenRecord[];
}
