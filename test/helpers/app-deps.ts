import path from 'node:path';
import type { AppDeps } from '../../src/api/app-deps';
import { FlightEvents } from '../../src/service/flight-events';
import { ServiceMetrics } from '../../src/service/service-metrics';
import type { Db } from '../../src/store/open-database';
import { Originals } from '../../src/store/originals';

/** The API's dependencies over a real store in `dir`, without queues (photos stay `uploaded`). */
export function testAppDeps(db: Db, dir: string, overrides: Partial<AppDeps> = {}): AppDeps {
  const noQueue = (): Promise<Record<string, number>> => Promise.resolve({});
  return {
    db,
    originals: new Originals(path.join(dir, 'originals')),
    derivedDir: path.join(dir, 'derived'),
    limits: { maxFileBytes: 5 * 1024 * 1024, maxFilesPerRequest: 50, maxPixels: 100_000_000, concurrentUploads: 4 },
    events: new FlightEvents(),
    metrics: new ServiceMetrics({ analyse: noQueue, aggregate: noQueue }),
    model: 'test-model@0',
    ...overrides,
  };
}
