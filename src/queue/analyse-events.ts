import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, type AnalyseProgress } from './jobs';

export interface AnalyseListener {
  active(photoId: string): void;
  progress(photoId: string, progress: AnalyseProgress): void;
  /** Finished, either way: the listener reads the outcome from the job (events can be missed; jobs cannot). */
  finished(photoId: string): void;
}

/** Follows the analyse queue's events (from workers on any machine) and hands them to `listener`. */
export async function followAnalyseEvents(connection: Redis, listener: AnalyseListener, prefix?: string): Promise<QueueEvents> {
  const events = new QueueEvents(QUEUES.analyse, { connection, ...(prefix ? { prefix } : {}) });
  events.on('active', ({ jobId }) => listener.active(jobId));
  events.on('progress', ({ jobId, data }) => {
    if (typeof data === 'object' && data !== null && 'stage' in data) listener.progress(jobId, data as AnalyseProgress);
  });
  events.on('completed', ({ jobId }) => listener.finished(jobId));
  events.on('failed', ({ jobId }) => listener.finished(jobId));
  await events.waitUntilReady();
  return events;
}
