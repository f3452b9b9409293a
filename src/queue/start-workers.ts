import path from 'node:path';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES, type AnalysePhotoData, type AnalysePhotoResult, type RebuildHotspotsData } from './jobs';

/** The compiled sandboxed processor (each job runs in a child process; one model session per child). */
export const ANALYSE_PROCESSOR = path.join(__dirname, '..', 'workers', 'analyse-photo-processor.js');

export interface WorkerTiming {
  /** How long a job's lock lasts without renewal; a worker killed mid-job is noticed after about this. */
  readonly lockMs: number;
  /** How often workers look for stalled jobs (those whose worker died). */
  readonly stalledIntervalMs: number;
}

export const DEFAULT_WORKER_TIMING: WorkerTiming = { lockMs: 30_000, stalledIntervalMs: 30_000 };

/**
 * `concurrency` child processes analysing photos. Each child gets this process's environment plus `env`:
 * OUTFALL_ORIGINALS_DIR (same machine) or OUTFALL_API and OUTFALL_WORKER_TOKEN (another machine).
 */
export function startAnalyseWorkers(connection: Redis, concurrency: number, env: Record<string, string>, timing: WorkerTiming = DEFAULT_WORKER_TIMING, prefix?: string): Worker<AnalysePhotoData, AnalysePhotoResult> {
  return new Worker<AnalysePhotoData, AnalysePhotoResult>(QUEUES.analyse, ANALYSE_PROCESSOR, {
    connection,
    concurrency,
    useWorkerThreads: false,
    // Their own process group: a service manager's SIGTERM to the service's group (systemd's default) must
    // reach the service only, which lets each child finish its photo and then stops it; a child that loses
    // its parent (even to SIGKILL) exits by itself (see the processor).
    workerForkOptions: { env: { ...process.env, ...env }, detached: true },
    lockDuration: timing.lockMs,
    stalledInterval: timing.stalledIntervalMs,
    maxStalledCount: 2,
    ...(prefix ? { prefix } : {}),
  });
}

/** Hotspot rebuilds, in this process (where the database is), one at a time. */
export function startAggregateWorker(connection: Redis, rebuild: (flightId: string) => Promise<void> | void, prefix?: string): Worker<RebuildHotspotsData> {
  return new Worker<RebuildHotspotsData>(QUEUES.aggregate, async (job) => { await rebuild(job.data.flightId); }, {
    connection,
    concurrency: 1,
    ...(prefix ? { prefix } : {}),
  });
}
