import { PACKAGE_VERSION } from '../config/project-root';
import { REVIEW_STATUSES } from '../store/reviews';
import { SCHEMAS, type Schema } from './openapi-schemas';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required?: boolean;
  readonly description?: string;
  readonly schema: Schema;
}
export interface MediaType { readonly schema?: Schema; readonly example?: unknown }
export interface Header { readonly description?: string; readonly schema: Schema }
export interface Response {
  readonly description: string;
  readonly headers?: Readonly<Record<string, Header>>;
  readonly content?: Readonly<Record<string, MediaType>>;
}
export interface Ref { readonly $ref: string }
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;
export interface Operation {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  /** `[]`: no token needed (public). Absent: the document's bearer token. */
  readonly security?: readonly SecurityRequirement[];
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly required: boolean; readonly content: Readonly<Record<string, MediaType>> };
  readonly responses: Readonly<Record<string, Response | Ref>>;
}
export type PathItem = { readonly parameters?: readonly Parameter[] } & { readonly [M in HttpMethod]?: Operation };
export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly security: readonly SecurityRequirement[];
  readonly tags: readonly { readonly name: string; readonly description: string }[];
  readonly paths: Readonly<Record<string, PathItem>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, Schema>>;
    readonly responses: Readonly<Record<string, Response>>;
    readonly securitySchemes: Readonly<Record<string, { readonly type: 'http'; readonly scheme: 'bearer'; readonly description: string }>>;
  };
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string, example?: unknown): Readonly<Record<string, MediaType>> =>
  ({ 'application/json': { schema: ref(name), ...(example === undefined ? {} : { example }) } });
const body = (name: string, example: unknown) => ({ required: true, content: json(name, example) });
const ok = (description: string, name: string): Response => ({ description, content: json(name) });

const ERRORS = { 400: 'BadRequest', 401: 'Unauthenticated', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 413: 'TooLarge', 415: 'UnsupportedBody', 422: 'Unprocessable', 500: 'Internal', 503: 'Unavailable' } as const;
/** What express.json can refuse on any route that takes a JSON body: over 1 MB (413), a charset or encoding it cannot read (415). */
const JSON_BODY_ERRORS = [413, 415] as const;
/** The shared error responses, by status. */
const errors = (...statuses: (keyof typeof ERRORS)[]): Record<string, Ref> =>
  Object.fromEntries(statuses.map((s) => [String(s), { $ref: `#/components/responses/${ERRORS[s]}` }]));
const error = (description: string): Response => ({ description, content: json('Error') });
const refused = (description: string): Response => ({ description, content: json('UploadRefused') });

const idOf = (what: string): Parameter => ({ name: 'id', in: 'path', required: true, description: `The ${what}'s id.`, schema: { type: 'string' } });
const STATUS: Parameter = {
  name: 'status', in: 'query', required: false, description: 'Only the hotspots whose latest review status is this.',
  schema: { type: 'string', enum: [...REVIEW_STATUSES, 'all'], default: 'all' },
};
const MIN_CONFIDENCE: Parameter = {
  name: 'minConfidence', in: 'query', required: false, description: 'Only the hotspots whose confidence is at least this (0 to 1).',
  schema: { type: 'number', minimum: 0, maximum: 1, default: 0 },
};
const IF_NONE_MATCH: Parameter = { name: 'If-None-Match', in: 'header', required: false, description: 'The ETag of a copy you hold.', schema: { type: 'string' } };
const BINARY: Schema = { type: 'string', format: 'binary' };
const TEXT: Schema = { type: 'string' };

/** Content addressed files: an ETag, cached for good, 304 for a conditional request that names it. */
const immutable = (description: string, types: readonly string[]): Record<string, Response> => ({
  200: {
    description,
    headers: {
      ETag: { schema: TEXT }, 'Cache-Control': { schema: TEXT, description: 'private, max-age=31536000, immutable' },
    },
    content: Object.fromEntries(types.map((t) => [t, { schema: BINARY }])),
  },
  304: { description: 'Not modified: If-None-Match named this ETag.' },
});

