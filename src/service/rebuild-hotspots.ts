import { clusterHotspots } from '../hotspots/cluster-hotspots';
import { flightGeneration, markBuilt } from '../store/hotspots';
import type { Db } from '../store/open-database';
import { flightObservations, replaceHotspots } from '../store/photo-results';

/**
 * Rebuilds a flight's hotspots from every analysed photo's sightings (the same clustering as the CLI), and
 * marks them built from the generation read before: a result that lands meanwhile leaves the flight stale,
 * so the reconciler rebuilds again. Idempotent: the same sightings give the same rows.
 */
export function rebuildHotspots(db: Db, flightId: string): { hotspots: number; generation: number } {
  const { generation } = flightGeneration(db, flightId);
  const hotspots = clusterHotspots(flightObservations(db, flightId));
  db.transaction(() => {
    replaceHotspots(db, flightId, hotspots);
    markBuilt(db, flightId, generation);
  })();
  return { hotspots: hotspots.length, generation };
}
