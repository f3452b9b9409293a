import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { fetchImageUrl } from '../authorized-image';
import { followFlight } from '../flight-events';
import type { MapHotspot, MapPhoto } from './map-data';

export interface FlightMapData {
  readonly photos: readonly MapPhoto[];
  readonly hotspots: readonly MapHotspot[];
  /** Object URLs of the thumbnails of photos that can be laid on the ground, by photo id. */
  readonly thumbnails: ReadonlyMap<string, string>;
  readonly loading: boolean;
  readonly error: string | null;
}

const THUMBNAILS_AT_ONCE = 4;

/**
 * The flight's photos, hotspots (every status: the page filters) and thumbnails, kept live: hotspots are
 * read again when the flight's hotspots are rebuilt or a review changes its counts, photos when one is done.
 * Thumbnails are fetched with the token (a few at a time) and their object URLs revoked when the flight changes.
 */
export function useFlightMapData(token: string, flightId: string): FlightMapData {
  const [photos, setPhotos] = useState<readonly MapPhoto[]>([]);
  const [hotspots, setHotspots] = useState<readonly MapHotspot[]>([]);
  const [thumbnails, setThumbnails] = useState<ReadonlyMap<string, string>>(new Map());
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(new Set<string>());

  useEffect(() => {
    if (!flightId) return undefined;
    let live = true;
    const made: string[] = [];
    asked.current = new Set();
    setPhotos([]); setHotspots([]); setThumbnails(new Map()); setError(null); setLoading(true);
    const fail = (e: unknown) => { if (live) setError(e instanceof Error ? e.message : String(e)); };
    const base = `/flights/${encodeURIComponent(flightId)}`;
    const loadHotspots = () => api<{ hotspots: MapHotspot[] }>(token, 'GET', `${base}/hotspots?status=all`).then((r) => { if (live) setHotspots(r.hotspots); });
    const loadThumbnails = async (list: readonly MapPhoto[]) => {
      const queue = list.filter((p) => p.groundCorners && !asked.current.has(p.id));
      queue.forEach((p) => asked.current.add(p.id));
      const next = async (): Promise<void> => {
        const p = queue.shift();
        if (!p || !live) return;
        try {
          const url = await fetchImageUrl(token, `/photos/${encodeURIComponent(p.id)}/thumbnail.jpg`);
          if (!live) { URL.revokeObjectURL(url); return; }
          made.push(url);
          setThumbnails((m) => new Map(m).set(p.id, url));
        } catch {
          asked.current.delete(p.id); // tried again on the next refresh
        }
        return next();
      };
      await Promise.all(Array.from({ length: THUMBNAILS_AT_ONCE }, next));
    };
    const loadPhotos = () => api<{ photos: MapPhoto[] }>(token, 'GET', `${base}/photos`).then((r) => {
      if (!live) return;
      setPhotos(r.photos);
      void loadThumbnails(r.photos);
    });
    Promise.all([loadPhotos(), loadHotspots()]).catch(fail).finally(() => { if (live) setLoading(false); });

    let counts = '';
    let photoTimer: ReturnType<typeof setTimeout> | undefined;
    const stop = followFlight(token, flightId, {
      hotspots: () => { loadHotspots().catch(fail); },
      progress: (view) => {
        const now = JSON.stringify(view.hotspots);
        if (counts && now !== counts) loadHotspots().catch(fail);
        counts = now;
      },
      photo: (p) => {
        if (p.state !== 'done') return;
        clearTimeout(photoTimer);
        photoTimer = setTimeout(() => { loadPhotos().catch(fail); }, 1000);
      },
    });
    return () => {
      live = false;
      stop();
      clearTimeout(photoTimer);
      made.forEach((u) => URL.revokeObjectURL(u));
    };
  }, [token, flightId]);

  return { photos, hotspots, thumbnails, loading, error };
}
