import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/api/create-app';
import { createHttpServer } from '../../src/service/http-server';
import { openDatabase, type Db } from '../../src/store/open-database';
import { createToken } from '../../src/store/tokens';
import { testAppDeps } from '../helpers/app-deps';
import { Api } from '../helpers/service-process';

const SAMPLE = fs.readFileSync(path.join(__dirname, '..', '..', 'samples', 'DJI_0104.JPG'));
const IDLE_MS = 1000;
const HEADERS_MS = 1000;
const BOUNDARY = 'stalledboundary';

interface Outcome { readonly status: number | null; readonly body: string; readonly closedAfterMs: number }

/**
 * The service's limits on slow clients (real node http server made by createHttpServer, real express app,
 * real SQLite and originals store), at short test settings: 1 s of body silence, 1 s for headers.
 */
describe('slow and stalled clients', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-stall-'));
  let db: Db;
  let server: Server;
  let port: number;
  let pilot: Api;
  let flightId: string;
  const incoming = (): string[] => fs.readdirSync(path.join(dir, 'originals', 'incoming'));

  beforeAll(async () => {
    db = openDatabase(path.join(dir, 'stall.sqlite'));
    const deps = testAppDeps(db, dir);
    const app = createApp({ ...deps, limits: { ...deps.limits, maxFileBytes: 3 * 1024 * 1024 * 1024, idleMs: IDLE_MS } });
    server = createHttpServer(app, { headersTimeoutMs: HEADERS_MS, requestTimeoutMs: 0 });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    pilot = new Api(`http://127.0.0.1:${port}`, createToken(db, 'pilot', 'p1').secret);
    flightId = (await pilot.call('POST', '/api/v1/flights', { name: 'stalls' })).json.id;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const head = (contentLength: number): string =>
    `POST /api/v1/flights/${flightId}/photos HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${pilot.secret}\r\n`
    + `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${contentLength}\r\n\r\n`;
  const partHead = (name: string): string => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="photos"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`;

  /** Opens a raw connection, lets `talk` write to it, and reports what came back and when the server closed it. */
  const raw = (talk: (socket: net.Socket) => void, giveUpMs = 15_000): Promise<Outcome> => new Promise((resolve) => {
    const t0 = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => { data += d.toString('latin1'); });
    socket.on('error', () => undefined);
    const done = (): void => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(data);
      resolve({ status: status ? Number(status[1]) : null, body: data.slice(data.indexOf('\r\n\r\n') + 4), closedAfterMs: Date.now() - t0 });
    };
    socket.on('close', done);
    setTimeout(() => socket.destroy(), giveUpMs).unref();
    socket.on('connect', () => talk(socket));
  });

  it('answers a body that declares 2 GB, sends 8 KB and goes silent with 408, closes it and keeps no temporary file', async () => {
    const outcome = await raw((s) => {
      s.write(head(2 * 1024 * 1024 * 1024));
      s.write(partHead('stalled.jpg'));
      s.write(SAMPLE.subarray(0, 8192));
    });
    expect(outcome.status).toBe(408);
    expect(JSON.parse(outcome.body.slice(outcome.body.indexOf('{'), outcome.body.lastIndexOf('}') + 1)).error.code).toBe('UPLOAD_IDLE');
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(IDLE_MS - 50);
    expect(outcome.closedAfterMs).toBeLessThan(IDLE_MS + 8000); // closed by the server, not by the 15 s give-up
    expect(incoming()).toEqual([]);
  });

  it('frees twenty stalled uploads at once: every socket closed, no temporary file left, and the server answers', async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => raw((s) => {
      s.write(head(2 * 1024 * 1024 * 1024));
      s.write(partHead(`stalled-${i}.jpg`));
      s.write(SAMPLE.subarray(0, 4096));
    })));
    // Four are read at once (the upload slots); the others wait their turn, then time out in theirs.
    expect(outcomes.every((o) => o.closedAfterMs < 14_000)).toBe(true);
    expect(outcomes.filter((o) => o.status === 408).length).toBeGreaterThanOrEqual(4);
    expect(incoming()).toEqual([]);
    expect((await pilot.call('GET', `/api/v1/flights/${flightId}`)).status).toBe(200);
  }, 30_000);

  it('closes a connection whose headers never end (slowloris) with 408', async () => {
    const outcome = await raw((s) => {
      s.write(`GET /api/v1/flights HTTP/1.1\r\nHost: x\r\n`);
      const drip = setInterval(() => { if (!s.destroyed) s.write('X-Drip: 1\r\n'); }, 200);
      s.on('close', () => clearInterval(drip));
    });
    expect(outcome.status).toBe(408);
    expect(outcome.closedAfterMs).toBeLessThan(HEADERS_MS + 3000);
  });

  it('accepts a slow but steady upload that takes several times the idle limit', async () => {
    const body = Buffer.concat([Buffer.from(partHead('slow.jpg')), SAMPLE, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
    const chunks = 8;
    const size = Math.ceil(body.length / chunks);
    const outcome = await raw((s) => {
      s.write(head(body.length));
      let i = 0;
      const next = (): void => {
        if (i >= chunks) return;
        s.write(body.subarray(i * size, (i + 1) * size));
        i += 1;
        setTimeout(next, IDLE_MS * 0.6); // a byte at least every 0.6 of the limit: 8 chunks take about 4.2 s
      };
      next();
      s.on('data', () => s.end());
    });
    expect(outcome.status).toBe(202);
    expect(outcome.closedAfterMs).toBeGreaterThan(IDLE_MS * 3);
    expect(outcome.body).toContain('"filename":"slow.jpg"');
    expect(incoming()).toEqual([]);
  });
});
