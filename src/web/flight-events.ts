import { ApiError, authorizedFetch } from './api';

/** What the service's event stream sends about a flight (GET /flights/:id/events). */
export interface FlightEventHandlers {
  /** The whole flight view: photos per state, hotspots per review status, overall state. */
  progress?(view: FlightView): void;
  /** One photo's new state or stage. */
  photo?(photo: { photoId: string; state: string; stage?: string | null; error?: string | null }): void;
  /** The flight's hotspots were rebuilt. */
  hotspots?(): void;
  done?(): void;
}

export interface FlightView {
  id: string;
  name: string;
  site?: string | null;
  state: 'empty' | 'processing' | 'done';
  photos: Record<string, number>;
  hotspots: Record<string, number>;
}

/**
 * Follows the flight's server-sent events through fetch (so the token stays in a header, never in a URL),
 * reconnecting with backoff when the connection drops. Returns the unsubscribe.
 */
export function followFlight(token: string, flightId: string, on: FlightEventHandlers): () => void {
  const ctrl = new AbortController();
  void (async () => {
    for (let attempt = 0; !ctrl.signal.aborted; attempt++) {
      try {
        const res = await authorizedFetch(token, `/flights/${encodeURIComponent(flightId)}/events`, { signal: ctrl.signal });
        if (!res.body) return;
        attempt = 0;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, cut), on);
            buffer = buffer.slice(cut + 2);
          }
        }
      } catch (e) {
        if (e instanceof ApiError && e.status > 0) return; // refused (gone, forbidden): not a lost connection
        // connection lost: try again shortly
      }
      if (ctrl.signal.aborted) return;
      await new Promise((r) => setTimeout(r, Math.min(10_000, 1000 * 2 ** Math.min(attempt, 4))));
    }
  })();
  return () => ctrl.abort();
}

function dispatch(block: string, on: FlightEventHandlers): void {
  const event = /^event: (.*)$/m.exec(block)?.[1];
  const data = /^data: (.*)$/m.exec(block)?.[1];
  if (!event || data === undefined) return;
  const body = JSON.parse(data) as unknown;
  if (event === 'progress') on.progress?.(body as FlightView);
  else if (event === 'photo') on.photo?.(body as Parameters<NonNullable<FlightEventHandlers['photo']>>[0]);
  else if (event === 'hotspots') on.hotspots?.();
  else if (event === 'done') on.done?.();
}