const report = (format: string, type: string, schema: Schema): PathItem => ({
  parameters: [idOf('flight')],
  get: {
    operationId: `getHotspots${format[0]!.toUpperCase()}${format.slice(1)}`, tags: ['reports'],
    summary: `The flight's hotspots as a ${format} report, with each one's review status, reviewer and note`,
    parameters: [STATUS, MIN_CONFIDENCE],
    responses: {
      200: {
        description: `The report, as an attachment named <flight>-<status>.${format} (<flight>-<status>-min<percent>.${format} with minConfidence).`,
        headers: { 'Content-Disposition': { schema: TEXT } },
        content: { [type]: { schema } },
      },
      ...errors(400, 401, 403, 404, 500),
    },
  },
});

/**
 * The HTTP API's OpenAPI 3.1 document, served at GET /api/v1/openapi.json. Written by hand next to the
 * routes; test/integration/api-openapi.test.ts holds it to the routes the app registers.
 */
export const OPENAPI: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Outfall Scout', version: PACKAGE_VERSION,
    description: 'Upload drone photos of a flight; each is analysed for pollution discharges, placed on the ground and gathered into hotspots that judges review. '
      + 'Every error is `{ "error": { "code", "message" } }`. Pilots create flights, upload to and read their own; judges read every flight and review; '
      + 'analysts read every flight and download reports; admins do everything and manage tokens; workers fetch originals only. '
      + 'A role that may never do an operation gets 403 whatever the id, so it cannot probe which ids exist; for the others an unknown id answers 404, '
      + "and a resource that is not theirs (another pilot's flight) 403.",
  },
  security: [{ bearer: [] }],
  tags: [
    { name: 'service', description: 'Probes, metrics and this document (no token).' },
    { name: 'flights', description: 'Flights and their progress.' },
    { name: 'photos', description: 'Uploads, photos, thumbnails and originals.' },
    { name: 'hotspots', description: 'Hotspots, evidence and reviews.' },
    { name: 'reports', description: 'Hotspot reports as GeoJSON, KML or CSV.' },
    { name: 'tokens', description: 'API tokens (admins only).' },
  ],
  paths: {
    '/healthz': {
      get: { operationId: 'getHealth', tags: ['service'], summary: 'Liveness: the process answers', security: [], responses: { 200: ok('Alive.', 'Health') } },
    },
    '/readyz': {
      get: {
        operationId: 'getReadiness', tags: ['service'], summary: 'Readiness: every dependency (store, Redis, model) is usable', security: [],
        responses: { 200: ok('Ready.', 'Readiness'), 503: ok('Not ready: checks says what is wrong.', 'Readiness'), ...errors(500) },
      },
    },
    '/metrics': {
      get: {
        operationId: 'getMetrics', tags: ['service'], summary: 'Prometheus metrics (HTTP latencies, queue depths, jobs, stage durations)', security: [],
        responses: { 200: { description: 'Prometheus text exposition format 0.0.4.', content: { 'text/plain': { schema: TEXT } } }, ...errors(500) },
      },
    },
    '/api/v1/openapi.json': {
      get: {
        operationId: 'getOpenApi', tags: ['service'], summary: 'This document', security: [],
        responses: { 200: { description: 'The OpenAPI document.', content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } } } },
      },
    },
    '/api/v1/flights': {
      post: {
        operationId: 'createFlight', tags: ['flights'], summary: 'Create a flight (pilots, admins); its owner is the token that creates it',
        requestBody: body('NewFlight', { name: 'Han river, 14 May', site: 'Xiantao', team: 'River patrol' }),
        responses: { 201: ok('Created.', 'FlightView'), ...errors(400, 401, 403, ...JSON_BODY_ERRORS, 500) },
      },
      get: {
        operationId: 'listFlights', tags: ['flights'], summary: 'Flights, newest first (a pilot sees only its own)',
        responses: { 200: ok('The flights.', 'FlightList'), ...errors(401, 403, 500) },
      },
    },
    '/api/v1/flights/{id}': {
      parameters: [idOf('flight')],
      get: { operationId: 'getFlight', tags: ['flights'], summary: 'A flight and where it stands', responses: { 200: ok('The flight.', 'FlightView'), ...errors(401, 403, 404, 500) } },
    },
    '/api/v1/flights/{id}/photos': {
      parameters: [idOf('flight')],
      post: {
        operationId: 'uploadPhotos', tags: ['photos'], summary: 'Upload photos to a flight (its pilot, admins)',
        description: 'Each file is checked from its bytes and accepted or refused on its own; a file the flight already holds is accepted as a duplicate and not analysed again. '
          + 'When no file is accepted the status is the files\' shared reason (400, 413, 415) or else 422.',
        requestBody: {
          required: true,
          content: { 'multipart/form-data': { schema: { type: 'object', required: ['photos'], properties: { photos: { type: 'array', items: BINARY, description: 'JPEG, PNG, TIFF, WebP or HEIF files.' } } } } },
        },
        responses: {
          202: ok('At least one file was accepted; accepted photos are queued for analysis.', 'UploadResult'),
          400: refused('Not multipart, cut off, or every file empty, badly named or in another field (NO_FILES when there was none).'),
          ...errors(401, 403, 404),
          413: refused('Every file too large, in bytes or pixels, or too many files.'),
          415: refused('Not multipart/form-data, or no file was an image.'),
          408: error('The body sent nothing for the upload idle limit (OUTFALL_UPLOAD_IDLE_S, default 30 s): UPLOAD_IDLE. The connection is closed and nothing of the upload is kept.'),
          422: refused('Every file was refused: cut off, undecodable, or for different reasons.'),
          ...errors(500),
        },
      },
      get: { operationId: 'listPhotos', tags: ['photos'], summary: "The flight's photos", responses: { 200: ok('The photos.', 'PhotoList'), ...errors(401, 403, 404, 500) } },
    },
    '/api/v1/flights/{id}/photos/check': {
      parameters: [idOf('flight')],
      post: {
        operationId: 'checkPhotos', tags: ['photos'], summary: 'Which of these SHA-256 checksums the flight holds (to resume an upload)',
        requestBody: body('PhotoCheck', { sha256: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'] }),
        responses: { 200: ok('Known and missing checksums.', 'PhotoCheckResult'), ...errors(400, 401, 403, 404, ...JSON_BODY_ERRORS, 500) },
      },
    },
    '/api/v1/photos/{id}': {
      parameters: [idOf('photo')],
      get: { operationId: 'getPhoto', tags: ['photos'], summary: 'A photo, its metadata and detections', responses: { 200: ok('The photo.', 'PhotoDetail'), ...errors(401, 403, 404, 500) } },
    },
    '/api/v1/photos/{id}/retry': {
      parameters: [idOf('photo')],
      post: {
        operationId: 'retryPhoto', tags: ['photos'], summary: 'Analyse a failed photo again, from the start, with all its attempts',
        responses: { 202: ok('Queued again.', 'PhotoSummary'), ...errors(401, 403, 404, 409, 500, 503) },
      },
    },
    '/api/v1/photos/{id}/thumbnail.jpg': {
      parameters: [idOf('photo')],
      get: {
        operationId: 'getPhotoThumbnail', tags: ['photos'], summary: 'A JPEG thumbnail, 512 px on the long side', parameters: [IF_NONE_MATCH],
        responses: { ...immutable('The thumbnail.', ['image/jpeg']), ...errors(401, 403, 404, 413, 422, 500) },
      },
    },
    '/api/v1/photos/{id}/original': {
      parameters: [idOf('photo')],
      get: {
        operationId: 'getPhotoOriginal', tags: ['photos'], summary: 'The original file as uploaded (also for workers)', parameters: [IF_NONE_MATCH],
        responses: {
          ...immutable('The original bytes, as an attachment with the uploaded file name; the type sniffed at upload.',
            ['image/jpeg', 'image/png', 'image/tiff', 'image/webp', 'image/heif', 'application/octet-stream']),
          ...errors(401, 403, 404, 500),
        },
      },
    },
    '/api/v1/flights/{id}/hotspots.geojson': report('geojson', 'application/geo+json', ref('Report')),
    '/api/v1/flights/{id}/hotspots.kml': report('kml', 'application/vnd.google-earth.kml+xml', TEXT),
    '/api/v1/flights/{id}/hotspots.csv': report('csv', 'text/csv', TEXT),
    '/api/v1/flights/{id}/hotspots': {
      parameters: [idOf('flight')],
      get: {
        operationId: 'listHotspots', tags: ['hotspots'], summary: "The flight's hotspots with their review status", parameters: [STATUS, MIN_CONFIDENCE],
        responses: { 200: ok('The hotspots.', 'HotspotList'), ...errors(400, 401, 403, 404, 500) },
      },
    },
    '/api/v1/hotspots/{id}': {
      parameters: [idOf('hotspot')],
      get: {
        operationId: 'getHotspot', tags: ['hotspots'], summary: 'A hotspot and every review of it (an id replaced by a rebuild still answers)',
        responses: { 200: ok('The hotspot.', 'HotspotDetail'), ...errors(401, 403, 404, 500) },
      },
    },
    '/api/v1/hotspots/{id}/evidence.jpg': {
      parameters: [idOf('hotspot')],
      get: {
        operationId: 'getHotspotEvidence', tags: ['hotspots'], summary: 'A JPEG crop of the best sighting, with its box drawn', parameters: [IF_NONE_MATCH],
        responses: { ...immutable('The crop.', ['image/jpeg']), ...errors(401, 403), 404: error('No such hotspot, or none of its photos is analysed.'), ...errors(413, 422, 500) },
      },
    },
    '/api/v1/hotspots/{id}/review': {
      parameters: [idOf('hotspot')],
      post: {
        operationId: 'reviewHotspot', tags: ['hotspots'], summary: 'Confirm or reject a hotspot (judges, admins); every decision is kept, the latest counts',
        requestBody: body('ReviewBody', { decision: 'confirmed', note: 'red dye at the pipe outlet' }),
        responses: { 201: ok('Recorded.', 'Review'), ...errors(400, 401, 403, 404, ...JSON_BODY_ERRORS, 500) },
      },
    },
    '/api/v1/flights/{id}/events': {
      parameters: [idOf('flight')],
      get: {
        operationId: 'streamFlightEvents', tags: ['flights'], summary: "Server-sent events of the flight's progress",
        description: '`progress` carries the flight view (at once, then at most every 200 ms while things change), `photo` each photo\'s move, '
          + '`hotspots` a rebuild, `done` when every photo is finished and the hotspots are rebuilt; a comment every 15 s keeps the stream open.',
        responses: { 200: { description: 'The event stream (never ends by itself).', content: { 'text/event-stream': { schema: TEXT } } }, ...errors(401, 403, 404, 500) },
      },
    },
    '/api/v1/me': {
      get: {
        operationId: 'whoAmI', tags: ['tokens'], summary: "The calling token: its name, role and the actions it may take (on some flight, for a pilot's own)",
        responses: { 200: ok('The token.', 'Me'), ...errors(401, 500) },
      },
    },
    '/api/v1/tokens': {
      get: { operationId: 'listTokens', tags: ['tokens'], summary: 'Every token, revoked ones included (never the secrets)', responses: { 200: ok('The tokens.', 'TokenList'), ...errors(401, 403, 500) } },
      post: {
        operationId: 'createToken', tags: ['tokens'], summary: 'Issue a token; its secret is in this response only',
        requestBody: body('NewToken', { role: 'analyst', name: 'GIS desk' }),
        responses: { 201: ok('Issued.', 'IssuedToken'), ...errors(400, 401, 403, ...JSON_BODY_ERRORS, 500) },
      },
    },
    '/api/v1/tokens/{id}': {
      parameters: [idOf('token')],
      delete: {
        operationId: 'revokeToken', tags: ['tokens'], summary: 'Revoke a token; it is refused at once',
        responses: { 204: { description: 'Revoked.' }, ...errors(401, 403), 404: error('No live token with this id (unknown or already revoked).'), ...errors(500) },
      },
    },
  },
  components: {
    schemas: SCHEMAS,
    responses: {
      BadRequest: error('The body, a query parameter or the JSON itself is not valid (BAD_REQUEST, BAD_JSON).'),
      Unauthenticated: error('No Authorization: Bearer header, or an unknown or revoked token.'),
      Forbidden: error("The token's role may not do this (or, for a pilot, not on another pilot's flight)."),
      NotFound: error('No such id.'),
      TooLarge: error('Too large: a JSON body over 1 MB, or a stored image with more pixels than may be decoded.'),
      UnsupportedBody: error('A request body in a charset or content encoding the server does not read.'),
      Conflict: error('Not now: only a failed photo can be analysed again (NOT_FAILED).'),
      Unprocessable: error('The stored image cannot be decoded.'),
      Internal: error('Something failed on the server (INTERNAL, IO).'),
      Unavailable: error('The analysis queue cannot be reached (QUEUE_UNAVAILABLE, NO_QUEUE): try again.'),
    },
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'A token secret (osk_...) issued by an admin, or by `outfall-scout token create`.' },
    },
  },
};
