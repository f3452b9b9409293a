import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import type { FlightView } from './flight-events';
import type { T } from './i18n';

/** The flights this token may read, newest first, and a way to add one the page just created. */
export function useFlights(token: string): { flights: FlightView[]; add: (flight: FlightView) => void; reload: () => Promise<void> } {
  const [flights, setFlights] = useState<FlightView[]>([]);
  const reload = async () => setFlights((await api<{ flights: FlightView[] }>(token, 'GET', '/flights')).flights);
  useEffect(() => { void reload(); }, [token]);
  return { flights, add: (f) => setFlights((fs) => [f, ...fs.filter((x) => x.id !== f.id)]), reload };
}

const CHOSEN_KEY = 'outfall.flight';

/**
 * The flight the user works on, shared by the pages and kept across a reload in this tab: the stored choice
 * while the list holds it, else the first flight `prefer` likes, else the newest.
 */
export function useChosenFlight(flights: readonly FlightView[], prefer: (f: FlightView) => boolean = () => true): [string, (id: string) => void] {
  const [id, setId] = useState(() => sessionStorage.getItem(CHOSEN_KEY) ?? '');
  const choose = (next: string) => {
    sessionStorage.setItem(CHOSEN_KEY, next);
    setId(next);
  };
  useEffect(() => {
    if (flights.length > 0 && !flights.some((f) => f.id === id)) setId((flights.find(prefer) ?? flights[0]!).id);
  }, [flights]);
  return [id, choose];
}

/** A labelled flight chooser; `id` ties the label to the select. */
export function FlightSelect({ id, flights, value, onChange, t }: { id: string; flights: readonly FlightView[]; value: string; onChange: (id: string) => void; t: T }) {
  return (
    <>
      <label for={id}>{t('upload.flight')}</label>
      <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        {flights.map((f) => <option key={f.id} value={f.id} translate={false}>{f.name}{f.site ? ` (${f.site})` : ''}</option>)}
      </select>
    </>
  );
}
