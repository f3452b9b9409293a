import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { AppError } from '../errors';

/** A redis-server child process on a free local port; `stop()` shuts it down (SIGTERM, then SIGKILL). */
export interface RedisProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface StartRedisOptions {
  /** Where the append-only file lives (created when missing). */
  readonly dataDir: string;
  /** Fixed port (a restart on the same port); default a free one. */
  readonly port?: number;
  readonly bin?: string;
  readonly readyTimeoutMs?: number;
}

export const REDIS_INSTALL_HINT = 'install it (Debian/Ubuntu: sudo apt-get install -y redis-server) or set REDIS_URL';

/**
 * Starts `redis-server` bound to 127.0.0.1 with append-only persistence under `dataDir` (appendfsync
 * everysec, no RDB snapshots), and resolves once it accepts connections. A missing binary is a
 * MISSING_DEPENDENCY error that says how to install it.
 */
export async function startRedis(o: StartRedisOptions): Promise<RedisProcess> {
  fs.mkdirSync(o.dataDir, { recursive: true });
  const pidFile = path.join(o.dataDir, 'redis-server.pid');
  await stopLeftover(pidFile);
  const port = o.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', o.dataDir, '--appendonly', 'yes',
    '--appendfsync', 'everysec', '--save', '', '--daemonize', 'no', '--loglevel', 'warning', '--pidfile', pidFile];
  // Its own process group: a Ctrl-C or a SIGTERM to the service's group must not stop Redis before the
  // service has drained; the service stops it last.
  const child = spawn(o.bin ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  await waitReady(child, port, o.readyTimeoutMs ?? 10_000);
  return { url: `redis://127.0.0.1:${port}`, port, dataDir: o.dataDir, stop: () => stopChild(child) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function waitReady(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (b: Buffer): void => { output = (output + b.toString()).slice(-4000); };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const deadline = Date.now() + timeoutMs;
    let settled = false;
    const fail = (e: Error): void => { settled = true; clearTimeout(timer); reject(e); };
    child.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ENOENT'
      ? new AppError('MISSING_DEPENDENCY', `redis-server was not found on PATH: ${REDIS_INSTALL_HINT}`, { cause: e })
      : e));
    child.once('exit', (code) => fail(new AppError('IO', `redis-server exited (${code}) before it was ready: ${output.trim()}`)));
    let timer: NodeJS.Timeout;
    const probe = (): void => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => sock.end('PING\r\n'));
      sock.once('data', (d) => {
        sock.destroy();
        if (settled) return;
        if (d.toString().startsWith('+PONG')) { settled = true; child.removeAllListeners('exit'); resolve(); } else retry();
      });
      sock.once('error', () => { sock.destroy(); retry(); });
    };
    const retry = (): void => {
      if (settled) return;
      if (Date.now() > deadline) { child.kill('SIGKILL'); fail(new AppError('IO', `redis-server did not answer on port ${port}: ${output.trim()}`)); return; }
      timer = setTimeout(probe, 50);
    };
    probe();
  });
}

/**
 * A redis-server left running on this data folder by a service that was killed (kill -9, power cut of the
 * parent only): two servers must never share one append-only file, so the old one is stopped first.
 */
async function stopLeftover(pidFile: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 1 || !isRedis(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && isRedis(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (isRedis(pid)) process.kill(pid, 'SIGKILL');
}

function isRedis(pid: number): boolean {
  try {
    return /redis-server/.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    child.kill('SIGTERM');
  });
}
