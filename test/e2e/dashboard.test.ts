import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startCli, type CliProcess } from '../src/cli.ts';
import { testEnv } from '../src/env.ts';
import { freePort } from '../src/free-port.ts';
import { hasCensus } from '../src/paths.ts';

const SHOTS = join(import.meta.dirname, 'shots');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The platform as a user gets it: `tradeoff start` on a fresh embedded store, then a browser creates
 * an MMoE experiment on Census-Income from the form, watches its run finish, and sees its metric
 * charts and final AUCs.
 */
describe.skipIf(!hasCensus)('dashboard end to end', () => {
  let home = '';
  let platform: CliProcess;
  let browser: Browser;
  let page: Page;
  let baseUrl = '';
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'tradeoff-e2e-'));
    await mkdir(SHOTS, { recursive: true });
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const started = Date.now();
    platform = startCli(['start', '--port', String(port)], { env: { TRADEOFF_HOME: home, DATABASE_URL: undefined } });
    await platform.waitForOutput(/Tradeoff is running at/, 240_000);
    console.log(`tradeoff start: dashboard served after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    browser = await chromium.launch({ executablePath: testEnv.TRADEOFF_CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (platform && platform.child.exitCode === null) {
      platform.child.kill('SIGTERM');
      const result = await platform.exited;
      if (result.code !== 0) console.error(`tradeoff start exited ${result.code}:\n${platform.output().slice(-3000)}`);
    }
    await rm(home, { recursive: true, force: true });
  }, 60_000);

  it('lists the first-run demo experiment on Census-Income', async () => {
    await page.goto(baseUrl);
    const demo = page.getByTestId('experiment-row').first();
    await demo.waitFor({ timeout: 30_000 });
    await expect(demo.textContent()).resolves.toMatch(/Census/);
    await shot('01-experiments');
  });

  it('creates an MMoE census experiment from the form and shows its charts and final AUCs', async () => {
    await page.goto(baseUrl);
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
    expect(titles.join(' ')).toMatch(/loss/);
    expect(titles.join(' ')).toMatch(/auc/);
    const lossChart = charts.filter({ has: page.locator('canvas, svg') }).first();
    await lossChart.waitFor();
    expect(Number(await lossChart.getAttribute('data-series-count'))).toBeGreaterThan(0);
    await shot('04-finished');
  });
});
