import express, { type Express } from 'express';
import type { Db } from '../store/open-database';
import { authenticate } from './authenticate';
import { flightsRoutes } from './flights-routes';
import { errorHandler, HttpError } from './http-error';
import { tokensRoutes } from './tokens-routes';

export interface AppDeps {
  readonly db: Db;
}

/** The HTTP API under /api/v1 (JSON), health probes, and one error handler. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => { res.json({ ok: true }); });
  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(authenticate(deps.db));
  api.use(flightsRoutes(deps.db));
  api.use(tokensRoutes(deps.db));
  app.use('/api/v1', api);
  app.use((_req, _res, next) => next(new HttpError(404, 'NOT_FOUND', 'no such route')));
  app.use(errorHandler);
  return app;
}
