import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { WEB_DIR } from '../../src/api/web-app';
import { launchBrowser, watchRequests } from './browser';
import { Api, followUntilDone, makeToken, startServe, type ServiceProcess } from './service-process';

export const SAMPLES = path.join(__dirname, '..', '..', 'samples');

/** The whole service (`outfall-scout serve` with its redis-server and analysis workers) and a browser. */
export interface WebService {
  readonly service: ServiceProcess;
  readonly base: string;
  readonly dataDir: string;
  readonly browser: Browser;
  /** A token's secret for a new token of `role` named `name`. */
  token(role: 'pilot' | 'judge' | 'analyst' | 'admin', name: string): string;
  close(): Promise<void>;
}

export async function startWebService(workers = 1): Promise<WebService> {
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error(`the web app is not built (${WEB_DIR}): run npm run build`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-websvc-'));
  // A token made before the service starts, so it does not print a first admin token.
  makeToken(dataDir, 'admin', 'fixture');
  const service = await startServe({ dataDir, workers });
  const browser = await launchBrowser();
  return {
    service,
    base: service.url,
    dataDir,
    browser,
    token: (role, name) => makeToken(dataDir, role, name),
    close: async () => {
      await browser.close();
      await service.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A flight of the six samples, uploaded through the API by a new pilot and analysed to done: its id and
 * its hotspots' ids, best first as the API lists them.
 */
export async function analysedSampleFlight(web: WebService, name: string): Promise<{ flightId: string; hotspots: string[] }> {
  const pilot = new Api(web.base, web.token('pilot', `${name} pilot`));
  const flight = await pilot.call('POST', '/api/v1/flights', { name });
  if (flight.status !== 201) throw new Error(`create flight: ${flight.status} ${JSON.stringify(flight.json)}`);
  const files = fs.readdirSync(SAMPLES).filter((f) => /\.jpe?g$/i.test(f)).sort()
    .map((f) => ({ name: f, bytes: new Uint8Array(fs.readFileSync(path.join(SAMPLES, f))) }));
  const flightId = String(flight.json.id);
  const sent = await pilot.upload(flightId, files);
  if (sent.status !== 202) throw new Error(`upload: ${sent.status} ${JSON.stringify(sent.json)}`);
  await followUntilDone(pilot, flightId, 120_000);
  const list = await pilot.call('GET', `/api/v1/flights/${flightId}/hotspots`);
  return { flightId, hotspots: (list.json.hotspots as { id: string }[]).map((h) => h.id) };
}

/** A fresh browser context at this size and locale on `route`, signed in with `secret`; requests to other hosts land in `outside`. */
export async function openSignedIn(web: WebService, secret: string, o: { width: number; height: number; locale: string; route?: string }): Promise<{ page: Page; outside: string[] }> {
  const context = await web.browser.newContext({ viewport: { width: o.width, height: o.height }, locale: o.locale, bypassCSP: true, acceptDownloads: true });
  const page = await context.newPage();
  const outside = watchRequests(page, web.base);
  await page.goto(`${web.base}/${o.route ?? ''}`);
  await page.getByLabel(/Access token|访问令牌/).fill(secret);
  await page.getByRole('button', { name: /Sign in|登录/ }).click();
  await page.getByRole('navigation').waitFor();
  return { page, outside };
}
