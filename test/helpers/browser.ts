import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, driven by playwright-core (never a downloaded browser). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-output', 'screenshots');

/**
 * Why the browser tests cannot run here, or null when they can. Without chromium they are skipped with this
 * reason, except in CI (CI=true), where a missing browser must fail rather than pass silently.
 */
export function browserMissing(): string | null {
  if (fs.existsSync(CHROMIUM)) return null;
  const why = `no chromium at ${CHROMIUM} (Debian: apt-get install -y chromium fonts-noto-cjk)`;
  if (process.env.CI) throw new Error(`browser tests cannot run in CI: ${why}`);
  return why;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** Every request the page makes that is not to `origin` (nor data: or blob:): the app must make none. */
export function watchRequests(page: Page, origin: string): string[] {
  const outside: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) outside.push(url);
  });
  return outside;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: unknown[] }

/** axe-core, injected from node_modules (no network), on the page as it is now: its serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  // A string, evaluated in the page: this file is typed for Node, not the DOM.
  const violations = await page.evaluate<AxeViolation[]>('axe.run().then((r) => r.violations)');
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Words a zh-CN page may show in Latin letters: names of formats and of the product's parts. */
export const LATIN_ALLOWED = new Set(['GeoJSON', 'KML', 'CSV', 'English']);

/**
 * Latin words on the page that are the app's own (not allowed above): what is left untranslated on a zh-CN
 * page. Data is not the app's words: elements marked translate="no" (file and flight names) are left out.
 */
export async function untranslatedWords(page: Page): Promise<string[]> {
  const text = await page.evaluate<string>(`(() => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('[translate="no"], script, style').forEach((e) => e.remove());
    copy.style.position = 'absolute'; copy.style.left = '-99999px';
    document.documentElement.append(copy);
    const text = copy.innerText;
    copy.remove();
    return text;
  })()`);
  return (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !LATIN_ALLOWED.has(w));
}
