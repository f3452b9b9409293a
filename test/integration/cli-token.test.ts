import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/store/open-database';
import { findToken } from '../../src/store/tokens';
import { runCli } from '../helpers/run-cli';

describe('outfall-scout token create', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-cli-token-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('prints a new secret once; the store knows the token by it, and audits its creation', async () => {
    const r = await runCli(['token', 'create', '--role', 'judge', '--name', '王芳'], { DATA_DIR: dataDir });
    expect(r.code).toBe(0);
    const secret = r.stdout.trim();
    expect(secret).toMatch(/^osk_/);
    expect(r.stderr).toMatch(/shown only this once/);
    const db = openDatabase(path.join(dataDir, 'outfall.sqlite'));
    expect(findToken(db, secret)).toMatchObject({ role: 'judge', name: '王芳' });
    expect(db.prepare("SELECT action FROM audit WHERE action = 'token.create'").all()).toHaveLength(1);
    db.close();
  });

  it('refuses an unknown role or a missing name as a usage error (exit 2)', async () => {
    expect((await runCli(['token', 'create', '--role', 'root', '--name', 'x'], { DATA_DIR: dataDir })).code).toBe(2);
    expect((await runCli(['token', 'create', '--role', 'pilot'], { DATA_DIR: dataDir })).code).toBe(2);
  });
});
