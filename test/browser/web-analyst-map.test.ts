import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { browserMissing, screenshot, seriousA11yViolations } from '../helpers/browser';
import { Api } from '../helpers/service-process';
import { analysedSampleFlight, openSignedIn, startWebService, type WebService } from '../helpers/web-service';

const missing = browserMissing();
const describeBrowser = missing ? describe.skip : describe;
if (missing) console.warn(`skipping the browser tests: ${missing}`);

/** Words a zh-CN page may show in Latin letters: names of formats and of the product's parts. */
const LATIN_ALLOWED = new Set(['GeoJSON', 'KML', 'CSV', 'English']);

/** Where each thumbnail laid on the ground and wholly in view sits on screen, and the footprint outlines' boxes (page pixels). */
const GROUND_VS_FOOTPRINT = `(() => {
  const box = (r) => [Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)];
  const view = document.querySelector('.flight-map').getBoundingClientRect();
  const inView = (r) => r.left >= view.left && r.top >= view.top && r.right <= view.right && r.bottom <= view.bottom;
  const imgs = [...document.querySelectorAll('img.ground-image')].filter((i) => i.style.display !== 'none' && inView(i.getBoundingClientRect()));
  const paths = [...document.querySelectorAll('path.footprint')];
  return { images: imgs.map((i) => box(i.getBoundingClientRect())), footprints: paths.map((p) => box(p.getBoundingClientRect())) };
})()`;

