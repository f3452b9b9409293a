import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../src/queue/start-redis';
import { openStore } from '../../src/store/open-store';
import { issueToken, type Role } from '../../src/store/tokens';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'outfall-scout.js');

/** A real `outfall-scout serve` or `worker` process (own process group, so a kill reaches its children). */
export interface ServiceProcess {
  readonly url: string;
  readonly proc: ChildProcess;
  logs(): string;
  /** Sends `signal` to the whole process group and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited(): Promise<number | null>;
}

function launch(args: string[], env: NodeJS.ProcessEnv, url: string): ServiceProcess {
  const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined && v !== ''));
  const proc = spawn(process.execPath, [BIN, ...args], { env: merged, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer): void => { out = (out + b.toString()).slice(-20_000); };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return {
    url,
    proc,
    logs: () => out,
    exited: () => exit,
    stop: async (signal = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) {
        try { process.kill(-proc.pid!, signal); } catch { /* already gone */ }
      }
      return exit;
    },
  };
}

/** `serve` on a free port; resolves once /readyz answers 200. */
export async function startServe(o: { dataDir: string; workers: number; env?: NodeJS.ProcessEnv }): Promise<ServiceProcess> {
  const port = await freePort();
  const p = launch(['serve', '--port', String(port), '--host', '127.0.0.1', '--workers', String(o.workers)], { DATA_DIR: o.dataDir, ...o.env }, `http://127.0.0.1:${port}`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (p.proc.exitCode !== null) throw new Error(`serve exited (${p.proc.exitCode}):\n${p.logs()}`);
    const ok = await fetch(`${p.url}/readyz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return p;
    if (Date.now() > deadline) { await p.stop('SIGKILL'); throw new Error(`serve not ready after 30 s:\n${p.logs()}`); }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `worker --api URL` with its own data directory; resolves once it says it is running. */
export async function startWorkerProcess(o: { api: string; dataDir: string; workers: number; env: NodeJS.ProcessEnv }): Promise<ServiceProcess> {
  const p = launch(['worker', '--api', o.api, '--workers', String(o.workers)], { DATA_DIR: o.dataDir, ...o.env }, o.api);
  const deadline = Date.now() + 30_000;
  while (!/analysis processes/.test(p.logs())) {
    if (p.proc.exitCode !== null) throw new Error(`worker exited (${p.proc.exitCode}):\n${p.logs()}`);
    if (Date.now() > deadline) { await p.stop('SIGKILL'); throw new Error(`worker not ready:\n${p.logs()}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return p;
}

/** A token straight in the store (before the server opens it, or beside it: SQLite WAL allows both). */
export function makeToken(dataDir: string, role: Role, name: string = role): string {
  const store = openStore(dataDir);
  try {
    return issueToken(store.db, role, name, null).secret;
  } finally {
    store.close();
  }
}

/** A small client of the API for tests. */
export class Api {
  constructor(readonly url: string, readonly secret: string | null) {}

  async call(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; res: Response }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const h: Record<string, string> = { ...headers };
    if (this.secret) h.authorization = `Bearer ${this.secret}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await fetch(this.url + route, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json: unknown = null;
    try { json = JSON.parse(text); } catch { json = text; }
    return { status: res.status, json, res };
  }

  async upload(flightId: string, files: readonly { name: string; bytes: Uint8Array; field?: string }[]): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const form = new FormData();
    for (const f of files) form.append(f.field ?? 'photos', new Blob([f.bytes], { type: 'image/jpeg' }), f.name);
    const res = await fetch(`${this.url}/api/v1/flights/${flightId}/photos`, { method: 'POST', headers: this.secret ? { authorization: `Bearer ${this.secret}` } : {}, body: form });
    return { status: res.status, json: await res.json() };
  }
}

export interface SseEvent { readonly event: string; readonly data: any } // eslint-disable-line @typescript-eslint/no-explicit-any

/** Follows GET /flights/:id/events until a `done` event (or the timeout), returning every event seen. */
export async function followUntilDone(api: Api, flightId: string, timeoutMs: number, onEvent?: (e: SseEvent) => void): Promise<SseEvent[]> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  const events: SseEvent[] = [];
  try {
    const res = await fetch(`${api.url}/api/v1/flights/${flightId}/events`, { headers: { authorization: `Bearer ${api.secret}` }, signal: ctrl.signal });
    if (res.status !== 200 || !res.body) throw new Error(`events: HTTP ${res.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        const e = { event, data: JSON.parse(data) as unknown };
        events.push(e);
        onEvent?.(e);
        if (event === 'done') return events;
      }
    }
    throw new Error('the event stream ended before done');
  } catch (e) {
    if (ctrl.signal.aborted) throw new Error(`no done event within ${timeoutMs} ms; last: ${JSON.stringify(events.at(-1) ?? null)}`);
    throw e;
  } finally {
    clearTimeout(timer);
    ctrl.abort();
  }
}
