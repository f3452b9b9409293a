import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { followFlight } from '../flight-events';
import type { MapHotspot, MapPhoto } from './map-data';

export interface FlightMapData {
  readonly photos: readonly MapPhoto[];
  readonly hotspots: readonly MapHotspot[];
  readonly loading: boolean;
  readonly error: string | null;
}

/**
 * The flight's photos and hotspots (every status: the page filters), kept live: hotspots are read again
 * when the flight's hotspots are rebuilt or a review changes its counts, photos when one is done. Their
 * thumbnails come from useGroundThumbnails.
 */
export function useFlightMapData(token: string, flightId: string): FlightMapData {
  const [photos, setPhotos] = useState<readonly MapPhoto[]>([]);
  const [hotspots, setHotspots] = useState<readonly MapHotspot[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!flightId) return undefined;
    let live = true;
    setPhotos([]); setHotspots([]); setError(null); setLoading(true);
    const fail = (e: unknown) => { if (live) setError(e instanceof Error ? e.message : String(e)); };
    const base = `/flights/${encodeURIComponent(flightId)}`;
    const loadHotspots = () => api<{ hotspots: MapHotspot[] }>(token, 'GET', `${base}/hotspots?status=all`).then((r) => { if (live) setHotspots(r.hotspots); });
    const loadPhotos = () => api<{ photos: MapPhoto[] }>(token, 'GET', `${base}/photos`).then((r) => {
      if (!live) return;
      setPhotos(r.photos);
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
    };
  }, [token, flightId]);

  return { photos, hotspots, loading, error };
}
