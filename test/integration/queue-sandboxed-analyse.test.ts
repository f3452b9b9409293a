import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { QUEUES, type AnalysePhotoData, type AnalysePhotoResult } from '../../src/queue/jobs';
import { Originals } from '../../src/store/originals';
import { startTestRedis } from '../helpers/redis-server';

const ROOT = path.join(__dirname, '..', '..');
const PROCESSOR = path.join(ROOT, 'dist', 'workers', 'analyse-photo-processor.js');

describe('analyse-photo in a BullMQ sandboxed processor (real redis-server, real model)', () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  let queue: Queue<AnalysePhotoData, AnalysePhotoResult>;
  let events: QueueEvents;
  let worker: Worker<AnalysePhotoData, AnalysePhotoResult>;
  const name = `${QUEUES.analyse}-${process.pid}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-sandbox-'));
  const originals = new Originals(path.join(tmp, 'originals'));
  const store = async (file: string): Promise<string> => (await originals.putStream(fs.createReadStream(file))).sha256;

  beforeAll(async () => {
    redis = await startTestRedis();
    const connection = { host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null };
    queue = new Queue(name, { connection });
    events = new QueueEvents(name, { connection });
    // The child processes read originals from the server's folder (same machine).
    worker = new Worker(name, PROCESSOR, { connection, concurrency: 1, useWorkerThreads: false,
      workerForkOptions: { env: { ...process.env, OUTFALL_ORIGINALS_DIR: originals.root } } });
    await Promise.all([events.waitUntilReady(), worker.waitUntilReady()]);
  }, 30_000);

  afterAll(async () => {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await redis.remove();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('finds the sample discharge in a child process and hands the result back through the queue', async () => {
    const sha256 = await store(path.join(ROOT, 'samples', 'DJI_0101.JPG'));
    const job = await queue.add('analyse', { photoId: 'p1', flightId: 'f1', sha256, filename: 'DJI_0101.JPG' });
    const out = await job.waitUntilFinished(events, 60_000);
    expect(out.photoId).toBe('p1');
    expect(out.result.detections).toHaveLength(1);
    expect(out.result.observations[0]!.pixel[0]).toBeCloseTo(834, -2);
    expect(out.result.sha256).toBe(sha256);
  }, 90_000);

  it('fails a photo that is not an image once, with its reason, without retrying', async () => {
    const bad = path.join(tmp, 'fake.jpg');
    fs.writeFileSync(bad, '<html>not a photo</html>');
    const job = await queue.add('analyse', { photoId: 'p2', flightId: 'f1', sha256: await store(bad), filename: 'fake.jpg' }, { attempts: 3, backoff: { type: 'exponential', delay: 100 } });
    await expect(job.waitUntilFinished(events, 60_000)).rejects.toThrow(/UNREADABLE_IMAGE|UNSUPPORTED_FORMAT/);
    const after = await queue.getJob(job.id!);
    expect(after!.attemptsMade).toBe(1);
  }, 90_000);
});
