import type { Db } from '../store/open-database';
import { flightProgress, type Flight } from '../store/flights';
import { flightGeneration, hotspotCounts } from '../store/hotspots';

/**
 * A flight with where it stands: photos per state, hotspots per review status, and one overall state:
 * `empty` (no photos yet), `processing` (photos not finished, or hotspots not yet rebuilt from the latest
 * results) or `done`.
 */
export function flightView(db: Db, flight: Flight) {
  const photos = flightProgress(db, flight.id);
  const { generation, built } = flightGeneration(db, flight.id);
  const total = Object.values(photos).reduce((a, b) => a + b, 0);
  const unfinished = photos.uploaded + photos.queued + photos.analysing;
  const state = total === 0 ? 'empty' : unfinished > 0 || built < generation ? 'processing' : 'done';
  return { ...flight, state, photos, hotspots: hotspotCounts(db, flight.id) };
}
