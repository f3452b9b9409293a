import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRedis, type RedisProcess } from '../../src/queue/start-redis';
import { openStore } from '../../src/store/open-store';
import { photoVariants } from '../helpers/photo-variants';
import { waitFor } from '../helpers/wait-for';
import { Api, makeToken, startServe, type ServiceProcess } from '../helpers/service-process';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');
const DRAIN_S = 6;

/** `serve`'s stop on SIGTERM (real processes, real redis-server, real model): bounded, one signal, and it says what it left. */
describe('SIGTERM drains within its limit', () => {
  const dirs: string[] = [];
  const tmp = (name: string): string => { const d = fs.mkdtempSync(path.join(os.tmpdir(), `outfall-${name}-`)); dirs.push(d); return d; };
  const procs: ServiceProcess[] = [];
  const redises: RedisProcess[] = [];
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    await Promise.all(redises.map((r) => r.stop()));
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  const startFlight = async (redis: RedisProcess, n: number): Promise<{ serve: ServiceProcess; api: Api; flightId: string; dataDir: string }> => {
    const dataDir = tmp('drain-server');
    const secret = makeToken(dataDir, 'pilot');
    const serve = await startServe({ dataDir, workers: 1, env: { REDIS_URL: redis.url, OUTFALL_DRAIN_S: String(DRAIN_S) } });
    procs.push(serve);
    const api = new Api(serve.url, secret);
    const flightId = (await api.call('POST', '/api/v1/flights', { name: 'drain' })).json.id as string;
    expect((await api.upload(flightId, photoVariants(SAMPLES, n))).status).toBe(202);
    return { serve, api, flightId, dataDir };
  };
  const photoStates = (dataDir: string): Record<string, number> => {
    const store = openStore(dataDir);
    try {
      const rows = store.db.prepare('SELECT state, count(*) AS n FROM photos GROUP BY state').all() as { state: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    } finally {
      store.close();
    }
  };

  it('with redis-server killed underneath: one SIGTERM exits within the limit and names what it could not finish', async () => {
    const redisDir = tmp('drain-redis');
    const redis = await startRedis({ dataDir: redisDir });
    redises.push(redis);
    const { serve, api, flightId } = await startFlight(redis, 8);
    await waitFor('a photo analysing', 60_000, async () => (await api.call('GET', `/api/v1/flights/${flightId}`)).json.photos.analysing >= 1);
    process.kill(Number(fs.readFileSync(path.join(redisDir, 'redis-server.pid'), 'utf8')), 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));

    const t0 = Date.now();
    let giveUp: NodeJS.Timeout | undefined;
    const code = await Promise.race([serve.stop('SIGTERM'), new Promise<string>((r) => { giveUp = setTimeout(() => r('still running'), (DRAIN_S + 15) * 1000); })]);
    clearTimeout(giveUp);
    const seconds = (Date.now() - t0) / 1000;
    expect(code).toBe(1); // exited by itself, after the first signal, saying the drain was incomplete
    expect(seconds).toBeLessThan(DRAIN_S + 10);
    const logs = serve.logs();
    expect(logs).toMatch(/not finished: .*redis/i);
    expect(logs).toMatch(/the next start/i);
  }, 120_000);

  it('with Redis up: the photos running at the SIGTERM finish and are recorded before it exits 0', async () => {
    const redis = await startRedis({ dataDir: tmp('drain-redis-up') });
    redises.push(redis);
    const { serve, api, flightId, dataDir } = await startFlight(redis, 8);
    await waitFor('a photo analysing', 60_000, async () => (await api.call('GET', `/api/v1/flights/${flightId}`)).json.photos.analysing >= 1);
    expect(await serve.stop('SIGTERM')).toBe(0);
    expect(serve.logs()).toMatch(/Z stopped$/m); // everything finished: no list of what was left
    expect(serve.logs()).not.toMatch(/not finished/);
    const states = photoStates(dataDir);
    expect(states.done ?? 0).toBeGreaterThanOrEqual(1); // the one that was running was recorded
    expect(states.analysing ?? 0).toBe(0);
  }, 120_000);
});
