import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { explainMetricSeries, queryMetricSeries } from './metric-series.ts';
import { writeMetricPoints } from './metrics.ts';
import { createTestRun, openTestStore, storeKinds, type TestStore } from './testing.ts';

describe.each(await storeKinds())('downsampled metric series on %s', (kind) => {
  let store: TestStore;
  let runId: string;
  const n = 20_000;
  beforeAll(async () => {
    store = await openTestStore(kind);
    runId = (await createTestRun(store)).id;
    const points = Array.from({ length: n }, (_, step) => ({ key: 'train/loss', step, value: step === 15_000 ? 50 : Math.cos(step / 100) }));
    await writeMetricPoints(store.prisma, runId, points);
    await writeMetricPoints(store.prisma, runId, [{ key: 'train/other', step: 3, value: 1 }]);
  }, 120_000);
  afterAll(() => store?.destroy());

  it('returns at most maxPoints per series over the whole range, first and last steps included', async () => {
    const [loss] = await queryMetricSeries(store.prisma, { runId, keys: ['train/loss'], maxPoints: 2000 });
    expect(loss!.points.length).toBeLessThanOrEqual(2000);
    expect(loss!.points.length).toBeGreaterThan(1000);
    expect(loss!.points[0]!.step).toBe(0);
    expect(loss!.points.at(-1)!.step).toBe(n - 1);
    expect(loss!.points.find((p) => p.step === 15_000)?.value).toBe(50);
  });

  it('a zoomed range returns every point of it once narrower than maxPoints, and downsamples otherwise', async () => {
    const [narrow] = await queryMetricSeries(store.prisma, { runId, keys: ['train/loss'], maxPoints: 2000, fromStep: 14_900, toStep: 15_100 });
    expect(narrow!.points.map((p) => p.step)).toEqual(Array.from({ length: 201 }, (_, i) => 14_900 + i));
    expect(narrow!.points[100]!.value).toBe(50);
    const [wide] = await queryMetricSeries(store.prisma, { runId, keys: ['train/loss'], maxPoints: 300, fromStep: 5_000, toStep: 9_999 });
    expect(wide!.points.length).toBeLessThanOrEqual(300);
    expect(wide!.points.every((p) => p.step >= 5_000 && p.step <= 9_999)).toBe(true);
    expect(wide!.points.at(-1)!.step).toBe(9_999);
  });

  it('lists every key of the run without a key filter', async () => {
    const all = await queryMetricSeries(store.prisma, { runId, maxPoints: 30 });
    expect(all.map((s) => s.key)).toEqual(['train/loss', 'train/other']);
    expect(all[1]!.points).toEqual([{ step: 3, value: 1, time: expect.any(Date) }]);
  });

  it('reads a zoomed range through the (run_id, key_id, step) primary key', async () => {
    const plan = (await explainMetricSeries(store.prisma, { runId, keys: ['train/loss'], maxPoints: 2000, fromStep: 100, toStep: 400 })).join('\n');
    // Both the bucketing scan (alias p) and the look-up of the chosen points (alias m) use the key.
    expect(plan).toMatch(/(Index Scan|Bitmap Index Scan) using metric_point_pkey/);
    expect(plan).not.toMatch(/Seq Scan on metric_point/);
  });
});
