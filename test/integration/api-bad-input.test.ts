/* eslint-disable @typescript-eslint/no-unsafe-call -- API replies are JSON read in assertions */
import fs from 'node:fs';
import http from 'node:http';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/api/create-app';
import { openDatabase, type Db } from '../../src/store/open-database';
import { createToken } from '../../src/store/tokens';
import { testAppDeps } from '../helpers/app-deps';
import { Api } from '../helpers/service-process';
import { listen } from '../helpers/listen';

const SAMPLE = fs.readFileSync(path.join(__dirname, '..', '..', 'samples', 'DJI_0101.JPG'));

/** The sample with its frame header (SOF0) rewritten to claim 65000x65000 pixels: a decompression bomb by its header. */
function headerBomb(): Buffer {
  const b = Buffer.from(SAMPLE);
  const sof = b.indexOf(Buffer.from([0xff, 0xc0]));
  b.writeUInt16BE(65000, sof + 5);
  b.writeUInt16BE(65000, sof + 7);
  return b;
}

/**
 * Bad input at the upload API (real express, real SQLite, real sharp): each gets a clear 4xx with a code
 * and a message, nothing of it is kept, and the server goes on serving.
 */
describe('bad input at the API', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-bad-'));
  let db: Db;
  let server: Server;
  let pilot: Api;
  let other: Api;
  let base: string;
  let flightId: string;
  const accepted: string[] = [];
  const deps = () => testAppDeps(db, dir, { onPhotoAccepted: (p) => accepted.push(p.filename) });
  const stored = (): string[] => fs.readdirSync(path.join(dir, 'originals'), { recursive: true }).map(String).filter((f) => /[0-9a-f]{64}$/.test(f));
  const incoming = (): string[] => fs.readdirSync(path.join(dir, 'originals', 'incoming'));

  beforeAll(async () => {
    db = openDatabase(path.join(dir, 'bad.sqlite'));
    ({ server, base } = await listen(createApp(deps())));
    pilot = new Api(base, createToken(db, 'pilot', 'p1').secret);
    other = new Api(base, createToken(db, 'pilot', 'p2').secret);
    flightId = (await pilot.call('POST', '/api/v1/flights', { name: 'bad input' })).json.id;
  });
  afterEach(async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(incoming()).toEqual([]);
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const refused = async (files: { name: string; bytes: Uint8Array; field?: string }[], status: number, code: string, message: RegExp) => {
    const before = stored().length;
    const res = await pilot.upload(flightId, files);
    expect(res.status).toBe(status);
    expect(res.json.error.code).toBe(code);
    expect(res.json.error.message).toMatch(message);
    expect(res.json.accepted).toEqual([]);
    expect(stored()).toHaveLength(before);
  };

  it('an empty file', () => refused([{ name: 'empty.jpg', bytes: new Uint8Array() }], 400, 'EMPTY_FILE', /empty/));
  it('a truncated JPEG', () => refused([{ name: 'cut.jpg', bytes: SAMPLE.subarray(0, SAMPLE.length / 2) }], 422, 'TRUNCATED_IMAGE', /cut off/));
  it('an HTML page renamed .jpg', () => refused([{ name: 'photo.jpg', bytes: Buffer.from('<!DOCTYPE html><html><body>login</body></html>') }], 415, 'NOT_AN_IMAGE', /HTML page/));
  it('an image bomb by its header (65000 x 65000), refused without decoding', () => refused([{ name: 'bomb.jpg', bytes: headerBomb() }], 413, 'IMAGE_TOO_LARGE', /65000x65000/));
  it('a JPEG whose frame header sits behind 4.5 MB of comment segments, refused without reading it all', () => {
    const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0xff, 0xff]), Buffer.alloc(65533, 0x20)]);
    const padded = Buffer.concat([SAMPLE.subarray(0, 2), ...new Array<Buffer>(70).fill(com), SAMPLE.subarray(2)]);
    return refused([{ name: 'padded.jpg', bytes: padded }], 422, 'UNREADABLE_IMAGE', /no JPEG frame header in the first 4 MiB/);
  });
  it('a file over the size limit', () => refused([{ name: 'big.jpg', bytes: Buffer.concat([SAMPLE, Buffer.alloc(6 * 1024 * 1024)]) }], 413, 'FILE_TOO_LARGE', /limit of 5242880 bytes/));
  it('a path-traversal file name', () => refused([{ name: '../../etc/passwd.jpg', bytes: SAMPLE }], 400, 'BAD_FILENAME', /folder separator/));
  it('a Windows path-traversal file name', () => refused([{ name: '..\\..\\boot.jpg', bytes: SAMPLE }], 400, 'BAD_FILENAME', /folder separator/));
  it('a name with a bidirectional override', () => refused([{ name: 'gpj.\u202Eexe.jpg', bytes: SAMPLE }], 400, 'BAD_FILENAME', /control characters/));
  it('a file in the wrong field', () => refused([{ name: 'a.jpg', bytes: SAMPLE, field: 'photo' }], 400, 'UNEXPECTED_FIELD', /"photos"/));
  it('several bad files for different reasons', () => refused([{ name: 'e.jpg', bytes: new Uint8Array() }, { name: 'h.jpg', bytes: Buffer.from('<html>') }], 422, 'ALL_FILES_REJECTED', /empty.*HTML|HTML.*empty/));

  it('keeps a unicode file name as sent', async () => {
    const name = '排污口 ① 照片 — ÜBER.JPG';
    const res = await pilot.upload(flightId, [{ name, bytes: SAMPLE }]);
    expect(res.status).toBe(202);
    expect(res.json.accepted[0].filename).toBe(name);
    const listed = (await pilot.call('GET', `/api/v1/flights/${flightId}/photos`)).json.photos;
    expect(listed.map((p: { filename: string }) => p.filename)).toContain(name);
    expect(accepted).toContain(name);
  });

  it('accepts the good files of a mixed request and lists the refused ones', async () => {
    const variant = Buffer.concat([SAMPLE, Buffer.from([0, 0])]); // zero padding after the end marker is allowed
    const res = await pilot.upload(flightId, [{ name: 'good.jpg', bytes: variant }, { name: 'bad.jpg', bytes: Buffer.from('%PDF-1.7') }]);
    expect(res.status).toBe(202);
    expect(res.json.accepted.map((a: { filename: string }) => a.filename)).toEqual(['good.jpg']);
    expect(res.json.rejected).toEqual([{ filename: 'bad.jpg', code: 'NOT_AN_IMAGE', message: expect.stringMatching(/PDF/) }]);
  });

  it('a request with no files, and one that is not multipart', async () => {
    const form = new FormData();
    form.append('note', 'no photos here');
    const none = await fetch(`${base}/api/v1/flights/${flightId}/photos`, { method: 'POST', headers: { authorization: `Bearer ${pilot.secret}` }, body: form });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('NO_FILES');
    const json = await pilot.call('POST', `/api/v1/flights/${flightId}/photos`, { photos: [] });
    expect(json.status).toBe(415);
  });

  it('missing and malformed fields in JSON bodies', async () => {
    for (const [route, body, code] of [
      ['/api/v1/flights', {}, 'BAD_REQUEST'],
      ['/api/v1/flights', { name: '' }, 'BAD_REQUEST'],
      ['/api/v1/flights', { name: 'x', owner: 'someone else' }, 'BAD_REQUEST'],
      [`/api/v1/flights/${flightId}/photos/check`, { sha256: ['not-a-hash'] }, 'BAD_REQUEST'],
      [`/api/v1/flights/${flightId}/photos/check`, {}, 'BAD_REQUEST'],
    ] as const) {
      const res = await pilot.call('POST', route, body);
      expect([route, res.status, res.json.error.code]).toEqual([route, 400, code]);
      expect(res.json.error.message.length).toBeGreaterThan(5);
    }
    const broken = await fetch(`${base}/api/v1/flights`, { method: 'POST', headers: { authorization: `Bearer ${pilot.secret}`, 'content-type': 'application/json' }, body: '{"name": ' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('BAD_JSON');
  });

  it('wrong and missing tokens', async () => {
    for (const api of [new Api(base, null), new Api(base, 'osk_not-a-real-token'), new Api(base, `${pilot.secret}x`)]) {
      const res = await api.upload(flightId, [{ name: 'a.jpg', bytes: SAMPLE }]);
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('UNAUTHENTICATED');
      expect((await api.call('GET', '/api/v1/flights')).status).toBe(401);
    }
  });

  it('a pilot writing to another pilot\'s flight: 403, nothing stored', async () => {
    const before = stored().length;
    const res = await other.upload(flightId, [{ name: 'mine.jpg', bytes: Buffer.concat([SAMPLE, Buffer.from([0])]) }]);
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('FORBIDDEN');
    expect(stored()).toHaveLength(before);
    expect((await other.call('POST', `/api/v1/flights/${flightId}/photos/check`, { sha256: [] })).status).toBe(403);
    expect((await other.call('GET', '/api/v1/flights/fl-nope')).status).toBe(404);
  });

  it('an upload cut off half-way leaves nothing behind', async () => {
    const boundary = 'cutoffboundary';
    await new Promise<void>((resolve) => {
      const req = http.request(`${base}/api/v1/flights/${flightId}/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${pilot.secret}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(SAMPLE.length + 500) },
      });
      req.on('error', () => resolve());
      req.on('response', (res) => { res.resume(); res.on('end', () => resolve()); });
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="half.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
      req.write(SAMPLE.subarray(0, SAMPLE.length / 2), () => setTimeout(() => { req.destroy(); resolve(); }, 200));
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(incoming()).toEqual([]);
    const listed = (await pilot.call('GET', `/api/v1/flights/${flightId}/photos`)).json.photos;
    expect(listed.map((p: { filename: string }) => p.filename)).not.toContain('half.jpg');
  });
});

describe('JSON bodies the parser refuses', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-bad-json-'));
  const db = openDatabase(path.join(dir, 'j.sqlite'));
  const secret = createToken(db, 'pilot', 'p').secret;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    ({ server, base } = await listen(createApp(testAppDeps(db, dir))));
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const post = (body: string, headers: Record<string, string>, auth = true) =>
    fetch(`${base}/api/v1/flights`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${secret}` } : {}), ...headers }, body });

  it('answers 413 over 1 MB, 415 for an unknown charset, and 401 before parsing anything without a token', async () => {
    const big = await post(JSON.stringify({ name: 'x'.repeat(1_100_000) }), {});
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('ENTITY_TOO_LARGE');
    const charset = await post('{"name":"x"}', { 'content-type': 'application/json; charset=klingon' });
    expect(charset.status).toBe(415);
    expect((await post('{"name": ', {}, false)).status).toBe(401);
  });
});
