import type { Page } from 'playwright-core';
import { findToken, revokeToken } from '../../src/store/tokens';
import { browserMissing, screenshot, seriousA11yViolations, LATIN_ALLOWED } from '../helpers/browser';
import { openPage, startWebApp, type WebFixture } from '../helpers/web-app';

const missing = browserMissing();
const describeBrowser = missing ? describe.skip : describe;
if (missing) console.warn(`skipping the browser tests: ${missing}`);

/** GET /api/v1/me with a secret, straight from Node (not the page): whether the token really works. */
async function me(web: WebFixture, secret: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${web.base}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function openTokensPage(web: WebFixture, secret: string, o: { width: number; height: number; locale: string }): Promise<{ page: Page; outside: string[] }> {
  const opened = await openPage(web, o);
  await opened.page.getByLabel(/Access token|访问令牌/).fill(secret);
  await opened.page.getByRole('button', { name: /Sign in|登录/ }).click();
  await opened.page.getByRole('link', { name: /^(Tokens|令牌)$/ }).click();
  await opened.page.getByRole('table').waitFor();
  return opened;
}

describeBrowser('the tokens page: create, show the secret once, revoke (Debian chromium, real server)', () => {
  let web: WebFixture;
  let admin: string;
  let laptop: string;

  beforeAll(async () => {
    web = await startWebApp();
    admin = web.token('admin', 'Ana (admin)');
    web.token('pilot', 'Field tablet 3');
    laptop = web.token('analyst', 'Old laptop');
  }, 60_000);
  afterAll(async () => { await web?.close(); });

  it('creates a judge token whose secret works once shown, revokes it after a confirmation, and keeps the admin\'s own token safe', async () => {
    const { page, outside } = await openTokensPage(web, admin, { width: 1280, height: 800, locale: 'en-GB' });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });

    // The admin's own token: marked, and no revoke button (the API would revoke it and lock them out).
    expect(await row('Ana (admin) you').textContent()).toContain('Your token');
    expect(await page.getByRole('button', { name: /Revoke Ana/ }).count()).toBe(0);

    // Create: each role explained as it is chosen.
    await page.getByLabel('Name', { exact: true }).fill('Judge Chen');
    await page.getByLabel('Role', { exact: true }).selectOption('judge');
    expect(await page.locator('#token-role-help').textContent()).toMatch(/^Reviews every flight/);
    await page.getByRole('button', { name: 'Create token' }).click();
    const field = page.getByLabel('Token secret');
    const secret = await field.inputValue();
    expect(secret).toMatch(/^osk_[\w-]{43}$/);
    expect(await page.getByText('It will not be shown again').count()).toBe(1);
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(secret);
    expect(await me(web, secret)).toEqual({ status: 200, body: expect.objectContaining({ name: 'Judge Chen', role: 'judge' }) });
    expect(await row('Judge Chen').textContent()).toMatch(/Judge.*Active/);

    // Revoke asks first, in the page; Cancel (focused) keeps the token.
    await page.getByRole('button', { name: 'Revoke Judge Chen' }).click();
    // The focus moves in an effect after the render: wait for it rather than race it on a busy machine.
    await page.waitForFunction("document.activeElement?.textContent === 'Cancel'", undefined, { timeout: 5000 });
    expect(await page.getByRole('group').textContent()).toMatch(/Revoke the token “Judge Chen”\?.*cannot be undone/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'tokens-admin-1280');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('group').count()).toBe(0);
    expect(await me(web, secret)).toMatchObject({ status: 200 });

    // Put away, the secret is gone from the page for good.
    await page.getByRole('button', { name: 'I have saved it' }).click();
    expect(await page.content()).not.toContain(secret);

    await page.getByRole('button', { name: 'Revoke Judge Chen' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByRole('status').filter({ hasText: 'The token “Judge Chen” has been revoked.' }).waitFor();
    expect(await row('Judge Chen').textContent()).toMatch(/Revoked \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(await page.getByRole('button', { name: 'Revoke Judge Chen' }).count()).toBe(0);
    expect((await me(web, secret)).status).toBe(401);

    // Revoked meanwhile elsewhere (another admin, the command line): the API's 404 is said in a role=alert.
    revokeToken(web.db, findToken(web.db, laptop)!.id);
    await page.getByRole('button', { name: 'Revoke Old laptop' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('This token was already revoked. The list has been refreshed.');
    expect(await row('Old laptop').textContent()).toMatch(/Revoked/);

    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(outside).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describeBrowser('the tokens page in zh-CN at tablet width', () => {
  let web: WebFixture;
  let admin: string;

  beforeAll(async () => {
    web = await startWebApp();
    // Users' own names are data, not the app's words: Chinese names keep the zh-CN check about the app.
    admin = web.token('admin', '张强');
    web.token('pilot', '李伟');
    const gone = web.token('analyst', '旧笔记本');
    revokeToken(web.db, findToken(web.db, gone)!.id);
  }, 60_000);
  afterAll(async () => { await web?.close(); });

  it('says everything in Chinese, secret panel and confirmation included, with nothing cut off', async () => {
    const { page, outside } = await openTokensPage(web, admin, { width: 768, height: 1024, locale: 'zh-CN' });
    await page.getByLabel('名称', { exact: true }).fill('王芳');
    await page.getByLabel('角色', { exact: true }).selectOption('judge');
    await page.getByRole('button', { name: '创建令牌' }).click();
    const secret = await page.getByLabel('令牌密钥').inputValue();
    expect((await me(web, secret)).body).toMatchObject({ name: '王芳', role: 'judge' });
    await page.getByRole('button', { name: '吊销 李伟' }).click();

    // The secret is data in Latin letters (osk_…): the one string taken out before looking for English.
    const text = (await page.evaluate<string>('document.body.innerText')).split(secret).join('');
    const latin = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !LATIN_ALLOWED.has(w));
    expect(latin).toEqual([]);
    expect(text).toContain('它不会再次显示');
    expect(text).toContain('确定吊销令牌“李伟”吗？');
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'tokens-admin-zh-768');
    expect(outside).toEqual([]);
    await page.context().close();
  }, 60_000);
});
