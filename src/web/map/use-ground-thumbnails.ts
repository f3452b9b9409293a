import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchImageUrl } from '../authorized-image';
import type { MapPhoto } from './map-data';

const THUMBNAILS_AT_ONCE = 4;

/**
 * Object URLs of the thumbnails of the photos that can be laid on the ground, by photo id: fetched with the
 * token, a few at a time, each once while `key` (the flight) stays; one that failed is tried again when the
 * list changes. All are revoked when `key` changes or the page goes.
 */
export function useGroundThumbnails(token: string, photos: readonly MapPhoto[], key: string): ReadonlyMap<string, string> {
  const [thumbnails, setThumbnails] = useState<ReadonlyMap<string, string>>(new Map());
  const asked = useRef(new Set<string>());
  const made = useRef<string[]>([]);
  // Which `key` a fetch belongs to: one that answers after the key changed is dropped, not shown.
  const generation = useRef(0);

  useEffect(() => {
    asked.current = new Set();
    setThumbnails(new Map());
    return () => {
      generation.current++;
      made.current.forEach((u) => URL.revokeObjectURL(u));
      made.current = [];
    };
  }, [token, key]);

  useEffect(() => {
    const gen = generation.current;
    const queue = photos.filter((p) => p.groundCorners && !asked.current.has(p.id));
    queue.forEach((p) => asked.current.add(p.id));
    const next = async (): Promise<void> => {
      const p = queue.shift();
      if (!p || gen !== generation.current) return;
      try {
        const url = await fetchImageUrl(token, `/photos/${encodeURIComponent(p.id)}/thumbnail.jpg`);
        if (gen !== generation.current) { URL.revokeObjectURL(url); return; }
        made.current.push(url);
        setThumbnails((m) => new Map(m).set(p.id, url));
      } catch {
        asked.current.delete(p.id); // tried again on the next list
      }
      return next();
    };
    void Promise.all(Array.from({ length: THUMBNAILS_AT_ONCE }, next));
  }, [photos]);

  return thumbnails;
}
