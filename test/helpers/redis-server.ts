import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRedis, type RedisProcess } from '../../src/queue/start-redis';

/** A real redis-server on a free port with its own temporary data folder, removed by `stop()`. */
export async function startTestRedis(): Promise<RedisProcess & { remove(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-redis-'));
  const redis = await startRedis({ dataDir });
  return { ...redis, remove: async () => { await redis.stop(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
}
