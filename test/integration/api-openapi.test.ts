import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { createApp } from '../../src/api/create-app';
import { HTTP_METHODS, OPENAPI, type Operation, type Parameter, type Response } from '../../src/api/openapi';
import { openDatabase, type Db } from '../../src/store/open-database';
import { testAppDeps } from '../helpers/app-deps';

/** What the walk reads of Express 5's router (package `router` 2.x): routes, and nested routers' stacks. */
interface RouterLayer {
  readonly route?: { readonly path: unknown; readonly methods: Readonly<Record<string, boolean>> };
  readonly handle: { readonly stack?: readonly RouterLayer[] };
  /** router >= 2.3 returns what matched; older 2.x returns a boolean and sets `path`. */
  match(path: string): { path: string } | boolean;
  readonly path?: string;
}

/** Every operation of the document as `METHOD /path`, with its path item's and its own parameters. */
function documented(): { key: string; path: string; op: Operation; params: readonly Parameter[] }[] {
  return Object.entries(OPENAPI.paths).flatMap(([p, item]) => HTTP_METHODS.flatMap((m) => {
    const op = item[m];
    return op ? [{ key: `${m.toUpperCase()} ${p}`, path: p, op, params: [...(item.parameters ?? []), ...(op.parameters ?? [])] }] : [];
  }));
}

/**
 * Every `METHOD /path` the app serves, express's `:id` written as `{id}`. Express 5 keeps no mount path
 * as a string, so where a router is mounted is found by asking its layer which documented paths it
 * matches and what prefix it consumed: a router under a prefix the document never names matches none
 * and fails the walk, rather than being skipped.
 */
function served(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: readonly RouterLayer[], prefix: string, probes: readonly string[]): void => {
    for (const layer of stack) {
      if (layer.route) {
        const p = layer.route.path;
        if (typeof p !== 'string') throw new Error(`a route with a path that is not a string: ${String(p)}`);
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on) found.push(`${method.toUpperCase()} ${(prefix + p).replace(/:(\w+)/g, '{$1}')}`);
        }
      } else if (layer.handle.stack) {
        const mount = mountPath(layer, probes);
        walk(layer.handle.stack, prefix + mount, probes.filter((x) => x.startsWith(mount)).map((x) => x.slice(mount.length)));
      }
    }
  };
  const probes = Object.keys(OPENAPI.paths).map((p) => p.replace(/\{\w+\}/g, 'x'));
  walk((app as unknown as { router: { stack: RouterLayer[] } }).router.stack, '', probes);
  return found;
}

function mountPath(layer: RouterLayer, probes: readonly string[]): string {
  const mounts = new Set<string>();
  for (const probe of probes) {
    const m = layer.match(probe);
    if (m === false) continue;
    mounts.add(typeof m === 'object' ? m.path : layer.path ?? '');
  }
  if (mounts.size !== 1) throw new Error(`cannot tell where a router is mounted: it matches ${mounts.size === 0 ? 'no documented path' : [...mounts].join(' and ')}`);
  return [...mounts][0]!;
}

