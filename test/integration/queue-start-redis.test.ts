import net from 'node:net';
import { startRedis } from '../../src/queue/start-redis';
import { isAppError } from '../../src/errors';
import { startTestRedis } from '../helpers/redis-server';

/** One RESP command over a raw socket (this test checks the process, not a client library). */
function command(port: number, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const body = `*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('');
    sock.once('connect', () => sock.write(body));
    sock.once('data', (d) => { sock.end(); resolve(d.toString()); });
    sock.once('error', reject);
  });
}

describe('startRedis', () => {
  it('runs a redis-server on a free port that keeps its data across a restart (append-only file)', async () => {
    const first = await startTestRedis();
    try {
      expect(await command(first.port, 'SET', 'flight', 'f-1')).toBe('+OK\r\n');
      await first.stop();
      const again = await startRedis({ dataDir: first.dataDir, port: first.port });
      expect(await command(again.port, 'GET', 'flight')).toBe('$3\r\nf-1\r\n');
      await again.stop();
    } finally {
      await first.remove();
    }
  });

  it('says how to install redis-server when it is not on PATH', async () => {
    const e: unknown = await startRedis({ dataDir: '/tmp/outfall-redis-missing', bin: 'no-such-redis-server' }).catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe('MISSING_DEPENDENCY');
    expect(String(e)).toMatch(/apt-get install -y redis-server/);
  });
});
