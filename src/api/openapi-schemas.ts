import { ACTIONS } from './permissions';
import { PHOTO_STATES } from '../store/flights';
import { REVIEW_DECISIONS, REVIEW_STATUSES } from '../store/reviews';
import { ROLES } from '../store/tokens';

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/** The part of JSON Schema 2020-12 (OpenAPI 3.1's Schema Object) this document uses. */
export interface Schema {
  readonly $ref?: string;
  readonly type?: SchemaType | readonly [SchemaType, 'null'];
  readonly format?: string;
  readonly description?: string;
  readonly enum?: readonly (string | boolean)[];
  readonly default?: string | number;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  /** Absent: the object has exactly the properties named (the tests hold responses to that). */
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly oneOf?: readonly Schema[];
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const nullableStr: Schema = { type: ['string', 'null'] };
const int: Schema = { type: 'integer' };
const num: Schema = { type: 'number' };
const time: Schema = { type: 'string', format: 'date-time' };
const nullableTime: Schema = { type: ['string', 'null'], format: 'date-time' };
const orNull = (s: Schema, description?: string): Schema => ({ oneOf: [s, { type: 'null' }], ...(description ? { description } : {}) });
const pair = (description: string): Schema => ({ type: 'array', items: num, minItems: 2, maxItems: 2, description });
const listOf = (key: string, item: string): Schema => ({ type: 'object', properties: { [key]: { type: 'array', items: ref(item) } }, required: [key] });
const counts = (keys: readonly string[]): Schema => ({ type: 'object', properties: Object.fromEntries(keys.map((k) => [k, int])), required: keys });

const PHOTO_SUMMARY: Readonly<Record<string, Schema>> = {
  id: str, flightId: str, filename: str, sha256: str, bytes: int,
  mediaType: { type: ['string', 'null'], description: 'Sniffed from the bytes (image/jpeg, image/png, ...).' },
  state: { type: 'string', enum: PHOTO_STATES },
  stage: { type: ['string', 'null'], description: 'The analysis stage running now (decode, tiles, inference, merge).' },
  attempts: int,
  error: { type: ['object', 'null'], properties: { code: str, message: nullableStr }, required: ['code', 'message'] },
  warnings: { type: 'array', items: ref('Warning') },
  footprint: orNull(ref('Polygon')),
  groundCorners: orNull({ type: 'array', items: ref('LonLat'), minItems: 4, maxItems: 4 },
    "Where the displayed image's corners land on the ground: top-left, top-right, bottom-right, bottom-left (for laying the photo on a map). Null without geometry, when a corner misses the ground (oblique), or for photos ingested before it was recorded."),
  createdAt: time, analysedAt: nullableTime,
};

const HOTSPOT: Readonly<Record<string, Schema>> = {
  id: str, flightId: str, class: str, confidence: num, position: orNull(ref('LonLat'), 'null when no photo of it had a position'),
  status: { type: 'string', enum: REVIEW_STATUSES }, review: orNull(ref('Review'), 'The latest decision; null while pending.'),
  observations: { type: 'array', items: ref('Observation') },
};

const ERROR_BODY: Schema = { type: 'object', properties: { code: str, message: str }, required: ['code', 'message'] };

const TOKEN: Readonly<Record<string, Schema>> = { id: str, name: str, role: { type: 'string', enum: ROLES }, createdAt: time, revokedAt: nullableTime };

/**
 * The request and response bodies of the HTTP API. The request schemas match the zod schemas of the route
 * files (NewFlight, Check, ReviewBody, NewToken): strings are trimmed before their length is checked.
 */
export const SCHEMAS: Readonly<Record<string, Schema>> = {
  Error: { type: 'object', properties: { error: ERROR_BODY }, required: ['error'] },
  Health: { type: 'object', properties: { ok: { type: 'boolean', enum: [true] } }, required: ['ok'] },
  Readiness: {
    type: 'object', required: ['ok', 'checks'], properties: {
      ok: { type: 'boolean' },
      checks: { type: 'object', description: 'Each dependency: true, or what is wrong with it.', additionalProperties: { oneOf: [{ type: 'boolean', enum: [true] }, str] } },
    },
  },
  LonLat: pair('[longitude, latitude], WGS 84'),
  Pixel: pair('[x, y] in the displayed photo, origin top-left'),
  BBox: { type: 'array', items: num, minItems: 4, maxItems: 4, description: '[x0, y0, x1, y1] in pixels' },
  Polygon: {
    type: 'object', required: ['type', 'coordinates'], description: 'A GeoJSON Polygon (one closed ring, counter-clockwise).',
    properties: { type: { type: 'string', enum: ['Polygon'] }, coordinates: { type: 'array', items: { type: 'array', items: ref('LonLat') } } },
  },
  Me: {
    type: 'object', required: ['id', 'name', 'role', 'actions'],
    properties: { id: str, name: str, role: { type: 'string', enum: ROLES }, actions: { type: 'array', items: { type: 'string', enum: ACTIONS } } },
  },
  Warning: { type: 'object', properties: { code: str, message: str }, required: ['code', 'message'] },

  NewFlight: {
    type: 'object', additionalProperties: false, required: ['name'],
    properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, site: { type: 'string', maxLength: 200 }, team: { type: 'string', maxLength: 200 } },
  },
  FlightView: {
    type: 'object', required: ['id', 'name', 'site', 'team', 'owner', 'createdAt', 'state', 'photos', 'hotspots'],
    properties: {
      id: str, name: str, site: nullableStr, team: nullableStr, owner: { type: 'string', description: 'The id of the token that created the flight.' }, createdAt: time,
      state: { type: 'string', enum: ['empty', 'processing', 'done'] },
      photos: { ...counts(PHOTO_STATES), description: 'Photos per state.' },
      hotspots: { ...counts([...REVIEW_STATUSES, 'total']), description: 'Hotspots per review status.' },
    },
  },
  FlightList: listOf('flights', 'FlightView'),

