/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- API replies are JSON read in assertions */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { imageSize } from '../../src/image/sharp-image';
import { Api, followUntilDone, makeToken, startServe, type ServiceProcess, type SseEvent } from '../helpers/service-process';

const ROOT = path.join(__dirname, '..', '..');
const SAMPLES = path.join(ROOT, 'samples');
const run = promisify(execFile);

interface Feature { properties: { id: string; status?: string; reviewer?: string | null; note?: string | null; observations: unknown[] }; geometry: { coordinates: [number, number] } }

/**
 * The service end to end, as users meet it: `outfall-scout serve` as its own process with its own
 * redis-server, one sandboxed worker running the real model; a pilot uploads samples/, follows the events to
 * done, the hotspots equal `outfall-scout analyze samples`; a judge reviews; an analyst downloads.
 */
describe('outfall-scout serve end to end (real redis-server, real model, real HTTP)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-e2e-'));
  const files = fs.readdirSync(SAMPLES).filter((f) => /\.jpe?g$/i.test(f)).sort();
  let serve: ServiceProcess;
  let pilot: Api;
  let judge: Api;
  let analyst: Api;
  let flightId: string;
  let events: SseEvent[];

  beforeAll(async () => {
    const secrets = { pilot: makeToken(dataDir, 'pilot', 'Li Wei'), judge: makeToken(dataDir, 'judge', 'Judge Wang'), analyst: makeToken(dataDir, 'analyst') };
    serve = await startServe({ dataDir, workers: 1, env: { REDIS_URL: undefined } });
    pilot = new Api(serve.url, secrets.pilot);
    judge = new Api(serve.url, secrets.judge);
    analyst = new Api(serve.url, secrets.analyst);
  }, 60_000);

  afterAll(async () => {
    await serve?.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes a flight from upload to done, following the events, with per-stage progress', async () => {
    const made = await pilot.call('POST', '/api/v1/flights', { name: 'Samples', site: 'Han river' });
    expect(made.status).toBe(201);
    flightId = made.json.id;
    const up = await pilot.upload(flightId, files.map((name) => ({ name, bytes: fs.readFileSync(path.join(SAMPLES, name)) })));
    expect(up.status).toBe(202);
    expect(up.json.rejected).toEqual([]);
    expect(up.json.accepted.map((a: { filename: string }) => a.filename)).toEqual(files);
    for (const a of up.json.accepted) {
      expect(a.duplicate).toBe(false);
      expect(a.sha256).toBe(createHash('sha256').update(fs.readFileSync(path.join(SAMPLES, a.filename))).digest('hex'));
    }
    events = await followUntilDone(pilot, flightId, 180_000);
    const last = events.at(-1)!.data;
    expect(last.state).toBe('done');
    expect(last.photos).toEqual({ uploaded: 0, queued: 0, analysing: 0, done: files.length, failed: 0 });
    const stages = new Set(events.filter((e) => e.event === 'photo' && e.data.state === 'analysing').map((e) => e.data.stage));
    expect([...stages]).toEqual(expect.arrayContaining(['decode', 'tiles', 'inference', 'merge']));
  }, 200_000);

  it('holds the same hotspots as `outfall-scout analyze samples`', async () => {
    const cli = JSON.parse((await run(process.execPath, [path.join(ROOT, 'bin', 'outfall-scout.js'), 'analyze', SAMPLES, '--quiet'], { maxBuffer: 1 << 24 })).stdout) as { features: Feature[] };
    const served = await analyst.call('GET', `/api/v1/flights/${flightId}/hotspots.geojson`);
    expect(served.status).toBe(200);
    expect(served.res.headers.get('content-type')).toMatch(/application\/geo\+json/);
    const mine = (served.json as { features: Feature[] }).features;
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const byId = (fs: Feature[]) => new Map(fs.map((f) => [f.properties.id, f]));
    const cliHotspots = byId(cli.features.filter((f) => f.properties.id.startsWith('hs-')));
    expect([...byId(mine).keys()].sort()).toEqual([...cliHotspots.keys()].sort());
    for (const f of mine) {
      const c = cliHotspots.get(f.properties.id)!;
      expect(f.geometry.coordinates[0]).toBeCloseTo(c.geometry.coordinates[0], 6);
      expect(f.geometry.coordinates[1]).toBeCloseTo(c.geometry.coordinates[1], 6);
      expect(f.properties.observations).toEqual(c.properties.observations);
      expect(f.properties.status).toBe('pending');
    }
  }, 120_000);

  it('keeps every review with who and when; the latest counts; ?status= filters exactly', async () => {
    const list = (await judge.call('GET', `/api/v1/flights/${flightId}/hotspots?status=pending`)).json.hotspots as { id: string }[];
    const [a, b] = [list[0]!.id, list[1]!.id];
    expect((await judge.call('POST', `/api/v1/hotspots/${a}/review`, { decision: 'rejected' })).status).toBe(201);
    expect((await judge.call('POST', `/api/v1/hotspots/${a}/review`, { decision: 'confirmed', note: 'milky plume from the culvert' })).status).toBe(201);
    expect((await judge.call('POST', `/api/v1/hotspots/${b}/review`, { decision: 'rejected', note: 'shadow' })).status).toBe(201);
    expect((await analyst.call('POST', `/api/v1/hotspots/${b}/review`, { decision: 'confirmed' })).status).toBe(403);

    const ids = async (status: string) => ((await analyst.call('GET', `/api/v1/flights/${flightId}/hotspots.geojson?status=${status}`)).json.features as Feature[]).map((f) => f.properties.id);
    expect(await ids('confirmed')).toEqual([a]);
    expect(await ids('rejected')).toEqual([b]);
    expect(await ids('pending')).toEqual(list.slice(2).map((h) => h.id));
    expect((await ids('all')).sort()).toEqual(list.map((h) => h.id).sort());
    expect((await analyst.call('GET', `/api/v1/flights/${flightId}/hotspots.geojson?status=maybe`)).status).toBe(400);

    const confirmed = (await analyst.call('GET', `/api/v1/flights/${flightId}/hotspots.geojson?status=confirmed`)).json.features[0] as Feature;
    expect(confirmed.properties).toMatchObject({ status: 'confirmed', reviewer: 'Judge Wang', note: 'milky plume from the culvert' });
    const detail = (await judge.call('GET', `/api/v1/hotspots/${a}`)).json;
    expect(detail.reviews.map((r: { decision: string }) => r.decision)).toEqual(['rejected', 'confirmed']);
    expect(detail.reviews[1].reviewer.name).toBe('Judge Wang');
    expect(detail.observations[0].photoId).toMatch(/^ph-/);
    expect(Array.isArray(detail.observations[0].warnings)).toBe(true);

    const csv = (await analyst.call('GET', `/api/v1/flights/${flightId}/hotspots.csv?status=confirmed`)).json as string;
    expect(csv.split('\r\n')[0]).toContain('status');
    expect(csv).toContain(`${a},`);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    const kml = (await analyst.call('GET', `/api/v1/flights/${flightId}/hotspots.kml?status=rejected`)).json as string;
    expect(kml).toContain(b);
    expect(kml).not.toContain(a);
    const flight = (await pilot.call('GET', `/api/v1/flights/${flightId}`)).json;
    expect(flight.hotspots).toMatchObject({ confirmed: 1, rejected: 1, pending: list.length - 2 });

    // ?minConfidence= (0 to 1): the list and every report keep exactly the hotspots at or above it.
    const all = (await judge.call('GET', `/api/v1/flights/${flightId}/hotspots`)).json.hotspots as { id: string; confidence: number }[];
    const cut = [...all.map((h) => h.confidence)].sort((x, y) => x - y)[1]!;
    const above = all.filter((h) => h.confidence >= cut).map((h) => h.id).sort();
    expect(above.length).toBeGreaterThan(0);
    expect(above.length).toBeLessThan(all.length);
    const listed = (await judge.call('GET', `/api/v1/flights/${flightId}/hotspots?minConfidence=${cut}`)).json.hotspots as { id: string }[];
    expect(listed.map((h) => h.id).sort()).toEqual(above);
    const report = await analyst.call('GET', `/api/v1/flights/${flightId}/hotspots.geojson?status=all&minConfidence=${cut}`);
    expect((report.json.features as Feature[]).map((f) => f.properties.id).sort()).toEqual(above);
    expect(report.res.headers.get('content-disposition')).toMatch(new RegExp(`-all-min${Math.round(cut * 100)}\\.geojson"$`));
    for (const bad of ['1.5', '-0.1', 'abc', '1e-1', '']) {
      expect((await judge.call('GET', `/api/v1/flights/${flightId}/hotspots?minConfidence=${bad}`)).status).toBe(400);
    }

    // Reopening (the web app's undo) is a decision like the others: pending again, and in the history.
    expect((await judge.call('POST', `/api/v1/hotspots/${b}/review`, { decision: 'pending' })).status).toBe(201);
    expect((await judge.call('GET', `/api/v1/hotspots/${b}`)).json.reviews.map((r: { decision: string }) => r.decision)).toEqual(['rejected', 'pending']);
    expect(await ids('rejected')).toEqual([]);
    expect((await pilot.call('GET', `/api/v1/flights/${flightId}`)).json.hotspots).toMatchObject({ confirmed: 1, rejected: 0, pending: list.length - 1 });
    expect((await judge.call('POST', `/api/v1/hotspots/${b}/review`, { decision: 'rejected', note: 'shadow' })).status).toBe(201);
  }, 60_000);

  it('serves the evidence crop, the photo with its footprint, a thumbnail and the unchanged original', async () => {
    const hotspot = (await judge.call('GET', `/api/v1/flights/${flightId}/hotspots`)).json.hotspots[0];
    const ev = await fetch(`${serve.url}/api/v1/hotspots/${hotspot.id}/evidence.jpg`, { headers: { authorization: `Bearer ${judge.secret}` } });
    expect(ev.headers.get('content-type')).toBe('image/jpeg');
    const size = await imageSize(Buffer.from(await ev.arrayBuffer()));
    expect(size.width).toBeGreaterThanOrEqual(300);

    const photoId = hotspot.observations[0].photoId as string;
    const photo = (await judge.call('GET', `/api/v1/photos/${photoId}`)).json;
    expect(photo.state).toBe('done');
    expect(photo.footprint.type).toBe('Polygon');
    expect(Array.isArray(photo.warnings)).toBe(true);
    expect(photo.detections.length).toBeGreaterThan(0);

    const thumb = await fetch(`${serve.url}/api/v1/photos/${photoId}/thumbnail.jpg`, { headers: { authorization: `Bearer ${judge.secret}` } });
    const t = await imageSize(Buffer.from(await thumb.arrayBuffer()));
    expect(Math.max(t.width, t.height)).toBe(512);

    const orig = await fetch(`${serve.url}/api/v1/photos/${photoId}/original`, { headers: { authorization: `Bearer ${judge.secret}` } });
    const bytes = Buffer.from(await orig.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(photo.sha256);
    expect(bytes.equals(fs.readFileSync(path.join(SAMPLES, photo.filename)))).toBe(true);
    const again = await fetch(`${serve.url}/api/v1/photos/${photoId}/original`, { headers: { authorization: `Bearer ${judge.secret}`, 'if-none-match': orig.headers.get('etag')! } });
    expect(again.status).toBe(304);
  }, 60_000);

  it('reports a re-sent photo as a duplicate without queueing it again, and tells a client what it can skip', async () => {
    const name = files[0]!;
    const bytes = fs.readFileSync(path.join(SAMPLES, name));
    const up = await pilot.upload(flightId, [{ name: 'renamed.jpg', bytes }]);
    expect(up.status).toBe(202);
    expect(up.json.accepted[0]).toMatchObject({ duplicate: true, filename: 'renamed.jpg' });
    const sha = createHash('sha256').update(bytes).digest('hex');
    const check = await pilot.call('POST', `/api/v1/flights/${flightId}/photos/check`, { sha256: [sha, 'f'.repeat(64)] });
    expect(check.json).toEqual({ known: [sha], missing: ['f'.repeat(64)] });
    const flight = (await pilot.call('GET', `/api/v1/flights/${flightId}`)).json;
    expect(flight.photos.done).toBe(files.length);
    const metrics = (await pilot.call('GET', '/metrics')).json as string;
    expect(metrics).toMatch(new RegExp(`outfall_jobs_total\\{outcome="completed"\\} ${files.length}\\b`));
    expect(metrics).toMatch(/outfall_queue_jobs\{queue="analyse",state="completed"\}/);
    expect(metrics).toMatch(/outfall_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/flights\/:id"/);
  });

  it('drains on SIGTERM: exits 0 and stops the redis-server it started', async () => {
    const port = Number(/redis:\/\/127\.0\.0\.1:(\d+)/.exec(serve.logs())![1]);
    expect(await serve.stop('SIGTERM')).toBe(0);
    expect(serve.logs()).toMatch(/stopped/);
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(false); });
      s.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  }, 60_000);
});
