import fs from 'node:fs';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../src/api/create-app';
import { HTTP_METHODS, OPENAPI, type Operation, type Response } from '../../src/api/openapi';
import type { Schema } from '../../src/api/openapi-schemas';
import { hotspotId } from '../../src/hotspots/hotspot-id';
import { readPhotoMeta } from '../../src/metadata/read-photo-meta';
import type { Observation } from '../../src/report/report-model';
import { openDatabase, type Db } from '../../src/store/open-database';
import { recordPhotoResult, replaceHotspots } from '../../src/store/photo-results';
import { createToken } from '../../src/store/tokens';
import { testAppDeps } from '../helpers/app-deps';
import { listen } from '../helpers/listen';

const SAMPLE = path.join(__dirname, '../../samples/DJI_0101.JPG');

/** Who calls: a token of each role, a second pilot (not the fixture flight's owner), no token, a token nobody issued. */
const WHO = ['pilot', 'pilot2', 'judge', 'analyst', 'admin', 'worker', 'none', 'wrong'] as const;
type Who = (typeof WHO)[number];

/**
 * The status each caller gets from each operation of the document, on the fixture flight (owned by `pilot`),
 * its photo and its hotspot. An operation added to the document fails this test until it has a row here.
 */
const EXPECTED: Readonly<Record<string, readonly number[]>> = {
  //                                             pilot pilot2 judge analyst admin worker none wrong
  'GET /healthz':                                [200,  200,  200,  200,  200,  200,  200,  200],
  'GET /readyz':                                 [200,  200,  200,  200,  200,  200,  200,  200],
  'GET /metrics':                                [200,  200,  200,  200,  200,  200,  200,  200],
  'GET /api/v1/openapi.json':                    [200,  200,  200,  200,  200,  200,  200,  200],
  'POST /api/v1/flights':                        [201,  201,  403,  403,  201,  403,  401,  401],
  'GET /api/v1/flights':                         [200,  200,  200,  200,  200,  403,  401,  401],
  'GET /api/v1/flights/{id}':                    [200,  403,  200,  200,  200,  403,  401,  401],
  'POST /api/v1/flights/{id}/photos':            [202,  403,  403,  403,  202,  403,  401,  401],
  'GET /api/v1/flights/{id}/photos':             [200,  403,  200,  200,  200,  403,  401,  401],
  'POST /api/v1/flights/{id}/photos/check':      [200,  403,  403,  403,  200,  403,  401,  401],
  'GET /api/v1/photos/{id}':                     [200,  403,  200,  200,  200,  403,  401,  401],
  'GET /api/v1/photos/{id}/thumbnail.jpg':       [200,  403,  200,  200,  200,  403,  401,  401],
  // The fixture photo is analysed: allowed callers get 409 (only a failed photo is retried).
  'POST /api/v1/photos/{id}/retry':              [409,  403,  403,  403,  409,  403,  401,  401],
  'GET /api/v1/photos/{id}/original':            [200,  403,  200,  200,  200,  200,  401,  401],
  'GET /api/v1/flights/{id}/hotspots.geojson':   [403,  403,  200,  200,  200,  403,  401,  401],
  'GET /api/v1/flights/{id}/hotspots.kml':       [403,  403,  200,  200,  200,  403,  401,  401],
  'GET /api/v1/flights/{id}/hotspots.csv':       [403,  403,  200,  200,  200,  403,  401,  401],
  'GET /api/v1/flights/{id}/hotspots':           [200,  403,  200,  200,  200,  403,  401,  401],
  'GET /api/v1/hotspots/{id}':                   [200,  403,  200,  200,  200,  403,  401,  401],
  'GET /api/v1/hotspots/{id}/evidence.jpg':      [200,  403,  200,  200,  200,  403,  401,  401],
  'POST /api/v1/hotspots/{id}/review':           [403,  403,  201,  403,  201,  403,  401,  401],
  'GET /api/v1/flights/{id}/events':             [200,  403,  200,  200,  200,  403,  401,  401],
  'GET /api/v1/me':                              [200,  200,  200,  200,  200,  200,  401,  401],
  'GET /api/v1/tokens':                          [403,  403,  403,  403,  200,  403,  401,  401],
  'POST /api/v1/tokens':                         [403,  403,  403,  403,  201,  403,  401,  401],
  'DELETE /api/v1/tokens/{id}':                  [403,  403,  403,  403,  204,  403,  401,  401],
};

