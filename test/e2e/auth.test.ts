import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SHOTS_DIR } from '../src/dashboard-session.ts';
import { launchChromium, type Platform, startPlatform } from '../src/platform.ts';
import { signIn } from '../src/sign-in.ts';

const VIEWER = { email: 'viewer@example.com', password: 'viewer-password-1' };

/**
 * Accounts as a team meets them on `tradeoff start`: the API refuses anonymous calls, the
 * dashboard sends visitors to sign in, an admin manages users and tokens, a viewer cannot launch.
 */
describe('sign-in and roles end to end', () => {
  let platform: Platform;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    contexts.push(context);
    return context.newPage();
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: true });
  /** A tRPC call from inside the page, with the page's cookie: the HTTP status. */
  const statusFromPage = (page: Page, path: string, body?: unknown) =>
    page.evaluate(
      async ({ path, body }) => {
        const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: body }) };
        return (await fetch(`/api/trpc/${path}`, init)).status;
      },
      { path, body },
    );

  beforeAll(async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    platform = await startPlatform();
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    if (platform) expect(await platform.stop(), platform.process.output().slice(-3000)).toBe(0);
  }, 60_000);

  it('start printed how to sign in; the API refuses an anonymous caller with 401', async () => {
    expect(platform.process.output()).toContain(`Sign in at ${platform.baseUrl}/sign-in as ${platform.admin.email}, password: ${platform.admin.password}`);
    const anonymous = await fetch(`${platform.baseUrl}/api/trpc/experiments.list`);
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(await anonymous.json())).toContain('UNAUTHORIZED');
    expect((await fetch(`${platform.baseUrl}/api/trpc/health.check`)).status).toBe(200);
    const page = await fetch(`${platform.baseUrl}/experiments/new`, { redirect: 'manual' });
    expect(page.status).toBe(307);
    expect(new URL(page.headers.get('location')!, platform.baseUrl).href).toBe(`${platform.baseUrl}/sign-in?next=%2Fexperiments%2Fnew`);
  });

  it('a wrong password is refused with a clear message; the right one opens the page asked for', async () => {
    const page = await newPage();
    await page.goto(`${platform.baseUrl}/experiments/new`);
    await page.waitForURL(/\/sign-in\?next=%2Fexperiments%2Fnew$/);
    await page.getByTestId('sign-in-email').fill(platform.admin.email);
    await page.getByTestId('sign-in-password').fill('not the password');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('sign-in-error').textContent()).resolves.toBe('Wrong email or password.');
    expect(page.url()).toContain('/sign-in');
    await shot(page, 'sign-in');

    await page.getByTestId('sign-in-password').fill(platform.admin.password);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${platform.baseUrl}/experiments/new`);
    await page.getByTestId('new-experiment-form').waitFor();
    await expect(page.getByTestId('user-role').first().textContent()).resolves.toBe('admin');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'tradeoff_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  it('an admin creates a viewer and an API token; the token works over HTTP until revoked', async () => {
    const page = await newPage();
    await signIn(page, platform.baseUrl, platform.admin, '/settings/users');
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('user-email').fill(VIEWER.email);
    await page.getByTestId('user-role-select').selectOption('viewer');
    await page.getByTestId('user-password').fill(VIEWER.password);
    await page.getByTestId('create-user').click();
    const row = page.locator(`[data-testid="user-row"][data-email="${VIEWER.email}"]`);
    await row.waitFor();
    await expect(row.getByTestId('user-role').inputValue()).resolves.toBe('viewer');
    await shot(page, 'users');

    await page.goto(`${platform.baseUrl}/settings/tokens`);
    await page.getByTestId('token-name').fill('e2e script');
    await page.getByTestId('create-token').click();
    const token = (await page.getByTestId('new-token').textContent())!.trim();
    expect(token).toMatch(/^tdo_/);
    const withToken = () => fetch(`${platform.baseUrl}/api/trpc/experiments.list`, { headers: { authorization: `Bearer ${token}` } });
    expect((await withToken()).status).toBe(200);
    await shot(page, 'tokens');

    const tokenRow = page.getByTestId('token-row').filter({ hasText: 'e2e script' });
    await tokenRow.getByTestId('revoke-token').click();
    await tokenRow.getByText('revoked').waitFor();
    expect((await withToken()).status).toBe(401);
    // Shown once: after a reload the token is nowhere on the page.
    await page.reload();
    await page.getByTestId('tokens-table').waitFor();
    expect(await page.content()).not.toContain(token);
  });

  it('a viewer sees no launch buttons, is refused /experiments/new, and the API refuses the launch', async () => {
    const page = await newPage();
    await signIn(page, platform.baseUrl, VIEWER);
    await page.getByTestId('experiment-row').first().waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('user-role').first().textContent()).resolves.toBe('viewer');
    expect(await page.getByTestId('new-experiment').count()).toBe(0);

    await page.goto(`${platform.baseUrl}/experiments/new`);
    const refused = page.getByTestId('launch-refused');
    await expect(refused.textContent()).resolves.toContain('Launching needs the member role; you are a viewer');
    expect(await page.getByTestId('new-experiment-form').count()).toBe(0);
    await shot(page, 'viewer-refused');

    expect(await statusFromPage(page, 'experiments.list')).toBe(200);
    const launch = await statusFromPage(page, 'experiments.create', { spec: { name: 'by a viewer' } });
    expect(launch).toBe(403);
  });

  it('sign-out ends the session: the old cookie no longer works and pages ask to sign in', async () => {
    const page = await newPage();
    await signIn(page, platform.baseUrl, VIEWER);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'tradeoff_session')!;
    await page.getByTestId('user-menu').locator('summary').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto(platform.baseUrl);
    await page.waitForURL(/\/sign-in\?next=%2F$/);

    const replayed = await fetch(`${platform.baseUrl}/api/trpc/experiments.list`, { headers: { cookie: `tradeoff_session=${cookie.value}` } });
    expect(replayed.status).toBe(401);
  });
});