  PhotoCheck: {
    type: 'object', additionalProperties: false, required: ['sha256'],
    properties: { sha256: { type: 'array', maxItems: 10_000, items: { type: 'string', pattern: '^[0-9a-fA-F]{64}$' } } },
  },
  PhotoCheckResult: {
    type: 'object', required: ['known', 'missing'], description: 'Checksums lower-cased, in the order sent.',
    properties: { known: { type: 'array', items: str }, missing: { type: 'array', items: str } },
  },
  AcceptedPhoto: {
    type: 'object', required: ['id', 'filename', 'sha256', 'bytes', 'duplicate'],
    properties: { id: str, filename: str, sha256: str, bytes: int, duplicate: { type: 'boolean', description: 'The flight already held these bytes: not queued again.' } },
  },
  RejectedFile: {
    type: 'object', required: ['filename', 'code', 'message'], properties: {
      filename: str, message: str,
      code: { type: 'string', enum: ['UNEXPECTED_FIELD', 'BAD_FILENAME', 'TOO_MANY_FILES', 'FILE_TOO_LARGE', 'EMPTY_FILE', 'NOT_AN_IMAGE', 'TRUNCATED_IMAGE', 'IMAGE_TOO_LARGE', 'UNREADABLE_IMAGE'] },
    },
  },
  UploadResult: {
    type: 'object', required: ['accepted', 'rejected'],
    properties: { accepted: { type: 'array', items: ref('AcceptedPhoto') }, rejected: { type: 'array', items: ref('RejectedFile') } },
  },
  UploadRefused: {
    type: 'object', required: ['error'], description: 'An Error; when files were read, also what became of each (none accepted).',
    properties: { error: ERROR_BODY, accepted: { type: 'array', items: ref('AcceptedPhoto'), maxItems: 0 }, rejected: { type: 'array', items: ref('RejectedFile') } },
  },

