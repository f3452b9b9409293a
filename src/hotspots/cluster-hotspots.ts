import { distance, point } from '@turf/turf';
import type { LonLat } from '../geo/photo-geometry';
import type { Hotspot, Observation } from '../report/report-model';
import type { GroundObservation } from './ground-observation';
import { hotspotId } from './hotspot-id';
import { weightedMedian } from './weighted-median';

/**
 * Sightings of one discharge source across overlapping photos become one hotspot.
 *
 * Two sightings (or a sighting and a growing hotspot) are the same source when their ground points lie
 * within `sigmas` standard deviations of their combined location uncertainty, clamped to
 * [minRadiusM, maxRadiusM]. One photo never contributes two sightings to one hotspot: two detections
 * that survived merging inside a photo are two sources. Greedy, strongest sighting first, then
 * hotspots that still fall within each other's gate are joined; deterministic for a given input.
 * A hotspot sits at the confidence-weighted median of its sightings (robust to one bad heading tag).
 * Sightings with no ground position stay hotspots of their own, with a null position.
 */
export interface ClusterOptions {
  readonly sigmas: number;
  readonly minRadiusM: number;
  readonly maxRadiusM: number;
}

export const CLUSTER_DEFAULTS: ClusterOptions = { sigmas: 3, minRadiusM: 3, maxRadiusM: 30 };

interface Cluster {
  members: GroundObservation[];
  centre: LonLat;
  uncertaintyM: number;
  photos: Set<string>;
}

export function clusterHotspots(observations: readonly GroundObservation[], options: ClusterOptions = CLUSTER_DEFAULTS): Hotspot[] {
  const located = observations.filter((o) => o.ground !== null).sort(strongestFirst);
  const clusters: Cluster[] = [];
  for (const obs of located) {
    const target = nearestWithinGate(clusters, obs.ground!, obs.uncertaintyM, [obs.photo], options);
    if (target) add(target, [obs]);
    else clusters.push(summarise([obs]));
  }
  joinNearbyClusters(clusters, options);
  const hotspots = clusters.map((c) => toHotspot(c.members, c.centre));
  for (const obs of observations.filter((o) => o.ground === null).sort(strongestFirst)) hotspots.push(toHotspot([obs], null));
  return hotspots.sort((a, b) => b.confidence - a.confidence || a.id.localeCompare(b.id));
}

function joinNearbyClusters(clusters: Cluster[], options: ClusterOptions): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < clusters.length && !changed; i++) {
      const a = clusters[i]!;
      const others = clusters.filter((_, j) => j > i);
      const b = nearestWithinGate(others, a.centre, a.uncertaintyM, [...a.photos], options);
      if (b) {
        add(a, b.members);
        clusters.splice(clusters.indexOf(b), 1);
        changed = true;
      }
    }
  }
}

function nearestWithinGate(clusters: readonly Cluster[], at: LonLat, sigma: number, photos: readonly string[], o: ClusterOptions): Cluster | null {
  let best: Cluster | null = null;
  let bestDistance = Infinity;
  for (const c of clusters) {
    if (photos.some((p) => c.photos.has(p))) continue;
    const gate = Math.min(o.maxRadiusM, Math.max(o.minRadiusM, o.sigmas * Math.hypot(sigma, c.uncertaintyM)));
    const d = metres(at, c.centre);
    if (d <= gate && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function add(cluster: Cluster, members: readonly GroundObservation[]): void {
  Object.assign(cluster, summarise([...cluster.members, ...members]));
}

function summarise(members: GroundObservation[]): Cluster {
  const weights = members.map((m) => m.confidence);
  const centre: LonLat = [
    weightedMedian(members.map((m) => m.ground![0]), weights),
    weightedMedian(members.map((m) => m.ground![1]), weights),
  ];
  const sorted = members.map((m) => m.uncertaintyM).sort((a, b) => a - b);
  const uncertaintyM = sorted[Math.floor(sorted.length / 2)]! / Math.sqrt(members.length);
  return { members, centre, uncertaintyM, photos: new Set(members.map((m) => m.photo)) };
}

function toHotspot(members: readonly GroundObservation[], position: LonLat | null): Hotspot {
  const observations: Observation[] = [...members]
    .sort(strongestFirst)
    .map((m) => ({ photo: m.photo, pixel: m.pixel, bbox: m.bbox, confidence: m.confidence }));
  const classWeight = new Map<string, number>();
  for (const m of members) classWeight.set(m.class, (classWeight.get(m.class) ?? 0) + m.confidence);
  const cls = [...classWeight.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  return {
    id: hotspotId(observations),
    class: cls,
    confidence: Math.max(...members.map((m) => m.confidence)),
    position,
    observations,
  };
}

function strongestFirst(a: GroundObservation, b: GroundObservation): number {
  return b.confidence - a.confidence || a.photo.localeCompare(b.photo) || a.pixel[0] - b.pixel[0] || a.pixel[1] - b.pixel[1];
}

function metres(a: LonLat, b: LonLat): number {
  return distance(point(a), point(b), { units: 'meters' });
}
