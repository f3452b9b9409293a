import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { BBox } from '../detections/detection';
import type { Pixel } from '../geo/photo-geometry';
import { ccwRing } from './ccw-ring';
import type { Hotspot, PhotoFootprint, Report } from './report-model';
import { PRECISION, roundTo } from './round-to';

/** What the run was; written as the foreign member `outfallScout` (RFC 7946 §6.1) only when given. */
export interface ReportMeta {
  /** Outfall Scout's version. */
  readonly version: string;
  /** ISO 8601; the caller passes it so that the same report always gives the same text. */
  readonly generatedAt?: string;
  /** The detection model's name or checksum. */
  readonly model?: string;
  /** Photos given, the failed ones included. */
  readonly photos: number;
  /** The photos that could not be analysed, and why. */
  readonly failures: readonly ReportFailure[];
  /** Photo warnings a reader of the report should see (a heading tag found off and corrected, ...). */
  readonly warnings?: readonly { readonly photo: string; readonly message: string }[];
}

export interface ReportFailure {
  /** The photo's file name (no folder), as the hotspots' observations name it. */
  readonly photo: string;
  /** An AppError code, e.g. UNREADABLE_IMAGE. */
  readonly code: string;
  readonly message: string;
}

export interface ObservationProperties {
  readonly photo: string;
  readonly pixel: Pixel;
  readonly bbox: BBox;
  readonly confidence: number;
}

/** The fixed keys come first; a caller's `extra` keys follow and never replace them. */
export interface HotspotProperties {
  readonly kind: 'hotspot';
  readonly id: string;
  readonly class: string;
  readonly confidence: number;
  readonly observations: readonly ObservationProperties[];
  readonly [extra: string]: unknown;
}

export interface FootprintProperties {
  readonly kind: 'footprint';
  readonly photo: string;
}

export type HotspotFeature = Feature<Point | null, HotspotProperties>;
export type FootprintFeature = Feature<Polygon, FootprintProperties>;

export type ReportFeatureCollection = FeatureCollection<Point | Polygon | null, HotspotProperties | FootprintProperties> & {
  readonly outfallScout?: ReportMeta;
};

/**
 * The report as an RFC 7946 FeatureCollection: one Feature per hotspot (Point [lon, lat], or null geometry
 * when no photo of it had a position), then one Polygon Feature per footprint. Rounded to PRECISION.
 * No `bbox` member (optional, and every reader computes the extent itself), no `crs` (WGS 84 is implied).
 */
export function toGeoJson(report: Report, meta?: ReportMeta): ReportFeatureCollection {
  const features: (HotspotFeature | FootprintFeature)[] = [
    ...report.hotspots.map(hotspotFeature),
    ...(report.footprints ?? []).map(footprintFeature),
  ];
  return meta === undefined ? { type: 'FeatureCollection', features } : { type: 'FeatureCollection', outfallScout: metaMember(meta), features };
}

/** Only the known keys, in a fixed order: a caller's wider object must not leak into the file. */
function metaMember(meta: ReportMeta): ReportMeta {
  return {
    version: meta.version,
    ...(meta.generatedAt === undefined ? {} : { generatedAt: meta.generatedAt }),
    ...(meta.model === undefined ? {} : { model: meta.model }),
    photos: meta.photos,
    failures: meta.failures.map((f) => ({ photo: f.photo, code: f.code, message: f.message })),
    ...(meta.warnings === undefined ? {} : { warnings: meta.warnings.map((w) => ({ photo: w.photo, message: w.message })) }),
  };
}

const FIXED_KEYS: ReadonlySet<string> = new Set(['kind', 'id', 'class', 'confidence', 'observations']);

function hotspotFeature(h: Hotspot): HotspotFeature {
  const extra = Object.entries(h.extra ?? {}).filter(([key]) => !FIXED_KEYS.has(key));
  const properties: HotspotProperties = {
    kind: 'hotspot',
    id: h.id,
    class: h.class,
    confidence: roundTo(h.confidence, PRECISION.confidence),
    observations: h.observations.map((o) => ({
      photo: o.photo,
      pixel: [roundTo(o.pixel[0], PRECISION.pixel), roundTo(o.pixel[1], PRECISION.pixel)],
      bbox: [
        roundTo(o.bbox[0], PRECISION.pixel),
        roundTo(o.bbox[1], PRECISION.pixel),
        roundTo(o.bbox[2], PRECISION.pixel),
        roundTo(o.bbox[3], PRECISION.pixel),
      ],
      confidence: roundTo(o.confidence, PRECISION.confidence),
    })),
    ...Object.fromEntries(extra),
  };
  const geometry: Point | null =
    h.position === null
      ? null
      : { type: 'Point', coordinates: [roundTo(h.position[0], PRECISION.degrees), roundTo(h.position[1], PRECISION.degrees)] };
  return { type: 'Feature', geometry, properties };
}

function footprintFeature(f: PhotoFootprint): FootprintFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [ccwRing(f.ring)] },
    properties: { kind: 'footprint', photo: f.photo },
  };
}
