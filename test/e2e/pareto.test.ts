import { hypervolume } from '@tradeoff/core/pure';
import { openStore, putArtifact, type Store } from '@tradeoff/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type DashboardSession, openDashboardSession } from '../src/dashboard-session.ts';
import type { Platform } from '../src/platform.ts';
import { waitFor } from '../src/wait.ts';

const CLICK = 'test/ndcg@10/click';
const WATCH = 'test/ndcg@10/watch';
/** [click, watch] per run; the first three are the non-dominated front. */
const OBJECTIVES = [
  [0.1, 0.9],
  [0.5, 0.6],
  [0.9, 0.1],
  [0.3, 0.3],
  [0.4, 0.5],
  [0.15, 0.5],
  [0.8, 0.05],
] as const;
const LONG_RUN_POINTS = 200_000;

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** A front artifact as fusion policies store it: preferences swept over two objectives. */
function frontFile(center: readonly number[]) {
  const points = [0, 0.25, 0.5, 0.75, 1].map((w) => ({
    preference: [w, 1 - w],
    values: [center[0]! - 0.1 + 0.2 * w, center[1]! + 0.1 - 0.2 * w],
    nonDominated: true,
  }));
  return { version: 1, objectives: ['click', 'watch'], reference: [0, 0], points, summary: { hypervolume: 0.1, expectedUtility: 0.5, sparsity: 0.01, cardinality: 5 } };
}

/** Runs with final metrics and fronts, and one run with a 200,000-point curve and a model, written straight to the platform's store. */
async function seed(store: Store) {
  const project = await store.prisma.project.create({ data: { name: 'e2e pareto' } });
  const spec = { name: 'e2e fusion policies', algorithm: 'grade', task: 'fusion', hyper: {} };
  const experiment = await store.prisma.experiment.create({ data: { projectId: project.id, name: spec.name, algorithm: spec.algorithm, task: spec.task, spec } });
  const runs = [];
  for (const [index, [click, watch]] of OBJECTIVES.entries()) {
    const run = await store.prisma.run.create({
      data: {
        experimentId: experiment.id,
        index,
        seed: index,
        status: 'finished',
        spec: { ...spec, hyper: { klCoef: 0.01 * (index + 1) } },
        final: { [CLICK]: click, [WATCH]: watch, 'test/logloss/click': 0.3 + index / 100 },
        startedAt: new Date(Date.now() - 60_000),
        finishedAt: new Date(),
      },
    });
    runs.push(run);
  }
  for (const run of runs.slice(0, 2)) {
    const [click, watch] = OBJECTIVES[run.index]!;
    await putArtifact(store.prisma, { runId: run.id, kind: 'front', name: 'preference front', files: { 'front.json': json(frontFile([click, watch])) } });
  }

  const long = await store.prisma.run.create({
    data: { experimentId: experiment.id, index: OBJECTIVES.length, seed: 0, status: 'finished', spec, final: { [CLICK]: 0.2, [WATCH]: 0.2 } },
  });
  const key = await store.prisma.metricKey.upsert({ where: { name: 'train/loss' }, create: { name: 'train/loss' }, update: {} });
  await store.prisma.$executeRawUnsafe(
    `insert into metric_point (run_id, key_id, step, value, time)
     select $1, $2, s, 1.0 / (1 + s / 2000.0) + 0.05 * sin(s * 12.9898) * (1.0 / (1 + s / 20000.0)), now() - make_interval(secs => ($3 - s) / 50.0)
     from generate_series(0, $3 - 1) s`,
    long.id,
    key.id,
    LONG_RUN_POINTS,
  );
  await store.prisma.latestMetric.create({ data: { runId: long.id, keyId: key.id, step: LONG_RUN_POINTS - 1, value: 0, time: new Date() } });
  await store.prisma.runLog.createMany({ data: [1, 2, 3].map((i) => ({ runId: long.id, level: 'info', message: `epoch ${i} done` })) });
  const model = await putArtifact(store.prisma, { runId: long.id, kind: 'model', name: 'model', files: { 'model.json': json({ format: 'layers-model' }), 'weights.bin': new Uint8Array(64).fill(7) } });
  return { experimentId: experiment.id, runs, long, modelId: model.id };
}