const operations = Object.entries(OPENAPI.paths).flatMap(([template, item]) =>
  HTTP_METHODS.flatMap((m) => { const op = item[m]; return op ? [{ key: `${m.toUpperCase()} ${template}`, method: m.toUpperCase(), template, op }] : []; }));

function resolve<T>(pointer: string): T {
  const found = pointer.slice(2).split('/').reduce<unknown>((at, k) => (at as Record<string, unknown> | undefined)?.[k], OPENAPI);
  if (found === undefined) throw new Error(`unresolved ${pointer}`);
  return found as T;
}

const isType = (t: string, v: unknown): boolean =>
  t === 'null' ? v === null : t === 'array' ? Array.isArray(v) : t === 'object' ? v !== null && typeof v === 'object' && !Array.isArray(v)
    : t === 'integer' ? Number.isInteger(v) : typeof v === t;

/** Where `value` departs from `schema`; a property the schema does not name is a departure unless additionalProperties allows it. */
function departures(schema: Schema, value: unknown, at: string): string[] {
  if (schema.$ref) return departures(resolve<Schema>(schema.$ref), value, at);
  if (schema.oneOf) {
    const n = schema.oneOf.filter((s) => departures(s, value, at).length === 0).length;
    return n === 1 ? [] : [`${at}: matches ${n} of oneOf`];
  }
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 0 && !types.some((t) => isType(t, value))) return [`${at}: ${JSON.stringify(value)?.slice(0, 60)} is not ${types.join(' or ')}`];
  const out: string[] = [];
  if (schema.enum && !schema.enum.some((e) => e === value)) out.push(`${at}: ${JSON.stringify(value)} not in ${schema.enum.join(', ')}`);
  if (Array.isArray(value)) {
    if (value.length < (schema.minItems ?? 0) || value.length > (schema.maxItems ?? Infinity)) out.push(`${at}: ${value.length} items`);
    if (schema.items) value.forEach((v, i) => out.push(...departures(schema.items!, v, `${at}[${i}]`)));
  } else if (value !== null && typeof value === 'object') {
    out.push(...(schema.required ?? []).filter((k) => !(k in value)).map((k) => `${at}.${k}: missing`));
    for (const [k, v] of Object.entries(value)) {
      const extra = schema.additionalProperties;
      const s = schema.properties?.[k] ?? (typeof extra === 'object' ? extra : undefined);
      if (s) out.push(...departures(s, v, `${at}.${k}`));
      else if (extra !== true) out.push(`${at}.${k}: not in the document`);
    }
  }
  return out;
}

interface Reply { readonly status: number; readonly media: string | null; readonly body: unknown; readonly etag: string | null }
interface Payload { readonly body?: string | FormData; readonly type?: string }

/** How the reply departs from what the document says this operation answers. */
function conformance(op: Operation, reply: Reply): string[] {
  const listed = op.responses[reply.status];
  if (!listed) return [`${reply.status} is not one of the documented ${Object.keys(op.responses).join(', ')}`];
  const content = ('$ref' in listed ? resolve<Response>(listed.$ref) : listed).content ?? {};
  if (reply.media === null) return Object.keys(content).length === 0 ? [] : [`${reply.status} came without a body`];
  const media = content[reply.media];
  if (!media) return [`${reply.status} came as ${reply.media}, documented as ${Object.keys(content).join(', ') || 'no body'}`];
  return media.schema && reply.body !== undefined ? departures(media.schema, reply.body, `${reply.status} body`) : [];
}

