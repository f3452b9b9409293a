import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../src/api/create-app';
import { WEB_DIR } from '../../src/api/web-app';
import { openDatabase, type Db } from '../../src/store/open-database';
import { createToken, type Role } from '../../src/store/tokens';
import { testAppDeps } from './app-deps';
import { launchBrowser, watchRequests } from './browser';
import { listen } from './listen';

/** The built web app on a real API and store (no queue), and a browser to look at it. */
export interface WebFixture {
  readonly db: Db;
  readonly base: string;
  readonly browser: Browser;
  /** A token's secret for a new token of `role` named `name`. */
  token(role: Role, name: string): string;
  close(): Promise<void>;
}

export async function startWebApp(): Promise<WebFixture> {
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error(`the web app is not built (${WEB_DIR}): run npm run build`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-web-'));
  const db = openDatabase(path.join(dir, 'web.sqlite'));
  const server = await listen(createApp(testAppDeps(db, dir)));
  const browser = await launchBrowser();
  return {
    db,
    base: server.base,
    browser,
    token: (role, name) => createToken(db, role, name).secret,
    close: async () => {
      await browser.close();
      await server.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh browser context at this size and locale, on `route` of the app, with every request to another
 * host recorded in `outside`. bypassCSP only so that a test can inject axe-core; the app's own requests are
 * watched either way.
 */
export async function openPage(web: WebFixture, o: { width: number; height: number; locale: string; route?: string }): Promise<{ page: Page; outside: string[] }> {
  const context = await web.browser.newContext({ viewport: { width: o.width, height: o.height }, locale: o.locale, bypassCSP: true });
  const page = await context.newPage();
  const outside = watchRequests(page, web.base);
  await page.goto(`${web.base}/${o.route ?? ''}`);
  return { page, outside };
}
