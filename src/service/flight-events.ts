import { EventEmitter } from 'node:events';

/** What a flight's event stream (SSE) carries; every state change happens in the server, so one bus suffices. */
export type FlightEvent =
  | { readonly type: 'photo'; readonly photoId: string; readonly state: string; readonly stage?: string | null; readonly error?: string | null }
  | { readonly type: 'hotspots'; readonly count: number }
  | { readonly type: 'progress' };

export class FlightEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  emit(flightId: string, event: FlightEvent): void {
    this.emitter.emit(flightId, event);
  }

  subscribe(flightId: string, listener: (e: FlightEvent) => void): () => void {
    this.emitter.on(flightId, listener);
    return () => { this.emitter.off(flightId, listener); };
  }
}
