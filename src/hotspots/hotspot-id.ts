import { createHash } from 'node:crypto';
import type { Observation } from '../report/report-model';

/**
 * A stable id: the same set of observations always gives the same id, whatever order they come in,
 * so a re-run or a retried job reproduces its hotspots instead of adding new ones.
 */
export function hotspotId(observations: readonly Pick<Observation, 'photo' | 'pixel'>[]): string {
  const keys = observations.map((o) => `${o.photo}@${o.pixel[0].toFixed(0)},${o.pixel[1].toFixed(0)}`).sort();
  return 'hs-' + createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 12);
}
