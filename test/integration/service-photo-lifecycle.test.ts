import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AggregateQueue } from '../../src/queue/aggregate-queue';
import type { AnalyseJobStatus, AnalyseQueue } from '../../src/queue/analyse-queue';
import type { AnalysePhotoData } from '../../src/queue/jobs';
import { FlightEvents } from '../../src/service/flight-events';
import { PhotoLifecycle } from '../../src/service/photo-lifecycle';
import type { ServiceMetrics } from '../../src/service/service-metrics';
import { createFlight } from '../../src/store/flights';
import { openDatabase, type Db } from '../../src/store/open-database';
import { addPhoto, getPhoto } from '../../src/store/photos';
import { createToken } from '../../src/store/tokens';
import type { PhotoResult } from '../../src/pipeline/photo-result';

/** The lifecycle's logic over a real SQLite store, with the queue replaced by a small fake (no Redis here). */
describe('PhotoLifecycle (real SQLite, fake queue)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-lifecycle-'));
  let db: Db;
  let statuses: Map<string, AnalyseJobStatus>;
  let added: AnalysePhotoData[];
  let rebuilds: string[];
  let finished: string[];
  let lifecycle: PhotoLifecycle;
  let flightId: string;

  const result = (photo: string): PhotoResult => ({
    photo, path: photo, sha256: 'x', meta: {} as PhotoResult['meta'], intrinsics: null, geometry: null, gsd: null, footprint: null,
    analysisScale: 1, warnings: [], detections: [], observations: [], timings: { decode: 1, inference: 2, total: 3 },
  });
  const photo = (n: number) => addPhoto(db, { flightId, sha256: String(n).repeat(64).slice(0, 64), filename: `DJI_${n}.JPG`, bytes: 10, mediaType: 'image/jpeg' }).photo;

  beforeEach(() => {
    db = openDatabase(path.join(dir, `${Math.random()}.sqlite`));
    flightId = createFlight(db, { name: 'f' }, createToken(db, 'pilot', 'p').token.id).id;
    statuses = new Map();
    added = [];
    rebuilds = [];
    finished = [];
    const analyse = {
      add: (d: AnalysePhotoData) => { added.push(d); return Promise.resolve(); },
      status: async (id: string) => { await new Promise((r) => setTimeout(r, 5)); return statuses.get(id) ?? { state: 'missing' }; },
    } as unknown as AnalyseQueue;
    const aggregate = { rebuild: (id: string) => { rebuilds.push(id); return Promise.resolve(); } } as unknown as AggregateQueue;
    const metrics = { jobFinished: (outcome: string) => finished.push(outcome) } as unknown as ServiceMetrics;
    lifecycle = new PhotoLifecycle({ db, analyse, aggregate, events: new FlightEvents(), metrics, ingest: () => Promise.resolve(), log: () => undefined });
  });
  afterEach(() => db.close());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('records a finished job once when its event and the reconciler arrive together', async () => {
    const p = photo(1);
    await lifecycle.enqueue(p);
    statuses.set(p.id, { state: 'completed', result: { photoId: p.id, result: result(p.filename), quality: [{ code: 'BLURRED', message: 'blurred' }] } });
    await Promise.all([lifecycle.finished(p.id), lifecycle.finished(p.id), lifecycle.reconcile()]);
    expect(finished).toEqual(['completed']);
    const after = getPhoto(db, p.id)!;
    expect(after.state).toBe('done');
    expect(after.warnings.map((w) => w.code)).toEqual(['BLURRED']);
    expect(rebuilds).toContain(flightId);
  });

  it('keeps the code of an unreadable photo and moves states only forward', async () => {
    const p = photo(2);
    await lifecycle.enqueue(p);
    lifecycle.progress(p.id, { stage: 'inference' });
    expect(getPhoto(db, p.id)).toMatchObject({ state: 'analysing', stage: 'inference' });
    statuses.set(p.id, { state: 'failed', reason: 'UNREADABLE_IMAGE: DJI_2.JPG: cannot decode', attemptsMade: 1 });
    await lifecycle.finished(p.id);
    lifecycle.progress(p.id, { stage: 'merge' }); // a late progress event changes nothing
    await lifecycle.enqueue(p); // nor does a late enqueue
    expect(getPhoto(db, p.id)).toMatchObject({ state: 'failed', errorCode: 'UNREADABLE_IMAGE', error: 'DJI_2.JPG: cannot decode' });
    expect(finished).toEqual(['failed']);
  });

  it('reconciles: queues what is uploaded, re-queues what the queue lost', async () => {
    const a = photo(3);
    const b = photo(4);
    await lifecycle.enqueue(b);
    added.length = 0;
    await lifecycle.reconcile(); // a: uploaded, never queued; b: queued, but its job is missing (Redis lost it)
    expect(added.map((d) => d.photoId).sort()).toEqual([a.id, b.id].sort());
    expect(getPhoto(db, a.id)!.state).toBe('queued');
  });
});
