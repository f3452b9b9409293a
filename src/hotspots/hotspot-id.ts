import { createHash } from 'node:crypto';
import type { Observation } from '../report/report-model';

/** One sighting as hotspot ids are made of: the photo's file name and the source pixel, rounded. */
export function sightingKey(o: Pick<Observation, 'photo' | 'pixel'>): string {
  return `${o.photo}@${o.pixel[0].toFixed(0)},${o.pixel[1].toFixed(0)}`;
}

/**
 * A stable id: the same set of observations always gives the same id, whatever order they come in,
 * so a re-run or a retried job reproduces its hotspots instead of adding new ones.
 */
export function hotspotId(observations: readonly Pick<Observation, 'photo' | 'pixel'>[]): string {
  const keys = observations.map(sightingKey).sort();
  return 'hs-' + createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 12);
}
