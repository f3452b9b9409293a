import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/store/open-database';
import { createToken, findToken, hashSecret, listTokens, revokeToken } from '../../src/store/tokens';

describe('tokens (real SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-tokens-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores only the hash, finds a live token by its secret, and forgets it once revoked', () => {
    const db = openDatabase(path.join(dir, 't.sqlite'));
    const { token, secret } = createToken(db, 'judge', 'Wang (brigade 2)');
    expect(secret).toMatch(/^osk_[A-Za-z0-9_-]{43}$/);
    const raw = fs.readFileSync(path.join(dir, 't.sqlite-wal')).toString('latin1') + fs.readFileSync(path.join(dir, 't.sqlite')).toString('latin1');
    expect(raw).not.toContain(secret);
    expect(raw).toContain(hashSecret(secret));
    expect(findToken(db, secret)).toMatchObject({ id: token.id, role: 'judge', name: 'Wang (brigade 2)' });
    expect(findToken(db, secret + 'x')).toBeNull();
    expect(revokeToken(db, token.id)).toBe(true);
    expect(revokeToken(db, token.id)).toBe(false);
    expect(findToken(db, secret)).toBeNull();
    expect(listTokens(db)[0]!.revokedAt).not.toBeNull();
    db.close();
  });

  it('refuses a role that does not exist (the schema checks it too)', () => {
    const db = openDatabase(path.join(dir, 'u.sqlite'));
    expect(() => createToken(db, 'superuser' as never, 'x')).toThrow(/CHECK constraint/);
    db.close();
  });
});
