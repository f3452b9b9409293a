import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../api/create-app';
import type { Config } from '../config/load-config';
import { parseModelManifest } from '../inference/model-manifest';
import { AggregateQueue } from '../queue/aggregate-queue';
import { AnalyseQueue } from '../queue/analyse-queue';
import { followAnalyseEvents } from '../queue/analyse-events';
import { connectRedis } from '../queue/redis-connection';
import { startRedis, type RedisProcess } from '../queue/start-redis';
import { startAggregateWorker, startAnalyseWorkers } from '../queue/start-workers';
import { openStore } from '../store/open-store';
import { recordIngest, type PhotoRecord } from '../store/photos';
import { issueToken, listTokens } from '../store/tokens';
import { FlightEvents } from './flight-events';
import { createHttpServer } from './http-server';
import { ingestPhoto } from './ingest-photo';
import { limitConcurrency } from './limit-concurrency';
import { PhotoLifecycle } from './photo-lifecycle';
import { rebuildHotspots } from './rebuild-hotspots';
import { ServiceMetrics } from './service-metrics';
import { withTimeout } from './with-timeout';

export interface ServiceOptions {
  readonly config: Config;
  readonly port: number;
  readonly host?: string;
  /** Analysis child processes in this process; 0 when workers run elsewhere (`outfall-scout worker`). */
  readonly workers: number;
  /** How often the reconciler compares the store with the queue. */
  readonly reconcileMs?: number;
  readonly log?: (message: string) => void;
}

export interface RunningService {
  readonly url: string;
  readonly redisUrl: string;
  /**
   * Drains within the drain limit: stops taking requests, lets running jobs finish and records them, then
   * stops Redis if it started it. What the limit (or a Redis that is gone) cut short is in `unfinished`.
   */
  close(): Promise<DrainResult>;
}

export interface DrainResult {
  readonly complete: boolean;
  readonly unfinished: readonly string[];
}

