import express, { type Express } from 'express';
import type { AppDeps } from './app-deps';
import { authenticate } from './authenticate';
import { eventsRoute } from './events-route';
import { flightsRoutes } from './flights-routes';
import { hotspotsRoutes } from './hotspots-routes';
import { errorHandler, HttpError } from './http-error';
import { OPENAPI } from './openapi';
import { photosRoutes } from './photos-routes';
import { tokensRoutes } from './tokens-routes';
import { webApp } from './web-app';

/** The HTTP API under /api/v1 (JSON), health and readiness probes, metrics, and one error handler. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      deps.metrics.observeHttp(req.method, route ? `${req.baseUrl}${route}` : 'unmatched', res.statusCode, Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  });
  app.get('/healthz', (_req, res) => { res.json({ ok: true }); });
  app.get('/readyz', async (_req, res) => {
    let checks: Record<string, true | string>;
    try {
      checks = deps.ready ? await deps.ready() : {};
    } catch (e) {
      checks = { service: `readiness check failed: ${(e as Error).message}` };
    }
    const ok = Object.values(checks).every((v) => v === true);
    res.status(ok ? 200 : 503).json({ ok, checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', deps.metrics.contentType);
    res.send(await deps.metrics.text());
  });
  app.get('/api/v1/openapi.json', (_req, res) => { res.json(OPENAPI); });
  const api = express.Router();
  api.use(authenticate(deps.db)); // first: nothing of an unauthenticated request is parsed
  api.use(express.json({ limit: '1mb' }));
  api.use(flightsRoutes(deps.db));
  api.use(photosRoutes(deps));
  api.use(hotspotsRoutes(deps));
  api.use(eventsRoute(deps));
  api.use(tokensRoutes(deps.db));
  app.use('/api/v1', api);
  app.use(webApp());
  app.use((_req, _res, next) => next(new HttpError(404, 'NOT_FOUND', 'no such route')));
  app.use(errorHandler);
  return app;
}
