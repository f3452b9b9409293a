import type { Page } from 'playwright-core';
import { browserMissing, screenshot, seriousA11yViolations, LATIN_ALLOWED } from '../helpers/browser';
import { openPage, startWebApp, type WebFixture } from '../helpers/web-app';

const missing = browserMissing();
const describeBrowser = missing ? describe.skip : describe;
if (missing) console.warn(`skipping the browser tests: ${missing}`);

describeBrowser('the web app: sign in, role, languages (Debian chromium, real server)', () => {
  let web: WebFixture;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    web = await startWebApp();
    // Users' own names are data, not the app's words: Chinese names keep the zh-CN check about the app.
    for (const [role, name] of [['pilot', '李伟'], ['judge', '王芳'], ['admin', '张强']] as const) secrets[role] = web.token(role, name);
  }, 60_000);
  afterAll(async () => { await web?.close(); });

  const open = (width: number, height: number, locale = 'en-GB'): Promise<{ page: Page; outside: string[] }> => openPage(web, { width, height, locale });
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