describeBrowser('the analyst map (Debian chromium, the whole service)', () => {
  let web: WebService;
  let flightId: string;
  let confirmed: string;
  let rejected: string;
  let analyst: string;

  beforeAll(async () => {
    web = await startWebService();
    const flight = await analysedSampleFlight(web, '河口巡查');
    flightId = flight.flightId;
    expect(flight.hotspots.length).toBeGreaterThanOrEqual(2);
    [confirmed, rejected] = flight.hotspots as [string, string];
    const judge = new Api(web.base, web.token('judge', '王芳'));
    expect((await judge.call('POST', `/api/v1/hotspots/${confirmed}/review`, { decision: 'confirmed', note: '现场核实' })).status).toBe(201);
    expect((await judge.call('POST', `/api/v1/hotspots/${rejected}/review`, { decision: 'rejected' })).status).toBe(201);
    analyst = web.token('analyst', '陈静');
  }, 240_000);
  afterAll(async () => { await web?.close(); });

  const openMap = async (o: { width: number; height: number; locale: string }): Promise<{ page: Page; outside: string[] }> => {
    const opened = await openSignedIn(web, analyst, { ...o, route: '#map' });
    await opened.page.getByTestId('flight-map').waitFor();
    await opened.page.getByLabel(/^(Flight|航次)$/).selectOption(flightId);
    // Every photo of the samples is nadir enough to lay on the ground.
    await opened.page.waitForFunction("document.querySelectorAll('img.ground-image').length === 6 && [...document.querySelectorAll('img.ground-image')].every((i) => i.complete && i.naturalWidth > 0)", undefined, { timeout: 20_000 });
    return opened;
  };

  it('shows the flight at 1280x800: photos on the ground inside their footprints, hotspots by status; the confirmed GeoJSON holds exactly the confirmed hotspot', async () => {
    const { page, outside } = await openMap({ width: 1280, height: 800, locale: 'en-GB' });
    expect(await page.locator('path.footprint').count()).toBe(6);
    const all = (await new Api(web.base, analyst).call('GET', `/api/v1/flights/${flightId}/hotspots`)).json.hotspots as { id: string; position: unknown; confidence: number }[];
    expect(await page.locator('.leaflet-marker-icon.hotspot-marker').count()).toBe(all.filter((h) => h.position).length);
    expect(await page.locator('.leaflet-marker-icon.hotspot-confirmed').count()).toBe(1);
    expect(await page.locator('.leaflet-marker-icon.hotspot-rejected').count()).toBe(1);
    // The samples span two sites, so the whole flight is small: go to the first hotspot (keyboard: the list's
    // "Show" centres the map on it and focuses its marker), where the photos are large enough to compare.
    await page.getByRole('button', { name: 'Show hotspot 1 on the map' }).click();
    await page.waitForFunction("document.activeElement?.classList.contains('hotspot-marker')", undefined, { timeout: 5000 });
    // Each photo in view lies where its footprint is: the warped image's box is its footprint outline's box.
    const placed = await page.evaluate<{ images: number[][]; footprints: number[][] }>(GROUND_VS_FOOTPRINT);
    expect(placed.images.length).toBeGreaterThan(0);
    for (const img of placed.images) {
      const best = Math.min(...placed.footprints.map((f) => Math.max(...f.map((v, i) => Math.abs(v - img[i]!)))));
      expect(best).toBeLessThanOrEqual(3);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'analyst-map-1280');

    await page.getByLabel('Review status').selectOption('confirmed');
    await page.waitForFunction("document.querySelectorAll('.leaflet-marker-icon.hotspot-marker').length === 1");
    expect(await page.locator('.leaflet-marker-icon.hotspot-confirmed').count()).toBe(1);
    expect(await page.getByTestId('map-hotspots').locator('tbody tr').count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download GeoJSON' }).click()]);
    expect(download.suggestedFilename()).toMatch(/-confirmed\.geojson$/);
    const report = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as { type: string; features: { properties: { kind: string; id: string } }[] };
    expect(report.type).toBe('FeatureCollection');
    expect(report.features.filter((f) => f.properties.kind === 'hotspot').map((f) => f.properties.id)).toEqual([confirmed]);

    // A confidence floor filters the map, the list and the download alike (the same rule on both sides).
    // The slider moves in 5 % steps: the step that splits the hotspots where one does, else the first step
    // above the weakest (a calibrated model can put every sample hotspot within one step, 99 to 100 %).
    const keptAt = (f: number): string[] => all.filter((h) => h.confidence * 100 >= f).map((h) => h.id);
    const steps = Array.from({ length: 21 }, (_, i) => i * 5);
    const floor = steps.find((f) => keptAt(f).length > 0 && keptAt(f).length < all.length)
      ?? Math.ceil(Math.min(...all.map((h) => h.confidence)) * 20) * 5;
    const kept = keptAt(floor);
    expect(kept.length).toBeLessThan(all.length);
    await page.getByLabel('Review status').selectOption('all');
    await page.getByLabel('Minimum confidence').fill(String(floor));
    expect(await page.getByTestId('min-confidence').textContent()).toBe(`${floor}%`);
    await page.waitForFunction(`document.querySelectorAll('[data-testid="map-hotspots"] tbody tr').length === ${kept.length}`);
    const [floored] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download GeoJSON' }).click()]);
    expect(floored.suggestedFilename()).toMatch(new RegExp(`-all-min${floor}\\.geojson$`));
    const flooredReport = JSON.parse(fs.readFileSync(await floored.path(), 'utf8')) as { features: { properties: { kind: string; id: string } }[] };
    expect(flooredReport.features.filter((f) => f.properties.kind === 'hotspot').map((f) => f.properties.id).sort()).toEqual([...kept].sort());
    expect(outside).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('speaks zh-CN at tablet width (768x1024): every word translated, nothing cut off', async () => {
    const { page, outside } = await openMap({ width: 768, height: 1024, locale: 'zh-CN' });
    await page.getByLabel('审核状态').selectOption('rejected');
    const text = await page.evaluate<string>('document.body.innerText');
    const latin = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !LATIN_ALLOWED.has(w));
    expect(latin).toEqual([]);
    expect(await page.evaluate("[...document.querySelectorAll('.leaflet-control-zoom a')].map((a) => a.title)")).toEqual(['放大', '缩小']);
    expect(await page.evaluate(`document.fonts.check('16px "Noto Sans CJK SC"', '航次地图')`)).toBe(true);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '在地图上定位第 1 个疑似排放点' }).click();
    await page.waitForFunction("document.activeElement?.classList.contains('hotspot-rejected')", undefined, { timeout: 5000 });
    await screenshot(page, 'analyst-map-zh-768');
    expect(outside).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('requests base-map tiles only once a base-map URL is set, and from that address only', async () => {
    const { page } = await openMap({ width: 1280, height: 800, locale: 'en-GB' });
    const tiles: string[] = [];
    page.on('request', (req) => { if (req.url().includes('/test-tiles/')) tiles.push(req.url()); });
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    // The service's own origin, at a path that answers 404: requests are made, nothing leaves the machine.
    await page.getByText('Map settings').click();
    await page.getByLabel('Online base map (optional)').fill(`${web.base}/test-tiles/{z}/{x}/{y}.png`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForFunction("document.querySelectorAll('.leaflet-tile').length > 0");
    await page.waitForTimeout(300);
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.every((u) => /\/test-tiles\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
    // Kept in this browser: still on after a reload; removed, no tile is asked for again.
    await page.reload();
    await page.getByTestId('flight-map').waitFor();
    await page.waitForFunction("document.querySelectorAll('.leaflet-tile').length > 0");
    await page.getByText('Map settings').click();
    await page.getByRole('button', { name: 'Remove the base map' }).click();
    await page.waitForFunction("document.querySelectorAll('.leaflet-tile').length === 0");
    const before = tiles.length;
    await page.reload();
    await page.getByTestId('flight-map').waitFor();
    await page.waitForTimeout(500);
    expect(tiles.length).toBe(before);
    await page.context().close();
  }, 90_000);
});
