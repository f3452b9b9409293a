import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRedis, type RedisProcess } from '../../src/queue/start-redis';
import { openStore } from '../../src/store/open-store';
import { photoVariants } from '../helpers/photo-variants';
import { startTestRedis } from '../helpers/redis-server';
import { corruptPng } from '../helpers/corrupt-png';
import { waitFor } from '../helpers/wait-for';
import { Api, followUntilDone, makeToken, startServe, startWorkerProcess, type ServiceProcess } from '../helpers/service-process';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');
/** Short job locks, so a killed worker's job is retaken in seconds rather than the default 30 s. */
const FAST_LOCKS = { OUTFALL_LOCK_MS: '3000', OUTFALL_JOB_BACKOFF_MS: '200' };


describe('faults: the flight completes, every photo recorded exactly once (real processes, real redis-server, real model)', () => {
  const dirs: string[] = [];
  const tmp = (name: string): string => { const d = fs.mkdtempSync(path.join(os.tmpdir(), `outfall-${name}-`)); dirs.push(d); return d; };
  const procs: ServiceProcess[] = [];
  const redises: { stop(): Promise<void> }[] = [];

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await Promise.all(redises.map((r) => r.stop()));
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('remote workers with their own data directories: kill -9 one mid-flight of 50 photos; a corrupt photo fails alone', async () => {
    const redis = await startTestRedis();
    redises.push({ stop: () => redis.remove() });
    const dataDir = tmp('faults-server');
    const pilotSecret = makeToken(dataDir, 'pilot');
    const workerSecret = makeToken(dataDir, 'worker', 'worker machines');
    const env = { REDIS_URL: redis.url, ...FAST_LOCKS };
    const serve = await startServe({ dataDir, workers: 0, env });
    procs.push(serve);
    const workerDirs = [tmp('worker-a'), tmp('worker-b')];
    const [a, b] = await Promise.all(workerDirs.map((d) => startWorkerProcess({ api: serve.url, dataDir: d, workers: 1, env: { ...env, OUTFALL_WORKER_TOKEN: workerSecret } })));
    procs.push(a!, b!);

    const pilot = new Api(serve.url, pilotSecret);
    const flightId = (await pilot.call('POST', '/api/v1/flights', { name: 'fifty' })).json.id as string;
    const photos = photoVariants(SAMPLES, 50);
    const broken = { name: 'broken.png', bytes: await corruptPng() };
    for (const batch of [photos.slice(0, 25), [...photos.slice(25), broken]]) {
      const up = await pilot.upload(flightId, batch);
      expect(up.status).toBe(202);
      expect(up.json.rejected).toEqual([]);
    }
    await waitFor('8 photos done', 120_000, async () => (await pilot.call('GET', `/api/v1/flights/${flightId}`)).json.photos.done >= 8);
    await a!.stop('SIGKILL');

    const events = await followUntilDone(pilot, flightId, 240_000);
    expect(events.at(-1)!.data.photos).toEqual({ uploaded: 0, queued: 0, analysing: 0, done: 50, failed: 1 });

    const listed = (await pilot.call('GET', `/api/v1/flights/${flightId}/photos`)).json.photos as { filename: string; state: string; attempts: number; error: { code: string; message: string } | null }[];
    const failed = listed.filter((p) => p.state === 'failed');
    expect(failed.map((p) => p.filename)).toEqual(['broken.png']);
    expect(failed[0]!.error!.code).toBe('UNREADABLE_IMAGE');
    expect(failed[0]!.attempts).toBe(1); // never retried: it can never be read
    expect(listed.some((p) => p.attempts >= 2)).toBe(true); // the killed worker's photo was taken up again

    // Exactly once: 50 results recorded, each photo's detections once, each sighting in exactly one hotspot.
    const metrics = (await pilot.call('GET', '/metrics')).json as string;
    expect(metrics).toMatch(/outfall_jobs_total\{outcome="completed"\} 50\b/);
    expect(metrics).toMatch(/outfall_jobs_total\{outcome="failed"\} 1\b/);
    const store = openStore(dataDir);
    try {
      const detections = (store.db.prepare('SELECT count(*) AS n FROM detections').get() as { n: number }).n;
      const perPhoto = store.db.prepare('SELECT photo_id, count(*) AS n FROM detections GROUP BY photo_id').all() as { n: number }[];
      const hotspots = (store.db.prepare('SELECT body FROM hotspots').all() as { body: string }[]).map((r) => JSON.parse(r.body) as { id: string; observations: { photo: string }[] });
      expect(new Set(hotspots.map((h) => h.id)).size).toBe(hotspots.length);
      const sightings = hotspots.flatMap((h) => h.observations.map((o) => o.photo));
      expect(sightings).toHaveLength(detections);
      expect(new Set(sightings).size).toBe(perPhoto.length); // one sighting per photo in these scenes
      expect(detections).toBeGreaterThan(30);
    } finally {
      store.close();
    }
    // A retry (the pilot's button) runs the failed photo again from the start, once, and alone: it fails
    // again with the same reason, the 50 others are not touched, and a retry of an analysed photo is refused.
    const brokenId = (listed as unknown as { id: string; filename: string }[]).find((p) => p.filename === 'broken.png')!.id;
    const doneId = (listed as unknown as { id: string; state: string }[]).find((p) => p.state === 'done')!.id;
    expect((await pilot.call('POST', `/api/v1/photos/${doneId}/retry`)).status).toBe(409);
    const retried = await pilot.call('POST', `/api/v1/photos/${brokenId}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.json).toMatchObject({ state: 'queued', error: null, attempts: 0 });
    expect((await pilot.call('POST', `/api/v1/photos/${brokenId}/retry`)).status).toBe(409); // already queued
    await waitFor('the retried photo to fail again', 60_000, async () => (await pilot.call('GET', `/api/v1/photos/${brokenId}`)).json.state === 'failed');
    const again = (await pilot.call('GET', `/api/v1/photos/${brokenId}`)).json as { error: { code: string }; attempts: number };
    expect(again.error.code).toBe('UNREADABLE_IMAGE');
    expect(again.attempts).toBe(1);
    await waitFor('the flight done again', 30_000, async () => (await pilot.call('GET', `/api/v1/flights/${flightId}`)).json.state === 'done');
    expect((await pilot.call('GET', `/api/v1/flights/${flightId}`)).json.photos).toEqual({ uploaded: 0, queued: 0, analysing: 0, done: 50, failed: 1 });
    const after = (await pilot.call('GET', '/metrics')).json as string;
    expect(after).toMatch(/outfall_jobs_total\{outcome="completed"\} 50\b/);
    expect(after).toMatch(/outfall_jobs_total\{outcome="failed"\} 2\b/);

    // Workers are stateless: nothing of the flight was written where they run.
    for (const d of workerDirs) expect(fs.readdirSync(d)).toEqual([]);
  }, 400_000);

  it('restart Redis in the middle of a flight, and it completes', async () => {
    const redisDir = tmp('restart-redis');
    let redis: RedisProcess = await startRedis({ dataDir: redisDir });
    const port = redis.port;
    redises.push({ stop: () => redis.stop() });
    const dataDir = tmp('restart-server');
    const pilot = new Api('', makeToken(dataDir, 'pilot'));
    const serve = await startServe({ dataDir, workers: 1, env: { REDIS_URL: redis.url, ...FAST_LOCKS } });
    procs.push(serve);
    const api = new Api(serve.url, pilot.secret);
    const flightId = (await api.call('POST', '/api/v1/flights', { name: 'restart' })).json.id as string;
    expect((await api.upload(flightId, photoVariants(SAMPLES, 12))).status).toBe(202);
    await waitFor('2 photos done', 120_000, async () => (await api.call('GET', `/api/v1/flights/${flightId}`)).json.photos.done >= 2);

    await redis.stop();
    const during = await api.call('GET', `/api/v1/flights/${flightId}`);
    expect(during.status).toBe(200); // the API keeps serving from the store
    expect((await api.call('GET', '/readyz')).status).toBe(503);
    await new Promise((r) => setTimeout(r, 1500));
    redis = await startRedis({ dataDir: redisDir, port });

    const events = await followUntilDone(api, flightId, 240_000);
    expect(events.at(-1)!.data.photos).toEqual({ uploaded: 0, queued: 0, analysing: 0, done: 12, failed: 0 });
    expect(events.at(-1)!.data.hotspots.total).toBeGreaterThan(0);
    expect((await api.call('GET', '/readyz')).status).toBe(200);
  }, 400_000);
});
