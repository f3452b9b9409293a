/** The API as the browser calls it: the token in an Authorization header, never in a URL. */
export interface Me {
  readonly id: string;
  readonly name: string;
  readonly role: 'pilot' | 'judge' | 'analyst' | 'admin' | 'worker';
  readonly actions: readonly string[];
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/**
 * A request to `/api/v1${path}` with the token: the response when it is a success; an ApiError with the
 * server's code and message when not, or status 0 when the server cannot be reached (or `init.signal` aborts).
 */
export async function authorizedFetch(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, 'OFFLINE', 'the server cannot be reached');
  }
  if (res.ok) return res;
  const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  throw new ApiError(res.status, json?.error?.code ?? 'HTTP', json?.error?.message ?? `HTTP ${res.status}`);
}

/** A JSON call of the API: the parsed answer, or an ApiError (see authorizedFetch). */
export async function api<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await authorizedFetch(token, path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return (await res.json().catch(() => null)) as T;
}
