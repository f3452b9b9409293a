import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestRedis } from '../helpers/redis-server';
import { execFile } from 'node:child_process';
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

  it('without REDIS_URL and without redis-server on PATH, says how to install it and exits 1', async () => {
    const bin = path.join(__dirname, '..', '..', 'bin', 'outfall-scout.js');
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: '/nonexistent', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-noredis-')) };
    delete env.REDIS_URL;
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [bin, 'serve', '--port', '0', '--workers', '0'], { env }, (_e, _out, err) => resolve({ code: child.exitCode, stderr: err }));
    });
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/admin token/); // the first admin is made once the service can start
    expect(stderr).toMatch(/redis-server was not found on PATH: install it \(Debian\/Ubuntu: sudo apt-get install -y redis-server\) or set REDIS_URL/);
    fs.rmSync(env.DATA_DIR!, { recursive: true, force: true });
  });

  it('with its port in use, says so and exits 1 before starting anything', async () => {
    const bin = path.join(__dirname, '..', '..', 'bin', 'outfall-scout.js');
    const busy = (await import('node:net')).createServer().listen(0, '127.0.0.1');
    await new Promise((r) => busy.once('listening', r));
    const port = (busy.address() as { port: number }).port;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-busy-'));
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(process.execPath, [bin, 'serve', '--host', '127.0.0.1', '--port', String(port), '--workers', '0'], { env: { ...process.env, DATA_DIR: dir, REDIS_URL: redis.url }, timeout: 20_000 }, (_e, _out, err) => resolve({ code: child.exitCode, stderr: err }));
    });
    busy.close();
    expect(code).toBe(1);
    expect(stderr).toMatch(/EADDRINUSE/);
    expect(fs.existsSync(path.join(dir, 'outfall.sqlite'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});
