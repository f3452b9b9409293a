import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts `app` on a free local port; `base` is its URL, `close()` stops it. */
export async function listen(app: { listen(port: number, host: string): Server }): Promise<{ server: Server; base: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    server,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
