import type { FlightEvents } from '../service/flight-events';
import type { ServiceMetrics } from '../service/service-metrics';
import type { Db } from '../store/open-database';
import type { Originals } from '../store/originals';
import type { PhotoRecord } from '../store/photos';
import type { UploadLimits } from './receive-photos';

/** What the HTTP API needs, passed in by the service's composition root (or a test). */
export interface AppDeps {
  readonly db: Db;
  readonly originals: Originals;
  /** Thumbnails and evidence crops, made on first request and kept (derived, so safe to delete). */
  readonly derivedDir: string;
  readonly limits: UploadLimits;
  readonly events: FlightEvents;
  readonly metrics: ServiceMetrics;
  /** `name@version` of the detection model, for reports. */
  readonly model: string;
  /** A new photo is stored: check it and queue it (the service does; absent in API-only tests). */
  readonly onPhotoAccepted?: (photo: PhotoRecord) => void;
  /** Analyse a failed photo again (the service queues it; absent in API-only tests: 503). */
  readonly retryPhoto?: (photo: PhotoRecord) => Promise<void>;
  /** Each dependency's readiness, for /readyz. */
  readonly ready?: () => Promise<Record<string, true | string>>;
}
