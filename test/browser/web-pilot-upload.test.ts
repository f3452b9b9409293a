import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserMissing, screenshot, seriousA11yViolations, untranslatedWords } from '../helpers/browser';
import { Api } from '../helpers/service-process';
import { openPage, startWebApp, type WebFixture } from '../helpers/web-app';

const missing = browserMissing();
const describeBrowser = missing ? describe.skip : describe;

const SAMPLES = path.join(__dirname, '..', '..', 'samples');
const FILES = fs.readdirSync(SAMPLES).filter((f) => /\.jpe?g$/i.test(f)).sort().map((f) => path.join(SAMPLES, f));

/** The pilot's upload page against the real API and store (no queue here: photos stay received). */
describeBrowser('the pilot uploads a flight (Debian chromium, real server)', () => {
  let web: WebFixture;
  let secret: string;

  beforeAll(async () => {
    web = await startWebApp();
    secret = web.token('pilot', '李伟');
  }, 60_000);
  afterAll(async () => { await web?.close(); });

  /** The pilot signed in at 1280x800 on the upload page, with a new flight of this name chosen. */
  const withNewFlight = async (name: string): Promise<{ page: Page; outside: string[]; flightId: string }> => {
    const { page, outside } = await openPage(web, { width: 1280, height: 800, locale: 'en-GB', route: '#upload' });
    await page.getByLabel('Access token').fill(secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Flight name').fill(name);
    await page.getByRole('button', { name: 'Create flight' }).click();
    await page.getByRole('option', { name }).waitFor({ state: 'attached' });
    return { page, outside, flightId: await page.getByLabel('Flight', { exact: true }).inputValue() };
  };

  it('resumes a cut-off upload without resending finished files, and retries a lost connection by itself', async () => {
    const { page, outside, flightId } = await withNewFlight('Han river, 14 May');

    // The first half went up before the connection was cut.
    const api = new Api(web.base, secret);
    const first = await api.upload(flightId, FILES.slice(0, 3).map((f) => ({ name: path.basename(f), bytes: fs.readFileSync(f) })));
    expect(first.status).toBe(202);

    // The second half: the connection drops on the first try of one file.
    const posts: string[] = [];
    let dropped = false;
    await page.route('**/photos', async (route) => {
      if (route.request().method() !== 'POST') { await route.continue(); return; } // the server list's polls
      posts.push(route.request().url());
      if (!dropped) { dropped = true; await route.abort('connectionreset'); } else await route.continue();
    });
    await page.getByLabel('Choose photos').setInputFiles(FILES);
    // Strings, evaluated in the page (this file is typed for Node, not the DOM).
    // The upload queue's rows only: the server's photo list below it is a table of the same style.
    const rowStates = "[...document.querySelectorAll('table.files:not(.server-photos) tr')].map((tr) => tr.getAttribute('data-state'))";
    await page.waitForFunction(`((s) => s.length === 6 && s.every((x) => x === 'done' || x === 'skipped'))(${rowStates})`, undefined, { timeout: 30_000 });
    const states = await page.evaluate<string[]>(rowStates);
    expect(states.filter((s) => s === 'skipped')).toHaveLength(3);
    expect(states.filter((s) => s === 'done')).toHaveLength(3);
    expect(posts).toHaveLength(4); // three files, one of them twice: nothing the server had was sent again

    const listed = (await api.call('GET', `/api/v1/flights/${flightId}/photos`)).json.photos as { filename: string }[];
    expect(listed.map((p) => p.filename).sort()).toEqual(FILES.map((f) => path.basename(f)).sort());
    await page.getByTestId('processing').getByText('Received: 6').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'pilot-upload-resumed-1280');
    expect(outside).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('uploads a whole folder chosen with the folder picker, leaving out what is not a photo', async () => {
    const { page, outside, flightId } = await withNewFlight('Han river, folder');
    // samples/ also holds README.md and truth.json: only the photos are sent.
    expect(fs.readdirSync(SAMPLES).length).toBeGreaterThan(FILES.length);
    await page.getByLabel('Choose a folder').setInputFiles(SAMPLES);
    await page.waitForFunction("[...document.querySelectorAll('table.files:not(.server-photos) tr[data-state]')].filter((tr) => tr.getAttribute('data-state') === 'done').length === 6", undefined, { timeout: 30_000 });
    const listed = (await new Api(web.base, secret).call('GET', `/api/v1/flights/${flightId}/photos`)).json.photos as { filename: string }[];
    expect(listed.map((p) => p.filename).sort()).toEqual(FILES.map((f) => path.basename(f)).sort());
    // The chosen flight survives a reload (and is the one the other pages open on), even when it is not the newest.
    await page.getByLabel('Flight', { exact: true }).selectOption({ label: 'Han river, 14 May' });
    const older = await page.getByLabel('Flight', { exact: true }).inputValue();
    expect(older).not.toBe(flightId);
    await page.reload();
    await page.getByRole('option', { name: 'Han river, folder' }).waitFor({ state: 'attached' });
    expect(await page.getByLabel('Flight', { exact: true }).inputValue()).toBe(older);
    expect(outside).toEqual([]);
    await screenshot(page, 'pilot-upload-folder-1280');
    await page.context().close();
  }, 90_000);

  it('speaks zh-CN on the pilot page at tablet width, with nothing cut off', async () => {
    const { page, outside } = await openPage(web, { width: 768, height: 1024, locale: 'zh-CN', route: '#upload' });
    await page.getByLabel('访问令牌').fill(secret);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '上传航次照片' }).waitFor();
    // The app's own words only: flight and file names are the users' data.
    await page.getByLabel('航次', { exact: true }).selectOption({ label: 'Han river, 14 May' });
    await page.getByTestId('processing').waitFor();
    expect(await untranslatedWords(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'pilot-upload-zh-768');
    expect(outside).toEqual([]);
    await page.context().close();
  }, 60_000);
});
