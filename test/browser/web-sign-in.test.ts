import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../src/api/create-app';
import { WEB_DIR } from '../../src/api/web-app';
import { openDatabase, type Db } from '../../src/store/open-database';
import { createToken } from '../../src/store/tokens';
import { testAppDeps } from '../helpers/app-deps';
import { browserMissing, launchBrowser, screenshot, seriousA11yViolations, watchRequests } from '../helpers/browser';
import { listen } from '../helpers/listen';

const missing = browserMissing();
const describeBrowser = missing ? describe.skip : describe;
if (missing) console.warn(`skipping the browser tests: ${missing}`);

/** Words a zh-CN page may show in Latin letters: names of formats and of the product's parts. */
const LATIN_ALLOWED = new Set(['GeoJSON', 'KML', 'CSV', 'English']);

describeBrowser('the web app: sign in, role, languages (Debian chromium, real server)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outfall-web-'));
  let db: Db;
  let server: Awaited<ReturnType<typeof listen>>;
  let base: string;
  let browser: Browser;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) throw new Error(`the web app is not built (${WEB_DIR}): run npm run build`);
    db = openDatabase(path.join(dir, 'web.sqlite'));
    // Users' own names are data, not the app's words: Chinese names keep the zh-CN check about the app.
    for (const [role, name] of [['pilot', '李伟'], ['judge', '王芳'], ['admin', '张强']] as const) secrets[role] = createToken(db, role, name).secret;
    server = await listen(createApp(testAppDeps(db, dir)));
    base = server.base;
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const open = async (width: number, height: number, locale = 'en-GB'): Promise<{ page: Page; outside: string[] }> => {
    // bypassCSP only so that the test can inject axe-core; the app's own requests are watched either way.
    const context = await browser.newContext({ viewport: { width, height }, locale, bypassCSP: true });
    const page = await context.newPage();
    const outside = watchRequests(page, base);
    await page.goto(base);
    return { page, outside };
  };
  const signIn = async (page: Page, role: string): Promise<void> => {
    await page.getByLabel(/Access token|访问令牌/).fill(secrets[role]!);
    await page.getByRole('button', { name: /Sign in|登录/ }).click();
    await page.getByTestId('role').waitFor();
  };

  it('signs a pilot in at 1280x800, shows the role and only the pilot\'s pages, with no request leaving the machine', async () => {
    const { page, outside } = await open(1280, 800);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-1280');
    await page.getByLabel('Access token').fill('osk_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/not valid/);
    await signIn(page, 'pilot');
    expect(await page.getByTestId('role').textContent()).toBe('Pilot');
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['Upload']);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'pilot-home-1280');
    expect(outside).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('shows a judge the review and map pages, and an admin every page', async () => {
    for (const [role, pages] of [['judge', ['Review', 'Map']], ['admin', ['Upload', 'Review', 'Map', 'Tokens']]] as const) {
      const { page } = await open(1280, 800);
      await signIn(page, role);
      expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(pages);
      await page.context().close();
    }
  }, 60_000);

  it('speaks zh-CN to a Chinese browser at tablet width: every string translated, CJK font present, nothing cut off', async () => {
    const { page, outside } = await open(768, 1024, 'zh-CN');
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    await signIn(page, 'judge');
    expect(await page.getByTestId('role').textContent()).toBe('审核员');
    const text = await page.evaluate<string>('document.body.innerText');
    const latin = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !LATIN_ALLOWED.has(w));
    expect(latin).toEqual([]);
    expect(await page.evaluate(`document.fonts.check('16px "Noto Sans CJK SC"', '审核')`)).toBe(true);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'judge-home-zh-768');
    // Switchable: back to English, and the choice is kept.
    await page.getByLabel('语言').selectOption('en');
    expect(await page.getByTestId('role').textContent()).toBe('Judge');
    await page.reload();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    expect(outside).toEqual([]);
    await page.context().close();
  }, 60_000);
});
