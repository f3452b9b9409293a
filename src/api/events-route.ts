import { Router } from 'express';
import type { FlightEvent } from '../service/flight-events';
import { getFlight } from '../store/flights';
import { tokenOf } from './authenticate';
import type { AppDeps } from './app-deps';
import { flightFor } from './flights-routes';
import { flightView } from './flight-view';

const HEARTBEAT_MS = 15_000;
const COALESCE_MS = 200;

/**
 * GET /flights/:id/events: Server-Sent Events. `progress` carries the whole flight view (at once, then at
 * most every 200 ms while things change), `photo` each photo's move (state, stage, error), `done` when
 * every photo is finished and the hotspots are rebuilt. A comment line every 15 s keeps proxies from
 * closing an idle stream.
 */
export function eventsRoute(deps: AppDeps): Router {
  const r = Router();
  r.get('/flights/:id/events', (req, res) => {
    const flight = flightFor(deps.db, req.params.id, tokenOf(res), 'flight:read');
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    let seq = 0;
    const send = (event: string, data: unknown): void => { res.write(`id: ${++seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`); };
    let lastState: string | null = null;
    const sendProgress = (): void => {
      const current = getFlight(deps.db, flight.id);
      if (!current) return;
      const view = flightView(deps.db, current);
      send('progress', view);
      if (view.state === 'done' && lastState !== 'done') send('done', view);
      lastState = view.state;
    };
    let pending: NodeJS.Timeout | null = null;
    const schedule = (): void => {
      pending ??= setTimeout(() => { pending = null; sendProgress(); }, COALESCE_MS);
    };
    const unsubscribe = deps.events.subscribe(flight.id, (e: FlightEvent) => {
      if (e.type === 'photo') send('photo', e);
      if (e.type === 'hotspots') send('hotspots', e);
      schedule();
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    sendProgress();
    req.on('close', () => {
      unsubscribe();
      clearInterval(heartbeat);
      if (pending) clearTimeout(pending);
    });
  });
  return r;
}
