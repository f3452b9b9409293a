import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { AggregateQueue } from '../../src/queue/aggregate-queue';
import { connectRedis } from '../../src/queue/redis-connection';
import { startAggregateWorker } from '../../src/queue/start-workers';
import { startTestRedis } from '../helpers/redis-server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('per-flight hotspot rebuilds (real redis-server)', () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let conns: Redis[];
  let queue: AggregateQueue;
  let worker: Worker;
  const runs: { flight: string; start: number; end: number }[] = [];
  const started: string[] = [];

  beforeAll(async () => {
    redis = await startTestRedis();
    conns = [connectRedis(redis.url, 'q'), connectRedis(redis.url, 'w')];
    queue = new AggregateQueue(conns[0]!);
    worker = startAggregateWorker(conns[1]!, async (flight) => {
      const start = Date.now();
      started.push(flight);
      await sleep(400);
      runs.push({ flight, start, end: Date.now() });
    });
    await worker.waitUntilReady();
  });
  afterAll(async () => {
    await worker.close();
    await queue.close();
    for (const c of conns) c.disconnect();
    await redis.remove();
  });

  const settle = async () => {
    for (let i = 0; i < 100; i++) {
      const c = await queue.counts();
      if (c.waiting === 0 && c.active === 0 && c.delayed === 0) return;
      await sleep(100);
    }
    throw new Error('rebuilds did not settle');
  };

  it('turns a burst of 30 completions into one rebuild, and completions during a rebuild into exactly one more', async () => {
    await Promise.all(Array.from({ length: 30 }, () => queue.rebuild('f1')));
    await queue.rebuild('f2');
    while (!started.includes('f1')) await sleep(20);
    expect(runs.filter((r) => r.flight === 'f1')).toHaveLength(0); // the f1 rebuild is running now
    await Promise.all(Array.from({ length: 10 }, () => queue.rebuild('f1')));
    await settle();
    const f1 = runs.filter((r) => r.flight === 'f1');
    expect(f1).toHaveLength(2);
    expect(runs.filter((r) => r.flight === 'f2')).toHaveLength(1);
    expect(f1[1]!.start).toBeGreaterThanOrEqual(f1[0]!.end); // never two at once for one flight
  }, 30_000);
});