/** The value a local `#/...` JSON pointer names in the document, or undefined. */
function resolve(pointer: string): unknown {
  if (!pointer.startsWith('#/')) return undefined;
  return pointer.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((at, key) => (at !== null && typeof at === 'object' && Object.hasOwn(at, key) ? (at as Record<string, unknown>)[key] : undefined), OPENAPI);
}

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('the OpenAPI document', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-openapi-'));
  let db: Db;
  let app: Express;

  beforeAll(() => {
    db = openDatabase(path.join(dir, 'api.sqlite'));
    app = createApp(testAppDeps(db, dir));
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('declares exactly the routes the app serves, method by method', () => {
    const routes = served(app).sort();
    expect(routes).toContain('GET /healthz');
    expect(routes).toContain('DELETE /api/v1/tokens/{id}');
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes).toEqual(documented().map((o) => o.key).sort());
  });

  it('is named and versioned like the package, and is plain JSON', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(OPENAPI.openapi).toMatch(/^3\.1\.\d+$/);
    expect(OPENAPI.info).toMatchObject({ title: 'Outfall Scout', version: pkg.version });
    expect(JSON.parse(JSON.stringify(OPENAPI))).toStrictEqual(OPENAPI);
  });

  it('resolves every $ref, and every component is used', () => {
    const refs = refsIn(OPENAPI);
    expect(refs.filter((r) => resolve(r) === undefined)).toEqual([]);
    const components = Object.entries(OPENAPI.components).flatMap(([kind, all]) => Object.keys(all).map((name) => `#/components/${kind}/${name}`))
      .filter((c) => !c.startsWith('#/components/securitySchemes/'));
    expect(components.filter((c) => !refs.includes(c))).toEqual([]);
  });

  it('declares each path parameter of each template, once, as required, and no other', () => {
    const problems = documented().flatMap(({ key, path: p, params }) => {
      const inTemplate = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).sort();
      const declared = params.filter((x) => x.in === 'path');
      const seen = params.map((x) => `${x.in}:${x.name.toLowerCase()}`);
      return [
        ...(JSON.stringify(declared.map((x) => x.name).sort()) === JSON.stringify(inTemplate) ? [] : [`${key}: path parameters ${declared.map((x) => x.name).join(',')}`]),
        ...declared.filter((x) => x.required !== true).map((x) => `${key}: {${x.name}} not required`),
        ...(new Set(seen).size === seen.length ? [] : [`${key}: a parameter declared twice`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('gives every operation a unique operationId and described responses with valid status codes', () => {
    const ops = documented();
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.every((id) => /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const problems = ops.flatMap(({ key, op }) => {
      const responses = Object.entries(op.responses);
      return [
        ...(responses.length === 0 ? [`${key}: no responses`] : []),
        ...responses.filter(([status]) => !/^([1-5]\d\d|default)$/.test(status)).map(([status]) => `${key}: status ${status}`),
        ...responses.filter(([, r]) => !('$ref' in r ? (resolve(r.$ref) as Response | undefined) : r)?.description).map(([status]) => `${key} ${status}: no description`),
        ...(op.summary ? [] : [`${key}: no summary`]),
        ...op.tags.filter((t) => !OPENAPI.tags.some((x) => x.name === t)).map((t) => `${key}: tag ${t} not declared`),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('asks for the bearer token everywhere except the probes, metrics and itself', () => {
    expect(OPENAPI.security).toEqual([{ bearer: [] }]);
    expect(OPENAPI.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ops = documented();
    expect(ops.filter((o) => o.op.security !== undefined).map((o) => [o.key, o.op.security])).toEqual(
      ['GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /api/v1/openapi.json'].map((k) => [k, []]),
    );
    expect(ops.filter((o) => o.op.security === undefined && !(o.path.startsWith('/api/v1/') && o.op.responses[401]))).toEqual([]);
  });

  it('lists the statuses that follow from each operation\'s inputs', () => {
    const problems = documented().flatMap(({ key, op, params }) => {
      const has = (s: number) => op.responses[s] !== undefined;
      const jsonBody = op.requestBody?.content['application/json'] !== undefined;
      return [
        ...(params.some((x) => x.in === 'path') && !has(404) ? [`${key}: an id but no 404`] : []),
        ...((jsonBody || params.some((x) => x.in === 'query')) && !has(400) ? [`${key}: input to validate but no 400`] : []),
        ...(params.some((x) => x.name === 'If-None-Match') !== has(304) ? [`${key}: If-None-Match and 304 disagree`] : []),
        ...(op.requestBody && !Object.values(op.requestBody.content).every((m) => m.schema) ? [`${key}: a request body without a schema`] : []),
        ...(jsonBody && op.requestBody?.content['application/json']?.example === undefined ? [`${key}: a JSON body without an example`] : []),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('is what GET /api/v1/openapi.json serves, without a token', async () => {
    const server: Server = app.listen(0, '127.0.0.1');
    try {
      await new Promise((r) => server.once('listening', r));
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/openapi.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(OPENAPI)));
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
