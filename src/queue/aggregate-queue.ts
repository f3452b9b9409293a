import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, type RebuildHotspotsData } from './jobs';

/**
 * Per-flight hotspot rebuilds, deduplicated by flight: a burst of photo completions adds one job; one that
 * lands while a rebuild runs keeps exactly one follow-up (BullMQ keepLastIfActive), so a rebuild never
 * misses a photo and two never run at once for the same flight.
 */
export class AggregateQueue {
  readonly queue: Queue<RebuildHotspotsData>;

  constructor(connection: Redis, prefix?: string) {
    this.queue = new Queue(QUEUES.aggregate, { connection, ...(prefix ? { prefix } : {}) });
  }

  async rebuild(flightId: string, delayMs = 250): Promise<void> {
    await this.queue.add('rebuild', { flightId }, {
      deduplication: { id: `rebuild-${flightId}`, keepLastIfActive: true },
      delay: delayMs,
      attempts: 5,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
