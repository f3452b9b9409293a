import type { AggregateQueue } from '../queue/aggregate-queue';
import type { AnalyseQueue } from '../queue/analyse-queue';
import type { AnalyseProgress, AnalysePhotoData } from '../queue/jobs';
import type { Db } from '../store/open-database';
import { staleFlights } from '../store/hotspots';
import { addWarnings, getPhoto, markAnalysing, markQueued, markRequeued, unfinishedPhotos, type PhotoRecord } from '../store/photos';
import { recordPhotoFailure, recordPhotoResult } from '../store/photo-results';
import type { FlightEvents } from './flight-events';
import type { ServiceMetrics } from './service-metrics';

export interface LifecycleDeps {
  readonly db: Db;
  readonly analyse: AnalyseQueue;
  readonly aggregate: AggregateQueue;
  readonly events: FlightEvents;
  readonly metrics: ServiceMetrics;
  /** Ingest checks for a photo stored but not yet checked (after a crash between the two). */
  readonly ingest: (photo: PhotoRecord) => Promise<void>;
  readonly log: (message: string) => void;
}

/**
 * Moves photos through uploaded → queued → analysing → done | failed, in the one process that writes the
 * store. Queue events are the fast path; `reconcile()` is the safety net that makes the store agree with the
 * queue whatever was missed (a server restart, a Redis restart, a lost event): it queues what is not queued,
 * records what finished, re-queues what the queue lost, and rebuilds the hotspots of stale flights. Every
 * step is idempotent, so running it twice, or racing an event, changes nothing.
 */
export class PhotoLifecycle {
  constructor(private readonly d: LifecycleDeps) {}

  /** After upload and ingest checks: hand the photo to the workers. */
  async enqueue(photo: PhotoRecord): Promise<void> {
    await this.d.analyse.add(jobOf(photo));
    if (markQueued(this.d.db, photo.id)) this.changed(photo.flightId, { type: 'photo', photoId: photo.id, state: 'queued' });
  }

  /**
   * A failed photo analysed again (the pilot's retry). The queue first, then the store: if the server stops
   * in between, the job still runs and its outcome is recorded over the old failure.
   */
  async retry(photo: PhotoRecord): Promise<void> {
    await this.d.analyse.requeue(jobOf(photo));
    if (markRequeued(this.d.db, photo.id)) this.changed(photo.flightId, { type: 'photo', photoId: photo.id, state: 'queued' });
  }

  active(photoId: string): void {
    this.analysing(photoId, null);
  }

  progress(photoId: string, p: AnalyseProgress): void {
    this.analysing(photoId, p.stage);
  }

  /** A job finished (event or reconcile): record its outcome from the job itself. */
  async finished(photoId: string): Promise<void> {
    if (!getPhoto(this.d.db, photoId)) return;
    const status = await this.d.analyse.status(photoId);
    // Read the photo after the await: an event and the reconciler may both be here for the same job, and
    // from this check to the record below nothing else runs (SQLite calls are synchronous), so one records.
    const photo = getPhoto(this.d.db, photoId)!;
    if (status.state === 'completed') {
      if (photo.state === 'done' && photo.analysedAt) return;
      this.d.db.transaction(() => {
        recordPhotoResult(this.d.db, photoId, status.result.result);
        addWarnings(this.d.db, photoId, status.result.quality ?? []);
      })();
      this.d.metrics.jobFinished('completed', status.result.result.timings);
      this.changed(photo.flightId, { type: 'photo', photoId, state: 'done' });
      await this.rebuild(photo.flightId);
    } else if (status.state === 'failed') {
      if (photo.state === 'failed') return;
      const [code, ...rest] = status.reason.split(': ');
      const known = /^[A-Z_]+$/.test(code ?? '') && rest.length > 0;
      recordPhotoFailure(this.d.db, photoId, known ? code! : 'ANALYSIS_FAILED', known ? rest.join(': ') : status.reason);
      this.d.metrics.jobFinished('failed');
      this.changed(photo.flightId, { type: 'photo', photoId, state: 'failed', error: status.reason });
      await this.rebuild(photo.flightId);
    }
  }

  async rebuild(flightId: string): Promise<void> {
    try {
      await this.d.aggregate.rebuild(flightId);
    } catch (e) {
      // Redis away: the flight stays stale in the store and the reconciler queues the rebuild later.
      this.d.log(`rebuild of ${flightId} not queued yet: ${(e as Error).message}`);
    }
  }

  /** The safety net; see the class comment. */
  async reconcile(): Promise<void> {
    for (const photo of unfinishedPhotos(this.d.db)) {
      if (photo.state === 'uploaded') {
        if (photo.meta === null) await this.d.ingest(photo);
        await this.enqueue(photo);
        continue;
      }
      const status = await this.d.analyse.status(photo.id);
      if (status.state === 'missing') await this.d.analyse.add(jobOf(photo));
      else if (status.state === 'completed' || status.state === 'failed') await this.finished(photo.id);
    }
    for (const flightId of staleFlights(this.d.db)) await this.rebuild(flightId);
  }

  private analysing(photoId: string, stage: string | null): void {
    const photo = getPhoto(this.d.db, photoId);
    if (!photo) return;
    if (markAnalysing(this.d.db, photoId, stage)) this.changed(photo.flightId, { type: 'photo', photoId, state: 'analysing', stage });
  }

  private changed(flightId: string, e: Parameters<FlightEvents['emit']>[1]): void {
    this.d.events.emit(flightId, e);
  }
}

function jobOf(photo: PhotoRecord): AnalysePhotoData {
  return { photoId: photo.id, flightId: photo.flightId, sha256: photo.sha256, filename: photo.filename };
}
