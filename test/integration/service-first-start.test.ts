import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestRedis } from '../helpers/redis-server';
import { Api, startServe } from '../helpers/service-process';

describe('the first start of `serve` on an empty data directory', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-first-'));
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  beforeAll(async () => { redis = await startTestRedis(); });
  afterAll(async () => {
    await redis.remove();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints one admin token, once, that works; a restart prints none', async () => {
    const env = { REDIS_URL: redis.url };
    const first = await startServe({ dataDir, workers: 0, env });
    const secret = /first start: admin token (osk_\S+)/.exec(first.logs())?.[1];
    expect(secret).toBeDefined();
    const admin = new Api(first.url, secret!);
    const tokens = await admin.call('GET', '/api/v1/tokens');
    expect(tokens.status).toBe(200);
    expect(tokens.json.tokens).toHaveLength(1);
    expect(JSON.stringify(tokens.json)).not.toContain(secret);
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await startServe({ dataDir, workers: 0, env });
    expect(second.logs()).not.toMatch(/first start/);
    expect((await new Api(second.url, secret!).call('GET', '/api/v1/flights')).status).toBe(200);
    expect(await second.stop('SIGTERM')).toBe(0);
  }, 60_000);
});
