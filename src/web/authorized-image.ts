import { useEffect, useState } from 'preact/hooks';
import { authorizedFetch } from './api';

/**
 * Images of the API need the token, which lives in a header, never in a URL: fetch the bytes and show them
 * through an object URL (the CSP allows blob: images). Null until loaded or when `path` is null.
 */
export function useAuthorizedImage(token: string, path: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return undefined;
    let made: string | null = null;
    let live = true;
    void fetchImageUrl(token, path).then((u) => {
      if (live) setUrl((made = u));
      else URL.revokeObjectURL(u);
    }, () => { if (live) setUrl(null); });
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [token, path]);
  return url;
}

/** An object URL for an image of the API (the caller revokes it). */
export async function fetchImageUrl(token: string, path: string): Promise<string> {
  return URL.createObjectURL(await (await authorizedFetch(token, path)).blob());
}
