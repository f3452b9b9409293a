/** What the map page reads from the API (GET /flights/:id/photos and /flights/:id/hotspots). */
export type ReviewStatus = 'pending' | 'confirmed' | 'rejected';
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['pending', 'confirmed', 'rejected'];
export type StatusFilter = ReviewStatus | 'all';

export interface MapPhoto {
  readonly id: string;
  readonly filename: string;
  readonly state: string;
  readonly footprint: { readonly type: 'Polygon'; readonly coordinates: readonly (readonly [number, number])[][] } | null;
  /** Top-left, top-right, bottom-right, bottom-left of the image on the ground, [lon, lat]. */
  readonly groundCorners: readonly [number, number][] | null;
}

export interface MapHotspot {
  readonly id: string;
  readonly confidence: number;
  /** [lon, lat]; null when no photo of it had a position. */
  readonly position: readonly [number, number] | null;
  readonly status: ReviewStatus;
}

/** What the map shows and the downloads hold: a review status, and a confidence floor (0 to 1). */
export interface HotspotFilter {
  readonly status: StatusFilter;
  readonly minConfidence: number;
}

/** The hotspots the filter lets through, in the API's order (best first): the same rule as the server's reports. */
export function filterHotspots(hotspots: readonly MapHotspot[], filter: HotspotFilter): MapHotspot[] {
  return hotspots.filter((h) => (filter.status === 'all' || h.status === filter.status) && h.confidence >= filter.minConfidence);
}

/** The report query for the filter: `status=…`, and `minConfidence=…` when there is a floor. */
export function filterQuery(filter: HotspotFilter): string {
  const q = new URLSearchParams({ status: filter.status });
  if (filter.minConfidence > 0) q.set('minConfidence', String(filter.minConfidence));
  return q.toString();
}

/**
 * [[south, west], [north, east]] around the ground the photos cover (footprints and ground corners), where
 * the evidence is; around the hotspots when no photo has a place; null when nothing has one.
 */
export function flightBounds(photos: readonly MapPhoto[], hotspots: readonly MapHotspot[]): [[number, number], [number, number]] | null {
  const covered = photos.flatMap((p) => [...(p.footprint?.coordinates[0] ?? []), ...(p.groundCorners ?? [])]);
  const points = covered.length > 0 ? covered : hotspots.flatMap((h) => (h.position ? [h.position] : []));
  if (points.length === 0) return null;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return [[Math.min(...lats), Math.min(...lons)], [Math.max(...lats), Math.max(...lons)]];
}
