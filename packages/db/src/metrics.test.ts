import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryMetricSeries } from './metric-series.ts';
import { getLatestMetrics, type MetricPointInput, writeMetricPoints } from './metrics.ts';
import { createTestRun, openTestStore, storeKinds, type TestStore } from './testing.ts';

describe.each(await storeKinds())('metrics on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store.destroy());

  it('upserts on (run, key, step): a re-sent step overwrites, never duplicates, and latest follows', async () => {
    const run = await createTestRun(store);
    const first = [1, 2, 3].flatMap((step) => [
      { key: 'train/loss', step, value: 1 / step },
      { key: 'valid/auc/income', step, value: 0.5 + step / 10 },
    ]);
    await writeMetricPoints(store.prisma, run.id, first);
    // A resumed attempt re-emits step 3 with another value, then goes on to step 4.
    await writeMetricPoints(store.prisma, run.id, [
      { key: 'train/loss', step: 3, value: 0.25 },
      { key: 'train/loss', step: 4, value: 0.2 },
    ]);
    const rows = await store.prisma.metricPoint.findMany({ where: { runId: run.id }, include: { key: true }, orderBy: [{ keyId: 'asc' }, { step: 'asc' }] });
    expect(rows).toHaveLength(7);
    const loss = rows.filter((r) => r.key.name === 'train/loss').map((r) => [r.step, r.value]);
    expect(loss).toEqual([[1, 1], [2, 0.5], [3, 0.25], [4, 0.2]]);
    expect(await getLatestMetrics(store.prisma, [run.id])).toEqual({ [run.id]: { 'train/loss': 0.2, 'valid/auc/income': 0.8 } });
    // An older step arriving late does not move latest backwards.
    await writeMetricPoints(store.prisma, run.id, [{ key: 'train/loss', step: 1, value: 9 }]);
    expect((await getLatestMetrics(store.prisma, [run.id]))[run.id]?.['train/loss']).toBe(0.2);
  });

  it('keeps the last of duplicate points within one batch, and NaN/Infinity values', async () => {
    const run = await createTestRun(store);
    await writeMetricPoints(store.prisma, run.id, [
      { key: 'train/loss', step: 1, value: 1 },
      { key: 'train/loss', step: 1, value: 2 },
      { key: 'train/weird', step: 1, value: Number.NaN },
      { key: 'train/weird', step: 2, value: Number.POSITIVE_INFINITY },
    ]);
    const series = await queryMetricSeries(store.prisma, { runId: run.id, maxPoints: 100 });
    const byKey = Object.fromEntries(series.map((s) => [s.key, s.points.map((p) => p.value)]));
    expect(byKey['train/loss']).toEqual([2]);
    expect(byKey['train/weird']?.[0]).toBeNaN();
    expect(byKey['train/weird']?.[1]).toBe(Number.POSITIVE_INFINITY);
  });

  it('downsamples in SQL: at most maxPoints per series, spikes kept, short series untouched', async () => {
    const run = await createTestRun(store);
    const n = 10_000;
    const points: MetricPointInput[] = [];
    for (let step = 0; step < n; step++) {
      points.push({ key: 'train/loss', step, value: Math.sin(step / 50) + (step === 7777 ? 100 : 0) + (step === 1234 ? -100 : 0) });
    }
    for (let step = 0; step < 50; step++) points.push({ key: 'valid/auc/income', step: step * 200, value: step / 50 });
    const t0 = performance.now();
    await writeMetricPoints(store.prisma, run.id, points);
    const seconds = (performance.now() - t0) / 1000;
    console.log(`[${kind}] wrote ${points.length} metric points in ${seconds.toFixed(2)} s: ${Math.round(points.length / seconds)} points/s`);

    const series = await queryMetricSeries(store.prisma, { runId: run.id, maxPoints: 300 });
    const loss = series.find((s) => s.key === 'train/loss')!;
    expect(loss.points.length).toBeLessThanOrEqual(300);
    expect(loss.points.length).toBeGreaterThan(150);
    const values = loss.points.map((p) => p.value);
    expect(Math.max(...values)).toBeCloseTo(100 + Math.sin(7777 / 50));
    expect(Math.min(...values)).toBeCloseTo(-100 + Math.sin(1234 / 50));
    expect(loss.points.at(-1)?.step).toBe(n - 1);
    const steps = loss.points.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(series.find((s) => s.key === 'valid/auc/income')?.points).toHaveLength(50);

    const only = await queryMetricSeries(store.prisma, { runId: run.id, keys: ['valid/auc/income'], maxPoints: 30 });
    expect(only.map((s) => s.key)).toEqual(['valid/auc/income']);
    expect(only[0]!.points.length).toBeLessThanOrEqual(30);
    expect(only[0]!.points[0]!.time).toBeInstanceOf(Date);
  });

  it('creates a new key from two concurrent writers without losing points', async () => {
    const [a, b] = [await createTestRun(store), await createTestRun(store)];
    const key = `race/${Math.random()}`;
    await Promise.all([
      writeMetricPoints(store.prisma, a.id, [{ key, step: 0, value: 1 }]),
      writeMetricPoints(store.prisma, b.id, [{ key, step: 0, value: 2 }]),
    ]);
    const latest = await getLatestMetrics(store.prisma, [a.id, b.id]);
    expect(latest).toEqual({ [a.id]: { [key]: 1 }, [b.id]: { [key]: 2 } });
  });

  it('writes a batch larger than one statement: every point, its time, and the newest step per key', async () => {
    const run = await createTestRun(store);
    const n = 25_000;
    const points: MetricPointInput[] = [];
    // Steps arrive out of order, so the newest point of a key may sit in any statement's chunk.
    for (let i = 0; i < n; i++) {
      const step = (i * 7919) % n;
      points.push({ key: `train/k${step % 3}`, step, value: step === 3 ? Number.NEGATIVE_INFINITY : step / n, time: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, step)) });
    }
    await writeMetricPoints(store.prisma, run.id, points);
    expect(await store.prisma.metricPoint.count({ where: { runId: run.id } })).toBe(n);
    const latest = await store.prisma.latestMetric.findMany({ where: { runId: run.id }, include: { key: true }, orderBy: { step: 'asc' } });
    expect(latest.map((row) => [row.key.name, row.step])).toEqual([
      ['train/k1', n - 3],
      ['train/k2', n - 2],
      ['train/k0', n - 1],
    ]);
    expect(latest[2]!.time.toISOString()).toBe(new Date(Date.UTC(2026, 0, 1, 0, 0, 0, n - 1)).toISOString());
    const third = await store.prisma.metricPoint.findFirst({ where: { runId: run.id, step: 3 } });
    expect(third?.value).toBe(Number.NEGATIVE_INFINITY);
  });

  it('two writers racing on the same new steps both succeed, leaving one point per step', async () => {
    const run = await createTestRun(store);
    const batch = (value: number) => Array.from({ length: 5_000 }, (_, step) => ({ key: 'train/loss', step, value }));
    // Both may find the steps new and insert plainly; the loser's unique violation falls back to the upsert.
    await Promise.all([writeMetricPoints(store.prisma, run.id, batch(1)), writeMetricPoints(store.prisma, run.id, batch(2))]);
    const rows = await store.prisma.metricPoint.groupBy({ by: ['value'], where: { runId: run.id }, _count: { _all: true } });
    expect(rows.reduce((n, r) => n + r._count._all, 0)).toBe(5_000);
    expect(rows.every((r) => r.value === 1 || r.value === 2)).toBe(true);
  });
});