/** The Pareto view over seeded runs and fronts, and the run page of a run with 200,000 points. */
describe('Pareto view and run page', () => {
  let session: DashboardSession;
  let platform: Platform;
  let store: Store;
  let browser: Browser;
  let page: Page;
  let seeded: Awaited<ReturnType<typeof seed>>;
  const shot = (name: string) => session.shot(name);
  const chartPoint = (testId: string, seriesIndex: number, value: readonly number[]) =>
    page.evaluate(
      ({ testId, seriesIndex, value }) => {
        const element = document.querySelector(`[data-testid="${testId}"]`) as HTMLElement & { echarts: { convertToPixel(f: object, v: number[]): number[] } };
        return element.echarts.convertToPixel({ seriesIndex }, value);
      },
      { testId, seriesIndex, value: [...value] },
    );

  beforeAll(async () => {
    session = await openDashboardSession();
    ({ platform, browser, page } = session);
    store = await openStore({ home: platform.home });
    seeded = await seed(store);
  }, 300_000);

  afterAll(async () => {
    await store?.close();
    if (session) expect(await session.close(), platform.process.output().slice(-3000)).toBe(0);
  }, 60_000);

  it('highlights the non-dominated runs, shows the hypervolume with its reference point, and draws the stored fronts', async () => {
    await page.goto(`${platform.baseUrl}/pareto?experiment=${seeded.experimentId}`);
    await page.getByTestId('objective-0').selectOption(CLICK);
    await page.getByTestId('objective-1').selectOption(WATCH);
    const summary = page.getByTestId('hypervolume');
    await waitFor('the front of 3', async () => (await summary.getAttribute('data-front-size')) === '3', 30_000);
    // Default reference: 10% of each range beyond the worst value (click 0.1..0.9, watch 0.05..0.9).
    const reference = [0.1 - 0.08, 0.05 - 0.085];
    await expect(page.getByTestId('reference-0').inputValue()).resolves.toBe('0.02');
    const expected = hypervolume(OBJECTIVES.map((p) => [...p]), reference);
    expect(Number(await summary.getAttribute('data-value'))).toBeCloseTo(expected, 6);
    expect(await page.getByTestId('front-run').count()).toBe(3);
    await expect(page.getByTestId('fronts-chart').getAttribute('data-fronts')).resolves.toBe('2');

    // A stricter reference point leaves less volume.
    await page.getByTestId('reference-0').fill('0.3');
    await waitFor('a smaller hypervolume', async () => Number(await summary.getAttribute('data-value')) < expected - 0.01, 10_000);
    await page.getByTestId('reference-0').fill('0.02');

    // Minimising watch instead makes another front.
    await page.getByTestId('direction-1').selectOption('min');
    await waitFor('the front when watch is minimised', async () => (await summary.getAttribute('data-front-size')) !== '3', 10_000);
    await page.getByTestId('direction-1').selectOption('max');
    await waitFor('the front of 3 again', async () => (await summary.getAttribute('data-front-size')) === '3', 10_000);
    await page.getByTestId('pareto-chart').locator('canvas').waitFor();
    await shot('pareto');
  });

  it('opens a run by clicking its point', async () => {
    const [x, y] = await chartPoint('pareto-chart', 1, OBJECTIVES[1]!);
    const box = (await page.getByTestId('pareto-chart').boundingBox())!;
    await page.mouse.click(box.x + x!, box.y + y!);
    await page.waitForURL(new RegExp(`/runs/${seeded.runs[1]!.id}$`), { timeout: 15_000 });
    await page.getByTestId('run-title').waitFor();
  });

  it('draws a 200,000-point curve from at most 2,000 points, refetches a zoomed range, and smoothing and the log axis change what is drawn', async () => {
    await page.goto(`${platform.baseUrl}/runs/${seeded.long.id}`);
    const canvas = page.getByTestId('chart-canvas').first();
    await canvas.locator('canvas').waitFor({ timeout: 30_000 });
    await waitFor('points drawn', async () => Number(await canvas.getAttribute('data-points')) > 0, 15_000);
    const overviewPoints = Number(await canvas.getAttribute('data-points'));
    expect(overviewPoints).toBeGreaterThan(1000);
    expect(overviewPoints).toBeLessThanOrEqual(2000);

    const drawn = await canvas.getAttribute('data-drawn');
    const before = await canvas.screenshot();
    await page.getByTestId('smoothing').fill('0.95');
    await waitFor('smoothing to redraw', async () => (await canvas.getAttribute('data-drawn')) !== drawn, 10_000);
    expect(Number(await canvas.getAttribute('data-smoothing'))).toBe(0.95);
    await shot('run-page');
    await page.getByTestId('log-scale').check();
    await waitFor('a log y axis', async () => (await canvas.getAttribute('data-y-axis')) === 'log', 10_000);
    expect(Buffer.compare(before, await canvas.screenshot())).not.toBe(0);
    await page.getByTestId('x-axis').selectOption('time');
    await waitFor('a time x axis', async () => (await canvas.getAttribute('data-x-axis')) === 'time', 10_000);
    await page.getByTestId('x-axis').selectOption('step');
    await page.getByTestId('log-scale').uncheck();
    await page.getByTestId('smoothing').fill('0');

    // Zooming into 1,000 steps loads every point of them.
    await page.evaluate(() => {
      const element = document.querySelector('[data-testid="chart-canvas"]') as HTMLElement & { echarts: { dispatchAction(a: object): void } };
      element.echarts.dispatchAction({ type: 'dataZoom', startValue: 100_000, endValue: 100_999 });
    });
    await waitFor('the zoomed range at full resolution', async () => Number(await canvas.getAttribute('data-points')) >= overviewPoints + 900, 20_000);
    await expect(page.getByTestId('run-log').textContent()).resolves.toMatch(/epoch 3 done/);
    await page.getByTestId('artifact-row').first().waitFor();
  });

  it('downloads an artifact as a zip or one file, for signed-in users only', async () => {
    const zip = await page.request.get(`${platform.baseUrl}/api/artifacts/${seeded.modelId}`);
    expect(zip.status()).toBe(200);
    expect(zip.headers()['content-type']).toBe('application/zip');
    const body = await zip.body();
    expect(body.subarray(0, 2).toString()).toBe('PK');
    expect(body.includes(Buffer.from('weights.bin'))).toBe(true);
    const file = await page.request.get(`${platform.baseUrl}/api/artifacts/${seeded.modelId}?file=weights.bin`);
    expect(Buffer.compare(await file.body(), Buffer.alloc(64, 7))).toBe(0);
    const anonymous = await browser.newContext();
    expect((await anonymous.request.get(`${platform.baseUrl}/api/artifacts/${seeded.modelId}`)).status()).toBe(401);
    await anonymous.close();
  });
});
