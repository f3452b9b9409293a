import type { Page } from 'playwright-core';
import { browserMissing, screenshot, seriousA11yViolations, untranslatedWords } from '../helpers/browser';
import { Api } from '../helpers/service-process';
import { analysedSampleFlight, openSignedIn, startWebService, type WebService } from '../helpers/web-service';

const missing = browserMissing();
const describeBrowser = missing ? describe.skip : describe;
if (missing) console.warn(`skipping the browser tests: ${missing}`);

describeBrowser('the judge review page (Debian chromium, the whole service with workers)', () => {
  let web: WebService;
  let flightId: string;
  let hotspots: string[];
  let judge: Api;

  beforeAll(async () => {
    web = await startWebService(1);
    ({ flightId, hotspots } = await analysedSampleFlight(web, '汉江排查'));
    judge = new Api(web.base, web.token('judge', '王芳'));
  }, 180_000);
  afterAll(async () => { await web?.close(); });

  const statuses = async (): Promise<Record<string, string>> => {
    const { json } = await judge.call('GET', `/api/v1/flights/${flightId}/hotspots`);
    return Object.fromEntries((json.hotspots as { id: string; status: string }[]).map((h) => [h.id, h.status]));
  };
  const showing = async (page: Page, id: string, status: string): Promise<void> => {
    await page.locator(`[data-testid="hotspot-facts"][data-hotspot="${id}"] [data-status="${status}"]`).waitFor();
  };

  it('confirms one hotspot and rejects another with the keyboard, undoes and redoes, and keeps the history', async () => {
    expect(hotspots.length).toBeGreaterThanOrEqual(3);
    const { page, outside } = await openSignedIn(web, judge.secret!, { width: 1280, height: 800, locale: 'en-GB', route: '#review' });
    await showing(page, hotspots[0]!, 'pending');
    expect(await page.getByTestId('queue-position').textContent()).toBe(`Hotspot 1 of ${hotspots.length} · ${hotspots.length} still pending`);
    // The evidence crop, the whole photo (loaded, framed on the detection) and the other photos' thumbnails.
    await page.getByRole('img', { name: /Crop of the best photo/ }).waitFor();
    await page.getByTestId('zoom').waitFor();
    expect(await page.evaluate<boolean>(`(() => { const i = document.querySelector('.viewer-layer img'); return i.complete && i.naturalWidth > 1000; })()`)).toBe(true);
    expect(await page.getByRole('img', { name: /^Thumbnail of DJI_/ }).count()).toBeGreaterThanOrEqual(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'judge-review-1280');

    // The viewer: + zooms in about the centre, the arrows pan it once it has the focus, 0 fits the whole photo.
    const zoom = async (): Promise<number> => Number((await page.getByTestId('zoom').textContent())!.replace(/\D/g, ''));
    const framed = await zoom();
    await page.keyboard.press('+');
    await page.waitForFunction(`Number(document.querySelector('[data-testid="zoom"]').textContent.replace(/\\D/g, '')) > ${framed}`);
    const layer = page.locator('.viewer-layer');
    await page.getByRole('group', { name: /^Whole photo: drag or use the arrow keys/ }).focus();
    const before = await layer.getAttribute('style');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(`document.querySelector('.viewer-layer').getAttribute('style') !== ${JSON.stringify(before)}`);
    await page.keyboard.press('0');
    await page.waitForFunction(`Number(document.querySelector('[data-testid="zoom"]').textContent.replace(/\\D/g, '')) < ${framed}`);

    // N: a note, typed into the note box (C typed there is text, not a decision); Escape leaves it; C confirms.
    await page.keyboard.press('n');
    await page.keyboard.type('Milky plume from a concrete pipe');
    await page.keyboard.press('Escape');
    await page.keyboard.press('c');
    await showing(page, hotspots[1]!, 'pending');
    expect(await page.getByTestId('said').textContent()).toBe('Confirmed: hotspot 1');
    await page.keyboard.press('r');
    await showing(page, hotspots[2]!, 'pending');
    expect(await statuses()).toMatchObject({ [hotspots[0]!]: 'confirmed', [hotspots[1]!]: 'rejected', [hotspots[2]!]: 'pending' });
    const first = await judge.call('GET', `/api/v1/hotspots/${hotspots[0]}`);
    expect((first.json.reviews as { decision: string; note: string | null }[]).map((r) => [r.decision, r.note])).toEqual([['confirmed', 'Milky plume from a concrete pipe']]);

    // U takes back the rejection: the hotspot is pending again, on screen and on the server, and both are in its history.
    await page.keyboard.press('u');
    await showing(page, hotspots[1]!, 'pending');
    expect(await page.getByTestId('said').textContent()).toBe('Undone: hotspot 2 is pending again');
    expect((await statuses())[hotspots[1]!]).toBe('pending');
    await page.getByTestId('history').locator('li').nth(1).waitFor();
    expect(await page.getByTestId('history').locator('li').allTextContents()).toEqual([expect.stringMatching(/^Rejected by 王芳, /), expect.stringMatching(/^Reopened by 王芳, /)]);
    await page.keyboard.press('r');
    await showing(page, hotspots[2]!, 'pending');
    // J and K walk the queue, decided hotspots included.
    await page.keyboard.press('k');
    await showing(page, hotspots[1]!, 'rejected');
    await page.keyboard.press('k');
    await showing(page, hotspots[0]!, 'confirmed');
    await page.keyboard.press('j');
    await showing(page, hotspots[1]!, 'rejected');
    const final = await statuses();
    expect(Object.values(final).filter((s) => s === 'confirmed')).toHaveLength(1);
    expect(final).toMatchObject({ [hotspots[0]!]: 'confirmed', [hotspots[1]!]: 'rejected' });
    await screenshot(page, 'judge-review-decided-1280');
    expect(outside).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('speaks zh-CN at tablet width: every string translated, nothing cut off, no serious accessibility violation', async () => {
    const { page, outside } = await openSignedIn(web, judge.secret!, { width: 768, height: 1024, locale: 'zh-CN', route: '#review' });
    await page.getByTestId('hotspot-facts').waitFor();
    await page.getByTestId('zoom').waitFor();
    expect(await untranslatedWords(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'judge-review-zh-768');
    expect(outside).toEqual([]);
    await page.context().close();
  }, 60_000);
});
