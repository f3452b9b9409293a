import fs from 'node:fs';
import path from 'node:path';
import { browserMissing, screenshot, seriousA11yViolations } from '../helpers/browser';
import { Api } from '../helpers/service-process';
import { openSignedIn, SAMPLES, startWebService, type WebService } from '../helpers/web-service';

const missing = browserMissing();
const describeBrowser = missing ? describe.skip : describe;
if (missing) console.warn(`skipping the browser tests: ${missing}`);

const FILES = fs.readdirSync(SAMPLES).filter((f) => /\.jpe?g$/i.test(f)).sort().map((f) => path.join(SAMPLES, f));

describeBrowser('a pilot uploads samples/ and watches it to done (Debian chromium, the whole service with workers)', () => {
  let web: WebService;

  beforeAll(async () => { web = await startWebService(1); }, 60_000);
  afterAll(async () => { await web?.close(); });

  it('uploads the six samples, sees each photo go through the stages to done with its warnings, and the hotspots found', async () => {
    const secret = web.token('pilot', '李伟');
    const { page, outside } = await openSignedIn(web, secret, { width: 1280, height: 800, locale: 'en-GB', route: '#upload' });
    await page.getByLabel('Flight name').fill('Han river, 30 November');
    await page.getByRole('button', { name: 'Create flight' }).click();
    await page.getByRole('option', { name: 'Han river, 30 November' }).waitFor({ state: 'attached' });
    const flightId = await page.getByLabel('Flight', { exact: true }).inputValue();
    // Every state and stage text the page shows while it works, to see that it followed the analysis live.
    const seen = new Set<string>();
    const watch = setInterval(() => {
      void page.locator('table.server-photos tbody tr td:nth-child(2)').allTextContents().then((xs) => xs.forEach((x) => seen.add(x)), () => undefined);
    }, 50);
    await page.getByLabel('Choose photos').setInputFiles(FILES);
    await page.locator('[data-testid="processing"][data-state="done"]').waitFor({ timeout: 120_000 });
    clearInterval(watch);

    const api = new Api(web.base, secret);
    const { json: flight } = await api.call('GET', `/api/v1/flights/${flightId}`);
    const hotspots = (flight.hotspots as { total: number }).total;
    expect(hotspots).toBe(3); // the samples' three discharges (samples/truth.json)
    expect(flight.state).toBe('done');
    expect(await page.getByTestId('flight-state').textContent()).toBe(`Done: every photo is analysed. Hotspots found: ${hotspots}.`);
    await page.getByLabel('6 of 6 photos analysed').waitFor();
    expect(await page.evaluate("(() => { const p = document.getElementById('analysed-progress'); return [p.value, p.max]; })()")).toEqual([6, 6]);
    await page.waitForFunction("document.querySelectorAll('table.server-photos tbody tr[data-state=\"done\"]').length === 6");
    expect([...seen].some((s) => /^Analysing: /.test(s))).toBe(true);
    // The ingest warnings, per photo, as the server stored them.
    const { json: listed } = await api.call('GET', `/api/v1/flights/${flightId}/photos`);
    const oblique = (listed.photos as { filename: string; warnings: { code: string }[] }[]).filter((p) => p.warnings.some((w) => w.code === 'OBLIQUE')).map((p) => p.filename);
    expect(oblique.length).toBeGreaterThan(0);
    // (Waited for: the list is re-read at most every 1.5 s, and the last read may still be on its way.)
    for (const name of oblique) {
      await page.locator(`table.server-photos tr[data-file="${name}"] td:nth-child(3)`).filter({ hasText: /^Oblique view: positions are less precise$/ }).waitFor({ timeout: 5000 });
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'pilot-upload-done-1280');
    expect(outside).toEqual([]);
    await page.context().close();
  }, 180_000);
});
