import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, type AnalysePhotoData, type AnalysePhotoResult } from './jobs';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** First backoff, doubled at each retry. */
  readonly backoffMs: number;
}

export type AnalyseJobStatus =
  | { readonly state: 'missing' }
  | { readonly state: 'waiting' | 'active' | 'delayed' }
  | { readonly state: 'completed'; readonly result: AnalysePhotoResult }
  | { readonly state: 'failed'; readonly reason: string; readonly attemptsMade: number };

/**
 * The analyse queue, one job per photo with the photo id as job id: adding a photo twice while its job
 * exists is a no-op, so a re-sent upload or a reconciler pass never queues duplicate work. Completed jobs
 * are trimmed after a day (the server has recorded them by then), failed ones after a week.
 */
export class AnalyseQueue {
  readonly queue: Queue<AnalysePhotoData, AnalysePhotoResult>;

  constructor(connection: Redis, private readonly retry: RetryPolicy, prefix?: string) {
    this.queue = new Queue(QUEUES.analyse, { connection, ...(prefix ? { prefix } : {}) });
  }

  async add(data: AnalysePhotoData): Promise<void> {
    await this.queue.add('analyse', data, {
      jobId: data.photoId,
      attempts: this.retry.attempts,
      backoff: { type: 'exponential', delay: this.retry.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 100_000 },
      removeOnFail: { age: 7 * 24 * 3600, count: 100_000 },
    });
  }

  /**
   * The photo's job again from the start, with all its attempts: the old job (failed, kept a week) is
   * removed first, since a job id is queued only once.
   */
  async requeue(data: AnalysePhotoData): Promise<void> {
    const old = await Job.fromId(this.queue, data.photoId);
    if (old) {
      const state = await old.getState();
      if (state !== 'failed' && state !== 'completed') return; // already waiting or running: nothing to do
      await old.remove();
    }
    await this.add(data);
  }

  /** One round trip for a job still running or waiting; the job itself is read only when it has finished. */
  async status(photoId: string): Promise<AnalyseJobStatus> {
    const state = await this.queue.getJobState(photoId);
    if (state === 'unknown') return { state: 'missing' };
    if (state !== 'completed' && state !== 'failed') return { state: state === 'active' || state === 'delayed' ? state : 'waiting' };
    const job = await Job.fromId<AnalysePhotoData, AnalysePhotoResult>(this.queue, photoId);
    if (!job) return { state: 'missing' };
    return state === 'completed' ? { state, result: job.returnvalue } : { state, reason: job.failedReason, attemptsMade: job.attemptsMade };
  }

  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children');
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