describe('who may call what (every operation of the OpenAPI document, every role, real HTTP and SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-roles-'));
  const sample = fs.readFileSync(SAMPLE);
  const secrets: Partial<Record<Who, string>> = { wrong: 'osk_wrong' };
  let db: Db;
  let server: Server;
  let base: string;
  const fixture = { flight: '', photo: '', hotspot: '' };

  const send = async (method: string, url: string, who: Who, payload: Payload = {}, headers: Record<string, string> = {}): Promise<Reply> => {
    const h: Record<string, string> = { ...headers, ...(payload.type ? { 'content-type': payload.type } : {}) };
    if (who !== 'none') h.authorization = `Bearer ${secrets[who]}`;
    const ac = new AbortController();
    const res = await fetch(base + url, { method, headers: h, body: payload.body ?? null, signal: ac.signal });
    const media = res.headers.get('content-type')?.split(';')[0]!.trim() ?? null;
    let body: unknown;
    if (media === 'text/event-stream') ac.abort(); // the stream never ends: the status and headers are what is tested
    else if (media !== null && /^application\/([\w.-]+\+)?json$/.test(media)) body = await res.json();
    else await res.arrayBuffer();
    return { status: res.status, media, body, etag: res.headers.get('etag') };
  };
  const photosForm = (): Payload => {
    const form = new FormData();
    form.append('photos', new Blob([new Uint8Array(sample)], { type: 'image/jpeg' }), 'DJI_0101.JPG');
    return { body: form };
  };
  /** A valid body for the operation: its documented example, or the sample photo for an upload. */
  const payloadFor = (op: Operation): Payload => {
    const content = op.requestBody?.content;
    if (!content) return {};
    const json = content['application/json'];
    if (json) return { body: JSON.stringify(json.example), type: 'application/json' };
    if (content['multipart/form-data']) return photosForm();
    throw new Error(`no test body for ${Object.keys(content).join(', ')}`);
  };
  /** The template with each id filled from the fixture; a token to revoke is made for the purpose. */
  const urlFor = (template: string, id?: string): string => template.replace(/\/(\w+)\/\{(\w+)\}/g, (_m, resource: string, name: string) => {
    const ids: Record<string, () => string> = {
      flights: () => fixture.flight, photos: () => fixture.photo, hotspots: () => fixture.hotspot,
      tokens: () => createToken(db, 'analyst', 'made to be revoked').token.id,
    };
    const fill = ids[resource];
    if (name !== 'id' || !fill) throw new Error(`no fixture for {${name}} in ${template}: add one`);
    return `/${resource}/${encodeURIComponent(id ?? fill())}`;
  });

  beforeAll(async () => {
    db = openDatabase(path.join(dir, 'api.sqlite'));
    for (const [who, role] of [['pilot', 'pilot'], ['pilot2', 'pilot'], ['judge', 'judge'], ['analyst', 'analyst'], ['admin', 'admin'], ['worker', 'worker']] as const) {
      secrets[who] = createToken(db, role, who).secret;
    }
    ({ server, base } = await listen(createApp(testAppDeps(db, dir))));

    const flight = await send('POST', '/api/v1/flights', 'pilot', { body: JSON.stringify({ name: 'Han river, 14 May' }), type: 'application/json' });
    expect(flight.status).toBe(201);
    fixture.flight = (flight.body as { id: string }).id;
    const upload = await send('POST', `/api/v1/flights/${fixture.flight}/photos`, 'pilot', photosForm());
    expect(upload.status).toBe(202);
    const stored = (upload.body as { accepted: { id: string; sha256: string }[] }).accepted[0]!;
    fixture.photo = stored.id;
    // What a worker's result and a hotspot rebuild leave: one sighting in the photo, one hotspot made of it.
    const sighting: Observation = { photo: 'DJI_0101.JPG', pixel: [1210, 805], bbox: [1100, 700, 1400, 900], confidence: 0.91 };
    recordPhotoResult(db, stored.id, {
      photo: sighting.photo, path: SAMPLE, sha256: stored.sha256, meta: await readPhotoMeta(SAMPLE), intrinsics: null, geometry: null, gsd: null,
      footprint: [[113.4415, 30.3955], [113.4425, 30.3955], [113.4425, 30.3965], [113.4415, 30.3965], [113.4415, 30.3955]],
      analysisScale: 1, warnings: [], timings: { decode: 40, inference: 300, total: 360 },
      detections: [{ class: 'discharge', confidence: 0.91, source: sighting.pixel, bbox: sighting.bbox }],
      observations: [{ ...sighting, class: 'discharge', ground: [113.442, 30.396], uncertaintyM: 1.5 }],
    });
    fixture.hotspot = hotspotId([sighting]);
    replaceHotspots(db, fixture.flight, [{ id: fixture.hotspot, class: 'discharge', confidence: 0.91, position: [113.442, 30.396], observations: [sighting] }]);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has a row for each operation of the document and no other', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(operations.map((o) => o.key).sort());
  });

  for (const { key, method, template, op } of operations) {
    it(`${key}: each caller gets its expected status, one the document lists, with the documented body`, async () => {
      const row = EXPECTED[key];
      if (!row) throw new Error(`${key} is in the document but has no row in EXPECTED`);
      const observed: Partial<Record<Who, number>> = {};
      const problems: string[] = [];
      for (const who of WHO) {
        const reply = await send(method, urlFor(template), who, payloadFor(op));
        observed[who] = reply.status;
        problems.push(...conformance(op, reply).map((p) => `${who}: ${p}`));
      }
      expect(observed).toEqual(Object.fromEntries(WHO.map((w, i) => [w, row[i]])));
      expect(problems).toEqual([]);
    });
  }

  it('answers a conditional request for an image with 304, after checking the token', async () => {
    const cached = operations.filter((o) => o.op.responses[304]);
    expect(cached.length).toBeGreaterThan(0);
    for (const { method, template, op } of cached) {
      const url = urlFor(template);
      const first = await send(method, url, 'admin');
      expect(first.etag).toMatch(/^".+"$/);
      const again = await send(method, url, 'judge', {}, { 'if-none-match': first.etag! });
      expect([template, again.status, conformance(op, again)]).toEqual([template, 304, []]);
      expect([template, (await send(method, url, 'pilot2', {}, { 'if-none-match': first.etag! })).status]).toEqual([template, 403]);
    }
  });

  /**
   * What a caller gets for an unknown id, from its row: 401 stays 401; a 403 that comes from the role (every
   * caller but the second pilot, and the second pilot where the owner is refused too) stays 403, so a role
   * with no business there cannot tell unknown ids from known ones; every other caller learns the id is unknown.
   */
  const forUnknownId = (row: readonly number[], who: Who): number => {
    const status = row[WHO.indexOf(who)]!;
    if (status === 401) return 401;
    const byRole = status === 403 && (who !== 'pilot2' || row[WHO.indexOf('pilot')] === 403);
    return byRole ? 403 : 404;
  };

  it('answers an unknown id with 403 to a role that may never call the operation and 404 to the others, every caller', async () => {
    const problems: string[] = [];
    let refusedByRole = 0;
    for (const { key, method, template, op } of operations.filter((o) => o.template.includes('{'))) {
      for (const who of WHO) {
        const expected = forUnknownId(EXPECTED[key]!, who);
        if (expected === 403) refusedByRole += 1;
        const reply = await send(method, urlFor(template, 'no-such-id'), who, payloadFor(op));
        if (reply.status !== expected) problems.push(`${key} ${who}: ${reply.status}, expected ${expected}`);
        problems.push(...conformance(op, reply).map((p) => `${key} ${who}: ${p}`));
      }
    }
    expect(problems).toEqual([]);
    expect(refusedByRole).toBeGreaterThan(20); // the analyst's review, the worker's reads, the pilot's reports, ...
  });

  it('answers 403 to an analyst reviewing a hotspot, whether the id exists or not', async () => {
    for (const id of [fixture.hotspot, 'no-such-id', 'h_0000000000000000']) {
      const reply = await send('POST', `/api/v1/hotspots/${id}/review`, 'analyst', { body: JSON.stringify({ decision: 'confirmed' }), type: 'application/json' });
      expect([id, reply.status, (reply.body as { error: { code: string } }).error.code]).toEqual([id, 403, 'FORBIDDEN']);
    }
  });

  it('refuses with 400 the JSON bodies the document calls invalid: a required field left out, a field it does not name, bad JSON', async () => {
    const problems: string[] = [];
    for (const { key, method, template, op } of operations) {
      const json = op.requestBody?.content['application/json'];
      if (!json?.schema) continue;
      const schema = json.schema.$ref ? resolve<Schema>(json.schema.$ref) : json.schema;
      const example = json.example as Record<string, unknown>;
      const bodies = [
        ...(schema.required ?? []).map((k) => JSON.stringify(Object.fromEntries(Object.entries(example).filter(([name]) => name !== k)))),
        ...(schema.additionalProperties === false ? [JSON.stringify({ ...example, unexpected: 1 })] : []),
        '{"unfinished":',
      ];
      for (const body of bodies) {
        const reply = await send(method, urlFor(template), 'admin', { body, type: 'application/json' });
        if (reply.status !== 400) problems.push(`${key} ${body}: ${reply.status}`);
        problems.push(...conformance(op, reply).map((p) => `${key} ${body}: ${p}`));
      }
    }
    expect(problems).toEqual([]);
  });
});
