/**
 * `npm run bench:api`: the service under upload load. `outfall-scout serve` runs as its own process (its own
 * redis-server, BENCH_WORKERS analysis workers, default 1) while 20 concurrent uploaders send 1 GB of 12 MP
 * drone photos (BENCH_MB to change) and the workers analyse them. Printed, each against a baseline measured
 * in the same run:
 *   - GET /flights/:id latency p50/p99 while uploading, against the same request on the idle server;
 *   - upload throughput, against hashing and writing the same bytes to disk in this process (the floor of
 *     what storing an upload costs);
 *   - the API process's memory (RSS) growth while the 1 GB arrives.
 * Aims (issue 4): p99 under 100 ms, memory growth under 100 MB.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { PROJECT_ROOT } from '../src/config/project-root';
import { freePort } from '../src/queue/start-redis';
import { openStore } from '../src/store/open-store';
import { issueToken } from '../src/store/tokens';

const UPLOADERS = Number(process.env.BENCH_UPLOADERS ?? 20);
const TOTAL_MB = Number(process.env.BENCH_MB ?? 1024);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const POLL_MS = 50;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-bench-api-'));
  const secret = issueTokenIn(dataDir);
  const base = await bigPhoto();
  const count = Math.ceil((TOTAL_MB * 1024 * 1024) / base.length);
  console.log(`bench:api: ${count} photos of ${(base.length / 1e6).toFixed(1)} MB (${((count * base.length) / 1e9).toFixed(2)} GB), ${UPLOADERS} uploaders, ${WORKERS} analysis workers, ${os.cpus().length} cores`);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const serve = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'outfall-scout.js'), 'serve', '--port', String(port), '--host', '127.0.0.1', '--workers', String(WORKERS)],
    { env: { ...withoutRedisUrl(process.env), DATA_DIR: dataDir }, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((r) => serve.once('exit', r));
  let log = '';
  serve.stderr.on('data', (b: Buffer) => { log = (log + b.toString()).slice(-10_000); });
  try {
    await waitReady(url, serve.pid!, () => log);
    const auth = { authorization: `Bearer ${secret}` };
    const flight = (await (await fetch(`${url}/api/v1/flights`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench' }) })).json()) as { id: string };
    const get = async (): Promise<number> => {
      const t = performance.now();
      const res = await fetch(`${url}/api/v1/flights/${flight.id}`, { headers: auth });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET flight: HTTP ${res.status}`);
      return performance.now() - t;
    };

    // Baselines: the idle server, and storing the same bytes locally.
    for (let i = 0; i < 20; i++) await get();
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) idle.push(await get());
    const localMBps = await localStoreRate(base, Math.min(count, 40), dataDir);

    // Load: 20 uploaders, each sending its share one photo per request; a poller reads the flight meanwhile.
    const rssBefore = rssOf(serve.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, rssOf(serve.pid!)); }, 100);
    // The poller runs in its own thread, so the uploaders' work in this process does not delay its readings.
    const poller = startPoller(`${url}/api/v1/flights/${flight.id}`, auth.authorization);
    let next = 0;
    let sent = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: UPLOADERS }, async () => {
      while (next < count) {
        const i = next++;
        const bytes = variant(base, i);
        const form = new FormData();
        form.append('photos', new Blob([bytes], { type: 'image/jpeg' }), `DJI_${String(i).padStart(4, '0')}.JPG`);
        const res = await fetch(`${url}/api/v1/flights/${flight.id}/photos`, { method: 'POST', headers: auth, body: form });
        const body = (await res.json()) as { accepted?: unknown[] };
        if (res.status !== 202 || body.accepted?.length !== 1) throw new Error(`upload ${i}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        sent += bytes.length;
      }
    }));
    const seconds = (performance.now() - t0) / 1000;
    const loaded = await poller.stop();
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, rssOf(serve.pid!));
    const state = (await (await fetch(`${url}/api/v1/flights/${flight.id}`, { headers: auth })).json()) as { photos: Record<string, number> };
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const lagMax = Number(/^outfall_nodejs_eventloop_lag_max_seconds (\S+)/m.exec(metrics)?.[1] ?? NaN) * 1000;
    const lagP99 = Number(/^outfall_nodejs_eventloop_lag_p99_seconds (\S+)/m.exec(metrics)?.[1] ?? NaN) * 1000;

    const mbps = sent / 1e6 / seconds;
    const [i50, i99] = [pct(idle, 50), pct(idle, 99)];
    const [l50, l99] = [pct(loaded, 50), pct(loaded, 99)];
    console.log(`bench:api: GET /flights/:id idle        p50 ${i50.toFixed(1)} ms  p99 ${i99.toFixed(1)} ms  (${idle.length} requests)`);
    console.log(`bench:api: GET /flights/:id uploading   p50 ${l50.toFixed(1)} ms  p99 ${l99.toFixed(1)} ms  (${loaded.length} requests)  = ${(l50 / i50).toFixed(1)}x / ${(l99 / i99).toFixed(1)}x idle  [aim: p99 < 100 ms]`);
    console.log(`bench:api: upload ${(sent / 1e9).toFixed(2)} GB in ${seconds.toFixed(1)} s = ${mbps.toFixed(0)} MB/s, ${(count / seconds).toFixed(1)} photos/s  = ${(mbps / localMBps).toFixed(2)}x hashing+writing locally (${localMBps.toFixed(0)} MB/s)`);
    console.log(`bench:api: API process RSS ${(rssBefore / 1e6).toFixed(0)} MB before, ${(rssPeak / 1e6).toFixed(0)} MB peak: growth ${((rssPeak - rssBefore) / 1e6).toFixed(0)} MB while receiving ${(sent / 1e9).toFixed(2)} GB  [aim: < 100 MB]`);
    console.log(`bench:api: API process event-loop delay since start: p99 ${lagP99.toFixed(1)} ms, max ${lagMax.toFixed(1)} ms`);
    console.log(`bench:api: photos when the upload ended: ${JSON.stringify(state.photos)} (the workers were busy throughout)`);
  } finally {
    serve.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `serve` starts its own redis-server when REDIS_URL is unset. */
function withoutRedisUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const rest = { ...env };
  delete rest.REDIS_URL;
  return rest;
}

/** GET `url` every POLL_MS in a worker thread until stopped; resolves with the latencies in ms. */
function startPoller(url: string, authorization: string): { stop(): Promise<number[]> } {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    let running = true;
    const times = [];
    parentPort.on('message', () => { running = false; });
    (async () => {
      while (running) {
        const t = performance.now();
        const res = await fetch(workerData.url, { headers: { authorization: workerData.authorization } });
        await res.arrayBuffer();
        times.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, workerData.pollMs));
      }
      parentPort.postMessage(times);
    })();`;
  const worker = new Worker(code, { eval: true, workerData: { url, authorization, pollMs: POLL_MS } });
  return {
    stop: () => new Promise((resolve) => {
      worker.once('message', (times: number[]) => { void worker.terminate(); resolve(times); });
      worker.postMessage('stop');
    }),
  };
}

function issueTokenIn(dataDir: string): string {
  const store = openStore(dataDir);
  try {
    return issueToken(store.db, 'pilot', 'bench', null).secret;
  } finally {
    store.close();
  }
}

/** A 12 MP (4000x3000) JPEG from the first sample, with its metadata, at quality 95 (about 8 to 10 MB, like a drone's). */
async function bigPhoto(): Promise<Buffer> {
  const sample = path.join(PROJECT_ROOT, 'samples', 'DJI_0101.JPG');
  const noise = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 12 } } }).png().toBuffer();
  return sharp(sample).resize(4000, 3000).composite([{ input: noise, blend: 'soft-light' }]).keepMetadata().jpeg({ quality: 95 }).toBuffer();
}

/** Distinct bytes per photo: a JPEG comment segment right after the start-of-image marker. */
function variant(base: Buffer, i: number): Buffer {
  const text = Buffer.from(`bench ${i}`);
  return Buffer.concat([base.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, text.length + 2]), text, base.subarray(2)]);
}

async function localStoreRate(base: Buffer, n: number, dir: string): Promise<number> {
  const file = path.join(dir, 'bench-local.tmp');
  const t = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const b = variant(base, i);
    createHash('sha256').update(b).digest('hex');
    await fs.promises.writeFile(file, b);
    bytes += b.length;
  }
  fs.rmSync(file, { force: true });
  return bytes / 1e6 / ((performance.now() - t) / 1000);
}

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function waitReady(url: string, pid: number, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline || !fs.existsSync(`/proc/${pid}`)) throw new Error(`serve did not start:\n${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
