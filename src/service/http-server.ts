import http from 'node:http';

export interface HttpTimeouts {
  /** The request line and headers must arrive within this (slowloris); node answers 408 and closes. */
  readonly headersTimeoutMs: number;
  /** A whole request, an upload's body included, must arrive within this; 0: no limit. */
  readonly requestTimeoutMs: number;
}

/**
 * The service's HTTP server with its time limits. The body's idle limit is the upload route's (see
 * receivePhotos' `idleMs`): only there does a body go on for long. Node checks the two limits here every
 * `connectionsCheckingInterval`, so a limit is enforced within a second of its expiry.
 */
export function createHttpServer(handler: http.RequestListener, t: HttpTimeouts): http.Server {
  const server = http.createServer({
    headersTimeout: t.headersTimeoutMs,
    requestTimeout: t.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(t.headersTimeoutMs / 4))),
  }, handler);
  server.keepAliveTimeout = 65_000;
  return server;
}
