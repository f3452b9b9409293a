import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../store/open-database';
import { createFlight, getFlight, listFlights } from '../store/flights';
import { flightView } from './flight-view';
import { tokenOf } from './authenticate';
import { HttpError, parseBody } from './http-error';
import { requireRole } from './require-role';
import { can, canAtAll, type Action } from './permissions';

const NewFlight = z.object({
  name: z.string().trim().min(1).max(200),
  site: z.string().trim().max(200).optional(),
  team: z.string().trim().max(200).optional(),
}).strict();

export function flightsRoutes(db: Db): Router {
  const r = Router();
  r.post('/flights', (req, res) => {
    const t = tokenOf(res);
    if (!can(t.role, 'flight:create')) throw new HttpError(403, 'FORBIDDEN', `a ${t.role} may not create flights`);
    const body = parseBody(NewFlight, req.body);
    res.status(201).json(flightView(db, createFlight(db, body, t.id)));
  });
  r.get('/flights', (_req, res) => {
    const t = tokenOf(res);
    if (!canAtAll(t.role, 'flight:read')) throw new HttpError(403, 'FORBIDDEN', `a ${t.role} may not read flights`);
    const flights = can(t.role, 'flight:read') ? listFlights(db) : listFlights(db, t.id);
    res.json({ flights: flights.map((f) => flightView(db, f)) });
  });
  r.get('/flights/:id', (req, res) => {
    res.json(flightView(db, flightFor(db, req.params.id, tokenOf(res), 'flight:read')));
  });
  return r;
}

/**
 * The flight, when it exists and the token may do `action` on it: 403 first for a role that may never do it,
 * whatever the id; then 404 for an unknown id; then 403 for a flight that is not the pilot's own.
 */
export function flightFor(db: Db, id: string, t: ReturnType<typeof tokenOf>, action: Action) {
  requireRole(t.role, action);
  const flight = getFlight(db, id);
  if (!flight) throw new HttpError(404, 'NOT_FOUND', `no flight ${id}`);
  if (!can(t.role, action, flight.owner === t.id)) throw new HttpError(403, 'FORBIDDEN', `a ${t.role} may not do ${action} on this flight`);
  return flight;
}