  PhotoSummary: { type: 'object', properties: PHOTO_SUMMARY, required: Object.keys(PHOTO_SUMMARY) },
  PhotoList: listOf('photos', 'PhotoSummary'),
  PhotoDetail: {
    type: 'object', required: [...Object.keys(PHOTO_SUMMARY), 'meta', 'detections'], properties: {
      ...PHOTO_SUMMARY,
      meta: { type: ['object', 'null'], additionalProperties: true, description: 'What ingest and analysis learnt (header metadata, geometry, footprint, timings).' },
      detections: { type: 'array', items: ref('DetectionRecord') },
    },
  },
  DetectionRecord: { type: 'object', required: ['detection', 'observation'], properties: { detection: ref('Detection'), observation: orNull(ref('GroundObservation')) } },
  Detection: { type: 'object', required: ['class', 'confidence', 'source', 'bbox'], properties: { class: str, confidence: num, source: ref('Pixel'), bbox: ref('BBox') } },
  GroundObservation: {
    type: 'object', required: ['photo', 'class', 'confidence', 'pixel', 'bbox', 'ground', 'uncertaintyM'],
    properties: { photo: str, class: str, confidence: num, pixel: ref('Pixel'), bbox: ref('BBox'), ground: orNull(ref('LonLat')), uncertaintyM: num },
  },

  Observation: {
    type: 'object', required: ['photo', 'pixel', 'bbox', 'confidence', 'photoId'],
    properties: { photo: str, pixel: ref('Pixel'), bbox: ref('BBox'), confidence: num, photoId: { type: ['string', 'null'], description: 'The photo it was seen in, when still analysed.' } },
  },
  Hotspot: { type: 'object', properties: HOTSPOT, required: Object.keys(HOTSPOT) },
  HotspotList: listOf('hotspots', 'Hotspot'),
  SightingDetail: {
    type: 'object', required: ['photo', 'pixel', 'bbox', 'confidence', 'photoId', 'warnings'],
    properties: {
      photo: str, pixel: ref('Pixel'), bbox: ref('BBox'), confidence: num,
      photoId: { type: ['string', 'null'], description: 'The photo it was seen in, when still analysed.' },
      warnings: { type: 'array', items: ref('Warning'), description: "The photo's quality warnings." },
    },
  },
  HotspotDetail: {
    type: 'object', required: [...Object.keys(HOTSPOT), 'reviews'],
    properties: {
      ...HOTSPOT,
      observations: { type: 'array', items: ref('SightingDetail') },
      reviews: { type: 'array', items: ref('Review'), description: 'Every decision, oldest first.' },
    },
  },
  ReviewBody: {
    type: 'object', additionalProperties: false, required: ['decision'],
    properties: { decision: { type: 'string', enum: REVIEW_DECISIONS }, note: { type: 'string', maxLength: 2000 } },
  },
  Review: {
    type: 'object', required: ['decision', 'note', 'reviewer', 'at'], properties: {
      decision: { type: 'string', enum: REVIEW_DECISIONS }, note: nullableStr, at: time,
      reviewer: { type: 'object', properties: { id: str, name: str }, required: ['id', 'name'] },
    },
  },
  Report: {
    type: 'object', required: ['type', 'features'], additionalProperties: true,
    description: 'An RFC 7946 FeatureCollection, one Point feature per hotspot; the foreign member outfallScout says how it was made.',
    properties: { type: { type: 'string', enum: ['FeatureCollection'] }, features: { type: 'array', items: { type: 'object', additionalProperties: true } } },
  },

  NewToken: {
    type: 'object', additionalProperties: false, required: ['role', 'name'],
    properties: { role: { type: 'string', enum: ROLES }, name: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  Token: { type: 'object', properties: TOKEN, required: Object.keys(TOKEN) },
  IssuedToken: {
    type: 'object', required: [...Object.keys(TOKEN), 'secret'],
    properties: { ...TOKEN, secret: { type: 'string', description: 'Shown in this response only: send it as Authorization: Bearer <secret>.' } },
  },
  TokenList: listOf('tokens', 'Token'),
};
