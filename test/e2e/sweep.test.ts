import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DashboardSession, openDashboardSession, SHOTS_DIR } from '../src/dashboard-session.ts';
import type { Platform } from '../src/platform.ts';
import { waitFor } from '../src/wait.ts';

/**
 * A member launches a sweep from the form (a grid over experts, tiny synthetic MMoE runs that take
 * seconds), watches its runs go from queued through running to finished without reloading, sees
 * the queue and the worker busy, then works with the runs table and compares two of the runs.
 */
describe('sweep from the dashboard', () => {
  let session: DashboardSession;
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  let experimentUrl = '';
  /** A second tab on the queue page, open before the sweep is launched. */
  let queuePage: Page;
  /** Run statuses the experiment page has shown, from right after the launch on. */
  const seen = new Set<string | null>();
  const shot = (name: string) => session.shot(name);
  const statuses = () => page.getByTestId('run-status').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-status')));

  beforeAll(async () => {
    session = await openDashboardSession();
    ({ platform, browser, page } = session);
  }, 300_000);

  afterAll(async () => {
    if (session) expect(await session.close(), platform.process.output().slice(-3000)).toBe(0);
  }, 60_000);

  it('cancels the demo experiment so the worker is free', async () => {
    await page.goto(platform.baseUrl);
    await page.getByTestId('experiment-link').first().click();
    await page.getByTestId('experiment-name').waitFor();
    // The demo may already be over on a fast machine; then there is nothing to cancel.
    if (await page.getByTestId('cancel-experiment').isVisible()) {
      await page.getByTestId('cancel-experiment').click();
      await page.locator('[data-testid="run-status"][data-status="cancelled"]').first().waitFor({ timeout: 60_000 });
    }
  });

  it('launches a 2-run sweep from the form, showing how many runs it creates', async () => {
    await page.goto(`${platform.baseUrl}/experiments/new`);
    await page.getByTestId('algorithm-select').selectOption('mmoe');
    await page.getByTestId('dataset-select').selectOption('example');
    await page.getByTestId('experiment-name-input').fill('e2e sweep: MMoE experts');
    await page.getByTestId('hyper-epochs').fill('2');
    await page.getByTestId('hyper-batchSize').fill('1024');
    await page.getByTestId('sweep-experts').fill('2, 4');
    await page.getByTestId('sweep-seeds').fill('0');
    await expect(page.getByTestId('sweep-count').getAttribute('data-count')).resolves.toBe('2');
    await page.getByTestId('sweep-seeds').fill('0, 1');
    await expect(page.getByTestId('sweep-count').getAttribute('data-count')).resolves.toBe('4');
    await page.getByTestId('sweep-seeds').fill('3');
    await expect(page.getByTestId('spec-json').inputValue()).resolves.toMatch(/"sweep": \{\s*"grid": \{\s*"experts": \[\s*2,\s*4\s*\]/);
    await shot('launch-sweep');
    // Its own window (a second context with the same session), so both pages keep polling.
    const queueContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await queueContext.addCookies(await page.context().cookies());
    queuePage = await queueContext.newPage();
    await queuePage.goto(`${platform.baseUrl}/queue`);
    await page.getByTestId('submit-experiment').click();
    await page.waitForURL(/\/experiments\/(?!new$)[^/]+$/, { timeout: 30_000 });
    experimentUrl = page.url();
    await expect(page.getByTestId('experiment-name').textContent()).resolves.toBe('e2e sweep: MMoE experts');
    await page.getByTestId('run-row').nth(1).waitFor();
    for (const status of await statuses()) seen.add(status);
    expect(await page.getByTestId('run-row').count()).toBe(2);
    expect(await page.getByTestId('run-hyper-experts').allTextContents()).toEqual(expect.arrayContaining(['2', '4']));
  });

  it('shows the queue with the worker alive and running a sweep run', async () => {
    await queuePage.locator('[data-testid="worker-row"][data-state="alive"]').first().waitFor({ timeout: 30_000 });
    // The runs take seconds: the worker shows one while running it, or as the run it ended last.
    const sweepRun = queuePage.locator('[data-testid="worker-run"], [data-testid="worker-last-run"]').filter({ hasText: /e2e sweep: MMoE experts #\d/ });
    await sweepRun.first().waitFor({ timeout: 120_000 });
    expect(Number(await queuePage.getByTestId('workers-alive').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    await queuePage.screenshot({ path: join(SHOTS_DIR, 'queue.png'), fullPage: true });
    await queuePage.context().close();
  });

  it('updates the runs live until both have finished, with their final metrics as columns', async () => {
    await waitFor(
      'both sweep runs to finish',
      async () => {
        const now = await statuses();
        for (const status of now) seen.add(status);
        return now.length === 2 && now.every((s) => s === 'finished');
      },
      180_000,
      300,
    );
    // The page was never reloaded: it saw the runs before they finished.
    expect([...seen].some((s) => s === 'queued' || s === 'running')).toBe(true);
    // The metric columns follow on the table's next refresh after the runs finish.
    const finalAuc = () => page.getByTestId('run-final-test/auc/synthetic_a').evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-value'))));
    await waitFor('final AUC columns of both runs', async () => (await finalAuc()).length === 2, 30_000);
    for (const value of await finalAuc()) expect(value).toBeGreaterThan(0.5);
  });

  it('sorts all runs by a final metric, filters by status and tag, and edits a tag and a note inline, saving each edit once', async () => {
    let updates = 0;
    page.on('request', (request) => {
      if (request.url().includes('runs.update')) updates += 1;
    });
    await page.goto(`${platform.baseUrl}/runs`);
    await page.getByTestId('run-row').first().waitFor();
    await page.getByTestId('filter-finished').click();
    await waitFor('only finished runs', async () => (await statuses()).length === 2 && (await statuses()).every((s) => s === 'finished'), 15_000);
    await page.getByTestId('sort-metric:test/auc/synthetic_a').locator('button').click();
    await waitFor('sorted by test/auc/synthetic_a', async () => (await page.getByTestId('sort-metric:test/auc/synthetic_a').getAttribute('aria-sort')) === 'descending', 10_000);
    const values = await page.getByTestId('run-final-test/auc/synthetic_a').evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-value'))));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const best = page.getByTestId('run-row').first();
    await best.getByTestId('edit-tags').click();
    await best.getByTestId('tags-input').fill('best, e2e');
    await best.getByTestId('tags-input').press('Enter');
    await best.getByTestId('run-tag').filter({ hasText: 'best' }).waitFor();
    // Enter saves once (the blur as the editor closes does not save again); Escape saves nothing,
    // also not on the blur; leaving the field saves.
    expect(updates).toBe(1);
    await best.getByTestId('edit-notes').click();
    await best.getByTestId('notes-input').fill('not kept');
    await best.getByTestId('notes-input').press('Escape');
    await best.getByTestId('edit-notes').click();
    await best.getByTestId('notes-input').fill('kept note');
    await page.getByTestId('page-range').click();
    await best.getByTestId('run-notes').filter({ hasText: 'kept note' }).waitFor();
    expect(updates).toBe(2);
    // A save the server refuses (tags are at most 50 characters) shows its error and keeps the editor open.
    await best.getByTestId('edit-tags').click();
    await best.getByTestId('tags-input').fill('x'.repeat(51));
    await best.getByTestId('tags-input').press('Enter');
    await best.locator('.inline-edit .error-text').waitFor();
    expect(updates).toBe(3);
    await best.getByTestId('tags-input').press('Escape');
    await best.getByTestId('run-tag').filter({ hasText: 'best' }).waitFor();
    await page.getByTestId('filter-tag').selectOption('best');
    await waitFor('the tag filter', async () => (await page.getByTestId('run-row').count()) === 1, 10_000);
    await expect(page.getByTestId('page-range').textContent()).resolves.toBe('1–1 of 1');
    await page.getByTestId('filter-tag').selectOption('');
    await waitFor('both runs back', async () => (await page.getByTestId('run-row').count()) === 2, 10_000);
    await page.getByTestId('runs-table').evaluate((table) => {
      table.parentElement!.scrollLeft = 0;
      window.scrollTo(0, 0);
    });
    await shot('runs-table');
  });

  it('compares the two runs: overlaid curves, the differing hyperparameter, parallel coordinates', async () => {
    await page.goto(experimentUrl);
    await page.getByTestId('run-row').nth(1).waitFor();
    await page.getByTestId('select-run').nth(0).check();
    await page.getByTestId('select-run').nth(1).check();
    await page.getByTestId('compare-selected').click();
    await page.waitForURL(/\/compare\?runs=/);
    const experts = page.locator('[data-testid="compare-row"][data-name="experts"]');
    await experts.waitFor({ timeout: 30_000 });
    await expect(experts.getAttribute('data-differs')).resolves.toBe('true');
    await expect(page.locator('[data-testid="compare-row"][data-name="epochs"]').getAttribute('data-differs')).resolves.toBe('false');
    const chart = page.getByTestId('metric-chart');
    await chart.waitFor({ timeout: 30_000 });
    await expect(chart.getAttribute('data-series-count')).resolves.toBe('2');
    await page.getByTestId('compare-metric').selectOption('train/loss');
    await page.getByTestId('parallel-chart').locator('canvas').waitFor();
    expect(Number(await page.getByTestId('parallel-chart').getAttribute('data-axes'))).toBeGreaterThanOrEqual(3);
    await page.getByTestId('only-differing').check();
    const differing = await page.getByTestId('compare-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-differs')));
    expect(differing.every((d) => d === 'true')).toBe(true);
    await page.getByTestId('only-differing').uncheck();
    await shot('compare');
  });

  it('cancels a run from its page, retries it, and cancels the retry', async () => {
    // A long run of the registry's MMoE example, made over HTTP with the page's own session, so the buttons have something to act on.
    const algorithms = await page.request.get(`${platform.baseUrl}/api/trpc/algorithms.list`);
    const mmoe = ((await algorithms.json()).result.data.json as { name: string; exampleSpec: { hyper: object } }[]).find((a) => a.name === 'mmoe')!;
    const spec = { ...mmoe.exampleSpec, name: 'e2e cancel and retry', hyper: { ...mmoe.exampleSpec.hyper, epochs: 500 } };
    const created = await page.request.post(`${platform.baseUrl}/api/trpc/experiments.create`, { data: { json: { spec } } });
    expect(created.status(), await created.text()).toBe(200);
    const experimentId = (await created.json()).result.data.json.id as string;
    await page.goto(`${platform.baseUrl}/experiments/${experimentId}`);
    await page.getByTestId('run-link').first().click();
    await page.getByTestId('run-title').waitFor();
    const status = page.getByTestId('run-status');
    await page.getByTestId('cancel-run').click();
    await page.locator('[data-testid="run-status"][data-status="cancelled"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('retry-run').click();
    await waitFor('the retried run to be queued or running', async () => ['queued', 'running'].includes((await status.getAttribute('data-status')) ?? ''), 30_000);
    await shot('run-retried');
    await page.getByTestId('cancel-run').click();
    await page.locator('[data-testid="run-status"][data-status="cancelled"]').waitFor({ timeout: 60_000 });
  });
});
