import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { summarizeFinalMetrics } from './experiment-summary.ts';
import { queryRuns, queryRunsColumns } from './runs-query.ts';
import { openTestStore, seedRuns, storeKinds, type TestStore } from './testing.ts';

const N = 10_000;
/** test/auc of seeded run i, as seedRuns defines it. */
const auc = (i: number) => ((i * 7919) % N) / N;
const finishedIndices = Array.from({ length: N }, (_, i) => i).filter((i) => i % 6 === 0 || i % 6 === 1);

describe.each(await storeKinds())('runs table query with 10,000 runs on %s', (kind) => {
  let store: TestStore;
  let experimentIds: string[];
  beforeAll(async () => {
    store = await openTestStore(kind);
    ({ experimentIds } = await seedRuns(store.prisma, { runs: N, experiments: 2 }));
  }, 120_000);
  afterAll(() => store?.destroy());

  it('pages with a total, newest first by default, without overlaps', async () => {
    const first = await queryRuns(store.prisma, { limit: 50 });
    const second = await queryRuns(store.prisma, { limit: 50, offset: 50 });
    expect(first.total).toBe(N);
    expect(first.rows).toHaveLength(50);
    const ids = new Set([...first.rows, ...second.rows].map((r) => r.id));
    expect(ids.size).toBe(100);
    const created = [...first.rows, ...second.rows].map((r) => r.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const last = await queryRuns(store.prisma, { limit: 50, offset: N - 20 });
    expect(last.rows).toHaveLength(20);
  });

  it('sorts by a final metric in both directions, runs without it last', async () => {
    const sorted = finishedIndices.map(auc).sort((a, b) => b - a);
    const desc = await queryRuns(store.prisma, { sort: 'metric:test/auc', direction: 'desc', limit: 3 });
    expect(desc.rows.map((r) => r.final?.['test/auc'])).toEqual(sorted.slice(0, 3));
    const asc = await queryRuns(store.prisma, { sort: 'metric:test/auc', direction: 'asc', limit: 2, offset: 1 });
    expect(asc.rows.map((r) => r.final?.['test/auc'])).toEqual(sorted.slice(-3, -1).reverse());
    const tail = await queryRuns(store.prisma, { sort: 'metric:test/auc', direction: 'asc', limit: 1, offset: finishedIndices.length });
    expect(tail.rows[0]?.final).toBeNull();
  });

  it('sorts by duration (finished or still running), longest first', async () => {
    // seedRuns starts run i n - i seconds ago and stamps every run finished now: run 0 ran longest.
    const longest = await queryRuns(store.prisma, { sort: 'duration', direction: 'desc', limit: 3 });
    expect(longest.rows.map((r) => Number(r.id.split('-').at(-1)))).toEqual([0, 1, 2]);
  });

  it('sorts by a hyperparameter and by seed', async () => {
    const byLr = await queryRuns(store.prisma, { sort: 'hyper:lr', direction: 'desc', limit: 10 });
    expect(byLr.rows.every((r) => r.hyper.lr === 0.004)).toBe(true);
    const bySeed = await queryRuns(store.prisma, { sort: 'seed', direction: 'asc', limit: 5, offset: N / 5 - 2 });
    expect(bySeed.rows.map((r) => r.seed)).toEqual([0, 0, 1, 1, 1]);
  });

  it('filters by status, tag, algorithm and experiment, and searches, with matching totals', async () => {
    const failed = await queryRuns(store.prisma, { statuses: ['failed'], limit: 5 });
    expect(failed.total).toBe(finishedIndices.length / 2);
    expect(failed.rows.every((r) => r.status === 'failed')).toBe(true);
    const active = await queryRuns(store.prisma, { statuses: ['queued', 'running'], tag: 'odd', limit: 5 });
    // i % 6 in {3, 4} and i odd: i % 6 == 3 only.
    expect(active.total).toBe(Array.from({ length: N }, (_, i) => i).filter((i) => i % 6 === 3).length);
    const ple = await queryRuns(store.prisma, { algorithm: 'ple', limit: 1 });
    expect(ple.total).toBe(N / 2);
    expect(ple.rows[0]?.experimentId).toBe(experimentIds[1]);
    const one = await queryRuns(store.prisma, { experimentId: experimentIds[0], statuses: ['finished'], sort: 'metric:test/auc', limit: 1 });
    expect(one.total).toBe(finishedIndices.filter((i) => i % 2 === 0).length);
    expect(one.rows[0]?.final?.['test/auc']).toBe(Math.max(...finishedIndices.filter((i) => i % 2 === 0).map(auc)));
    await store.prisma.run.update({ where: { id: one.rows[0]!.id }, data: { notes: 'Needle in the haystack' } });
    const found = await queryRuns(store.prisma, { search: 'NEEDLE', limit: 5 });
    expect(found.rows.map((r) => r.id)).toEqual([one.rows[0]!.id]);
    const none = await queryRuns(store.prisma, { search: '100%_', limit: 5 });
    expect(none.total).toBe(0);
  });

  it('names the swept hyperparameters, the metrics, tags and algorithms', async () => {
    const columns = await queryRunsColumns(store.prisma, { experimentId: experimentIds[0] });
    expect(columns).toEqual({ hyper: ['experts', 'lr'], metrics: ['test/auc', 'test/loss'], tags: ['even'], algorithms: ['mmoe'] });
  });

  it('rejects an unknown sort column by name', async () => {
    await expect(queryRuns(store.prisma, { sort: 'nope' as 'seed' })).rejects.toThrow(/sort: unknown column "nope"/);
  });

  it("summarizes an experiment's final metrics over its finished runs in SQL", async () => {
    // Experiment 0 holds the even runs; of those, the finished ones are i % 6 == 0.
    const values = finishedIndices.filter((i) => i % 2 === 0).map(auc);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
    const summary = await summarizeFinalMetrics(store.prisma, experimentIds[0]!);
    expect(summary.map((s) => s.key)).toEqual(['test/auc', 'test/loss']);
    expect(summary[0]!.runs).toBe(values.length);
    expect(summary[0]!.mean).toBeCloseTo(mean, 10);
    expect(summary[0]!.std).toBeCloseTo(std, 10);
    expect(summary[1]!.mean).toBeCloseTo(1 - mean, 10);
  });
});
