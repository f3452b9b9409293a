import type { LonLat, Pixel } from '../geo/photo-geometry';
import type { Hotspot } from '../report/report-model';

/** One photo's sighting as the report holds it, placed where its hotspot lies. */
export interface ReportedObservation {
  readonly pixel: Pixel;
  readonly confidence: number;
  /** The hotspot's position: where the report puts the source (null when no photo of it had a position). */
  readonly ground: LonLat | null;
}

/**
 * What a report says each photo shows: the observations of all hotspots, regrouped by photo file name,
 * strongest first. clusterHotspots puts every observation into exactly one hotspot and never joins two
 * of one photo, so these are exactly the per-photo observations of the pipeline (one per detection),
 * nothing dropped or merged; reading them from the report keeps the eval honest if that ever changes.
 */
export function observationsByPhoto(hotspots: readonly Hotspot[]): Map<string, ReportedObservation[]> {
  const out = new Map<string, ReportedObservation[]>();
  for (const h of hotspots) {
    for (const o of h.observations) {
      const list = out.get(o.photo) ?? [];
      list.push({ pixel: o.pixel, confidence: o.confidence, ground: h.position });
      out.set(o.photo, list);
    }
  }
  for (const list of out.values()) list.sort((a, b) => b.confidence - a.confidence);
  return out;
}