export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/** The composition root of `serve`: store, Redis, queues, workers, the reconciler and the HTTP API. */
export async function startService(o: ServiceOptions): Promise<RunningService> {
  const log = o.log ?? ((m: string) => process.stderr.write(`${new Date().toISOString()} ${m}\n`));
  const { config } = o;
  // The port first: a port in use fails here, before Redis or any worker has started.
  // Until the API is ready, every request gets a 503 (a load balancer's probe included), never silence.
  const starting = (_req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '1' }).end('{"error":{"code":"STARTING","message":"the service is starting"}}');
  };
  const server = createHttpServer(starting, config);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '0.0.0.0', () => { server.off('error', reject); resolve(); });
  });
  const store = openStore(config.dataDir);
  let redis: RedisProcess | null;
  try {
    redis = config.redisUrl ? null : await startRedis({ dataDir: store.redisDir });
  } catch (e) {
    server.close();
    store.close();
    throw e;
  }
  const redisUrl = config.redisUrl ?? redis!.url;
  if (listTokens(store.db).length === 0) {
    // First start on an empty store: someone must be able to sign in. Shown once; only its hash is kept.
    const { secret } = issueToken(store.db, 'admin', 'first admin (made at first start)', null);
    log(`first start: admin token ${secret} (shown only this once: keep it; sign in with it at the web app, whose Tokens page makes the others, as do POST /api/v1/tokens and \`outfall-scout token create\`)`);
  }
  const conn = {
    queue: connectRedis(redisUrl, 'outfall-queue'),
    events: connectRedis(redisUrl, 'outfall-events'),
    workers: connectRedis(redisUrl, 'outfall-workers'),
    aggregate: connectRedis(redisUrl, 'outfall-aggregate'),
  };
  for (const [name, c] of Object.entries(conn)) c.on('error', (e: Error) => log(`redis (${name}): ${e.message}`));
  const analyse = new AnalyseQueue(conn.queue, { attempts: config.jobAttempts, backoffMs: config.jobBackoffMs });
  const aggregate = new AggregateQueue(conn.queue);
  const metrics = new ServiceMetrics({ analyse: () => withTimeout(analyse.counts(), 1000, 'redis'), aggregate: () => withTimeout(aggregate.counts(), 1000, 'redis') });
  const events = new FlightEvents();
  // Ingest checks run two at a time, each photo once even when the upload and the reconciler both ask.
  const ingestLimit = limitConcurrency(2);
  const ingesting = new Map<string, Promise<void>>();
  const ingest = (photo: PhotoRecord): Promise<void> => {
    const running = ingesting.get(photo.id);
    if (running) return running;
    const task = ingestLimit.run(() => ingestPhoto(store.db, store.originals, photo)).catch((e: Error) => {
      log(`ingest checks of ${photo.id} failed: ${e.message}`);
      recordIngest(store.db, photo.id, {}, [{ code: 'INGEST_FAILED', message: `the ingest checks could not run: ${e.message}` }]);
    }).finally(() => ingesting.delete(photo.id));
    ingesting.set(photo.id, task);
    return task;
  };
  const lifecycle = new PhotoLifecycle({ db: store.db, analyse, aggregate, events, metrics, ingest, log });
  const queueEvents = await followAnalyseEvents(conn.events, {
    active: (id) => lifecycle.active(id),
    progress: (id, p) => lifecycle.progress(id, p),
    finished: (id) => { lifecycle.finished(id).catch((e: Error) => log(`recording ${id}: ${e.message}`)); },
  });
  const aggWorker = startAggregateWorker(conn.aggregate, (flightId) => {
    const built = rebuildHotspots(store.db, flightId);
    events.emit(flightId, { type: 'hotspots', count: built.hotspots });
  });
  aggWorker.on('error', (e) => log(`aggregate worker: ${e.message}`));
  // Same machine: the children read originals from the store's folder.
  const analyseWorker = o.workers > 0 ? startAnalyseWorkers(conn.workers, o.workers, { OUTFALL_ORIGINALS_DIR: store.originals.root }, { lockMs: config.lockMs, stalledIntervalMs: config.lockMs }) : null;
  analyseWorker?.on('error', (e) => log(`analyse worker: ${e.message}`));

  const model = modelName(config.modelDir);
  const app = createApp({
    db: store.db,
    originals: store.originals,
    derivedDir: path.join(config.dataDir, 'derived'),
    limits: { maxFileBytes: config.maxUploadBytes, maxFilesPerRequest: 1000, maxPixels: config.maxPixels, concurrentUploads: 4, idleMs: config.uploadIdleMs },
    events,
    metrics,
    model,
    onPhotoAccepted: (photo) => {
      void ingest(photo)
        .then(() => lifecycle.enqueue(photo))
        .catch((e: Error) => log(`queueing ${photo.id} (the reconciler retries): ${e.message}`));
    },
    retryPhoto: (photo) => withTimeout(lifecycle.retry(photo), 5000, 'redis'),
    ready: async () => ({
      redis: await withTimeout(conn.queue.ping(), 1000, 'redis').then(() => true as const, (e: Error) => e.message),
      store: (() => { try { store.db.prepare('SELECT 1').get(); fs.accessSync(store.originals.root, fs.constants.W_OK); return true as const; } catch (e) { return `store: ${(e as Error).message}`; } })(),
    }),
  });
  server.off('request', starting);
  server.on('request', app);

  let reconciling: Promise<void> | null = null;
  const reconcile = (): Promise<void> => {
    reconciling ??= lifecycle.reconcile().catch((e: Error) => log(`reconcile: ${e.message}`)).finally(() => { reconciling = null; });
    return reconciling;
  };
  void reconcile();
  const timer = setInterval(() => void reconcile(), o.reconcileMs ?? 5000);

  const address = server.address() as AddressInfo;
  const url = `http://${o.host && o.host !== '0.0.0.0' ? o.host : '127.0.0.1'}:${address.port}`;
  log(`outfall-scout serving ${url} (listening on ${o.host ?? 'all addresses'}, port ${address.port}; redis ${redisUrl}${redis ? ', own' : ''}; ${o.workers} analysis workers; model ${model}; data ${config.dataDir})`);

  let closing: Promise<DrainResult> | null = null;
  return {
    url,
    redisUrl,
    close: () => (closing ??= (async () => {
      const limitMs = config.drainMs;
      const deadline = Date.now() + limitMs;
      const unfinished: string[] = [];
      /** One step of the drain, given what is left of the limit; a step cut short is named in the exit message. */
      const step = async (what: string, p: Promise<unknown>): Promise<boolean> => {
        try {
          await withTimeout(p, Math.max(0, deadline - Date.now()), what);
          return true;
        } catch (e) {
          unfinished.push(`${what} (${(e as Error).message.replace(`${what}: `, '')})`);
          return false;
        }
      };
      log(`draining (at most ${limitMs / 1000} s): no new requests; letting running analyses finish`);
      clearInterval(timer);
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2000).unref(); // event streams never end by themselves
      await step('HTTP connections', closed);
      await step('ingest checks', ingestLimit.idle());
      // Analyses and rebuilds report through Redis: without it nothing more can be recorded, and waiting is pointless.
      const redisUp = await withTimeout(conn.queue.ping(), Math.min(2000, Math.max(0, deadline - Date.now())), 'redis').then(() => true, () => false);
      if (!redisUp) {
        unfinished.push('running analyses (Redis does not answer, so their results cannot be recorded)');
      } else {
        if (await step('running analyses', analyseWorker?.close() ?? Promise.resolve())) {
          await step('recording the last results', (reconciling ?? Promise.resolve()).then(() => lifecycle.reconcile()));
        }
        await step('hotspot rebuilds', aggWorker.close());
      }
      // What is left is stopped, not waited for: a worker not yet closed is closed by force (its children
      // killed), the queues and connections are dropped.
      const quick = (p: Promise<unknown> | undefined): Promise<unknown> => withTimeout(p ?? Promise.resolve(), 2000, 'stop').catch(() => undefined);
      await Promise.all([quick(analyseWorker?.close(true)), quick(aggWorker.close(true)), quick(queueEvents.close()), quick(analyse.close()), quick(aggregate.close())]);
      if (redisUp) await Promise.all(Object.values(conn).map((c) => withTimeout(c.quit(), 2000, 'redis quit').catch(() => c.disconnect())));
      else for (const c of Object.values(conn)) c.disconnect();
      await redis?.stop();
      store.close();
      if (unfinished.length === 0) {
        log('stopped');
      } else {
        log(`stopped after the drain limit of ${limitMs / 1000} s; not finished: ${unfinished.join('; ')}. `
          + 'Photos not recorded stay queued or analysing in the store: the next start re-queues and analyses them.');
      }
      return { complete: unfinished.length === 0, unfinished };
    })()),
  };
}

function modelName(modelDir: string): string {
  try {
    const m = parseModelManifest(JSON.parse(fs.readFileSync(path.join(modelDir, 'model.json'), 'utf8')));
    return `${m.name}@${m.version}`;
  } catch {
    return path.basename(modelDir);
  }
}
