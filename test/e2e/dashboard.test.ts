import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../src/cli.ts';
import { type DashboardSession, openDashboardSession, SHOTS_DIR } from '../src/dashboard-session.ts';
import { hasCensus } from '../src/paths.ts';
import { launchChromium, type Platform, startPlatform } from '../src/platform.ts';
import { signIn } from '../src/sign-in.ts';

/**
 * The platform as a user gets it: `tradeoff start` on a fresh embedded store, then a browser creates
 * an MMoE experiment on Census-Income from the form, watches its run finish, and sees its metric
 * charts and final AUCs.
 */
describe.skipIf(!hasCensus)('dashboard end to end', () => {
  let session: DashboardSession;
  let platform: Platform;
  let page: Page;
  const shot = (name: string) => session.shot(name);

  beforeAll(async () => {
    session = await openDashboardSession();
    ({ platform, page } = session);
    console.log(`tradeoff start: dashboard served after ${platform.readySeconds.toFixed(1)} s`);
  }, 300_000);

  afterAll(async () => {
    if (session) expect(await session.close(), platform.process.output().slice(-3000)).toBe(0);
  }, 60_000);

  it('lists the first-run demo experiment on Census-Income', async () => {
    await page.goto(platform.baseUrl);
    const demo = page.getByTestId('experiment-row').first();
    await demo.waitFor({ timeout: 30_000 });
    await expect(demo.textContent()).resolves.toMatch(/Census/);
    await shot('01-experiments');
  });

  it('creates an MMoE census experiment from the form and shows its charts and final AUCs', async () => {
    await page.goto(platform.baseUrl);
    await page.getByTestId('new-experiment').click();
    await page.getByTestId('new-experiment-form').waitFor();
    await page.getByTestId('algorithm-select').selectOption('mmoe');
    const census = page.getByTestId('dataset-select').locator('option', { hasText: 'Census' });
    await page.getByTestId('dataset-select').selectOption((await census.getAttribute('value'))!);
    await page.getByTestId('experiment-name-input').fill('e2e: MMoE on census, 2 epochs');
    await page.getByTestId('hyper-epochs').fill('2');
    await shot('02-form');
    await page.getByTestId('submit-experiment').click();

    await page.waitForURL(/\/experiments\/[^/]+$/, { timeout: 30_000 });
    await expect(page.getByTestId('experiment-name').textContent()).resolves.toBe('e2e: MMoE on census, 2 epochs');
    // The worker finishes the demo run first, then takes this one; the chart appears with its first points.
    await page.getByTestId('metric-chart').first().waitFor({ timeout: 180_000 });
    await shot('03-live-chart');
    await page.locator('[data-testid="run-status"][data-status="finished"]').waitFor({ timeout: 180_000 });

    const income = page.getByTestId('final-metric-test/auc/income');
    const neverMarried = page.getByTestId('final-metric-test/auc/never_married');
    await income.waitFor({ timeout: 30_000 });
    expect(Number(await income.getAttribute('data-value'))).toBeGreaterThan(0.9);
    expect(Number(await neverMarried.getAttribute('data-value'))).toBeGreaterThan(0.95);
    await expect(income.textContent()).resolves.toMatch(/0\.9\d/);

    const charts = page.getByTestId('metric-chart');
    const titles = await charts.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-chart')));
    expect(titles).toEqual(expect.arrayContaining(['train/loss', 'valid/auc']));
    const lossChart = charts.filter({ has: page.locator('canvas, svg') }).first();
    await lossChart.waitFor();
    expect(Number(await lossChart.getAttribute('data-series-count'))).toBeGreaterThan(0);
    await shot('04-finished');
  });

  it('takes an experiment from `tradeoff launch --url` through the typed API client', async () => {
    const created = await runCli(['token', 'create', '--email', platform.admin.email, '--name', 'launch over HTTP'], {
      env: { TRADEOFF_HOME: platform.home, DATABASE_URL: undefined },
    });
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    const launch = await runCli(
      ['launch', 'examples/census-mmoe.json', '--url', platform.baseUrl, '--token', token, '--set', 'name=launched over HTTP', '--set', 'hyper.epochs=1', '--wait'],
      { env: { TRADEOFF_HOME: undefined, DATABASE_URL: undefined } },
    );
    expect(launch.code, launch.stderr).toBe(0);
    expect(launch.stdout).toMatch(/^experiment \S+\nrun \S+\n$/);
    expect(launch.stderr).toMatch(/ finished /);
    await page.goto(platform.baseUrl);
    await page.getByTestId('experiment-row').filter({ hasText: 'launched over HTTP' }).waitFor({ timeout: 30_000 });
  });
});

/** A machine without the shared data: the demo runs on generated data, labelled synthetic. */
describe('fresh machine without data', () => {
  let platform: Platform;
  let browser: Browser;
  let emptyDataDir = '';

  beforeAll(async () => {
    emptyDataDir = await mkdtemp(join(tmpdir(), 'tradeoff-nodata-'));
    platform = await startPlatform({ TRADEOFF_DATA_DIR: emptyDataDir });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (platform) expect(await platform.stop()).toBe(0);
    await rm(emptyDataDir, { recursive: true, force: true });
  }, 60_000);

  it('shows a finished demo experiment on synthetic data, labelled as such', async () => {
    expect(platform.process.output()).toMatch(/demo experiment .* on SYNTHETIC data/);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signIn(page, platform.baseUrl, platform.admin);
    await page.goto(platform.baseUrl);
    const demo = page.getByTestId('experiment-row').first();
    await demo.waitFor({ timeout: 30_000 });
    await demo.getByTestId('synthetic-label').waitFor();
    await demo.getByTestId('experiment-link').click();
    await page.locator('[data-testid="run-status"][data-status="finished"]').waitFor({ timeout: 180_000 });
    await page.getByTestId('synthetic-label').first().waitFor();
    await page.getByTestId('final-metrics').waitFor();
    await page.screenshot({ path: join(SHOTS_DIR, '05-synthetic-demo.png'), fullPage: true });
  });
});
