import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/api/create-app';
import { openDatabase, type Db } from '../../src/store/open-database';
import { createToken, type Role } from '../../src/store/tokens';
import { testAppDeps } from '../helpers/app-deps';
import { listen } from '../helpers/listen';

describe('flights API (real express, real SQLite, real HTTP)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-api-'));
  let db: Db;
  let server: Server;
  let base: string;
  const secrets = { wrong: 'osk_wrong' } as Record<Role | 'pilot2' | 'wrong', string>;

  beforeAll(async () => {
    db = openDatabase(path.join(dir, 'api.sqlite'));
    for (const role of ['pilot', 'judge', 'analyst', 'admin'] as const) secrets[role] = createToken(db, role, role).secret;
    secrets.pilot2 = createToken(db, 'pilot', 'other pilot').secret;
    ({ server, base } = await listen(createApp(testAppDeps(db, dir))));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const call = async (method: string, url: string, who?: keyof typeof secrets, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${secrets[who]}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + url, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('a pilot creates a flight and sees its progress; another pilot cannot see it; a judge can', async () => {
    const made = await call('POST', '/api/v1/flights', 'pilot', { name: 'Han river, 14 May', site: 'Xiantao' });
    expect(made.status).toBe(201);
    const id = made.json.id as string;
    const own = await call('GET', `/api/v1/flights/${id}`, 'pilot');
    expect(own.status).toBe(200);
    expect(own.json.photos).toEqual({ uploaded: 0, queued: 0, analysing: 0, done: 0, failed: 0 });
    expect(own.json.state).toBe('empty');
    expect(own.json.hotspots).toEqual({ pending: 0, confirmed: 0, rejected: 0, total: 0 });
    expect((await call('GET', `/api/v1/flights/${id}`, 'pilot2')).status).toBe(403);
    expect((await call('GET', `/api/v1/flights/${id}`, 'judge')).status).toBe(200);
    expect(((await call('GET', '/api/v1/flights', 'pilot2')).json.flights as unknown[])).toHaveLength(0);
    expect(((await call('GET', '/api/v1/flights', 'analyst')).json.flights as unknown[])).toHaveLength(1);
  });

  it('lets only admins create, list and revoke tokens; a revoked token is refused at once', async () => {
    expect((await call('POST', '/api/v1/tokens', 'judge', { role: 'admin', name: 'me' })).status).toBe(403);
    const made = await call('POST', '/api/v1/tokens', 'admin', { role: 'analyst', name: 'GIS desk' });
    expect(made.status).toBe(201);
    const secret = made.json.secret as string;
    const listed = await call('GET', '/api/v1/tokens', 'admin');
    expect(JSON.stringify(listed.json)).not.toContain(secret);
    expect((await fetch(`${base}/api/v1/flights`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
    const del = await fetch(`${base}/api/v1/tokens/${made.json.id as string}`, { method: 'DELETE', headers: { authorization: `Bearer ${secrets.admin}` } });
    expect(del.status).toBe(204);
    expect((await fetch(`${base}/api/v1/flights`, { headers: { authorization: `Bearer ${secret}` } })).status).toBe(401);
    expect((await call('POST', '/api/v1/tokens', 'admin', { role: 'root', name: 'x' })).status).toBe(400);
    expect(db.prepare("SELECT action FROM audit WHERE action LIKE 'token.%' ORDER BY id").all()).toEqual([{ action: 'token.create' }, { action: 'token.revoke' }]);
  });

  it('answers bad requests with a clear 4xx in the one error format', async () => {
    const cases: [Awaited<ReturnType<typeof call>>, number, string][] = [
      [await call('GET', '/api/v1/flights'), 401, 'UNAUTHENTICATED'],
      [await call('GET', '/api/v1/flights', 'wrong'), 401, 'UNAUTHENTICATED'],
      [await call('POST', '/api/v1/flights', 'judge', { name: 'x' }), 403, 'FORBIDDEN'],
      [await call('POST', '/api/v1/flights', 'pilot', {}), 400, 'BAD_REQUEST'],
      [await call('POST', '/api/v1/flights', 'pilot', '{"name":'), 400, 'BAD_JSON'],
      [await call('GET', '/api/v1/flights/fl-none', 'admin'), 404, 'NOT_FOUND'],
    ];
    for (const [res, status, code] of cases) {
      expect(res.status).toBe(status);
      expect((res.json.error as { code: string }).code).toBe(code);
    }
  });
});
