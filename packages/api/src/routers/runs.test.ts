import { appendRunLog, openRunQueue, type RunQueue, writeMetricPoints } from '@tradeoff/db';
import { createTestRun, openTestStore, seedRuns, storeKinds, type TestStore } from '@tradeoff/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerWithRole } from './test-callers.ts';

describe.each(await storeKinds())('runs table, run page and metric series procedures on %s', (kind) => {
  let store: TestStore;
  let queue: RunQueue;
  let member: Awaited<ReturnType<typeof callerWithRole>>;
  let viewer: Awaited<ReturnType<typeof callerWithRole>>;
  let experimentId: string;

  beforeAll(async () => {
    store = await openTestStore(kind);
    queue = await openRunQueue(store.url);
    member = await callerWithRole(store.prisma, queue, 'member');
    viewer = await callerWithRole(store.prisma, queue, 'viewer');
    [experimentId] = (await seedRuns(store.prisma, { runs: 60 })).experimentIds as [string];
  }, 60_000);
  afterAll(async () => {
    await queue?.stop({ timeoutMs: 5_000 });
    await store?.destroy();
  });

  it('pages, sorts by a metric and filters for a viewer; columns name the swept hyperparameters', async () => {
    const page = await viewer.runs.page({ experimentId, sort: 'metric:test/auc', direction: 'desc', statuses: ['finished'], limit: 5 });
    expect(page.total).toBe(20);
    const values = page.rows.map((r) => r.final!['test/auc']!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(await viewer.runs.columns({ experimentId })).toMatchObject({ hyper: ['experts', 'lr'], metrics: ['test/auc', 'test/loss'] });
    await expect(viewer.runs.page({ sort: 'bogus' as 'seed' })).rejects.toThrow(/sort/);
  });

  it('lets a member edit tags and notes, refuses a viewer, and the tag filter finds the run', async () => {
    const [row] = (await member.runs.page({ experimentId, limit: 1 })).rows;
    const updated = await member.runs.update({ id: row!.id, tags: ['best', 'best', 'baseline'], notes: 'looks good' });
    expect(updated).toEqual({ id: row!.id, tags: ['best', 'baseline'], notes: 'looks good' });
    const refused = await viewer.runs.update({ id: row!.id, notes: 'no' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('FORBIDDEN');
    const tagged = await viewer.runs.page({ tag: 'best' });
    expect(tagged.rows.map((r) => r.id)).toEqual([row!.id]);
    expect((await member.runs.update({ id: row!.id, notes: '' })).notes).toBeNull();
  });

  it('serves the log tail, the objectives of finished runs, and zoomed metric series', async () => {
    const run = await createTestRun(store);
    await appendRunLog(store.prisma, run.id, [1, 2, 3].map((i) => ({ level: 'info', message: `line ${i}` })));
    expect((await viewer.runs.logs({ id: run.id, limit: 2 })).map((l) => l.message)).toEqual(['line 2', 'line 3']);

    const objectives = await viewer.runs.objectives({ experimentId });
    expect(objectives).toHaveLength(20);
    expect(objectives.every((r) => typeof r.final['test/auc'] === 'number' && r.algorithm === 'mmoe')).toBe(true);

    await writeMetricPoints(store.prisma, run.id, Array.from({ length: 5000 }, (_, step) => ({ key: 'train/loss', step, value: 1 / (step + 1) })));
    expect(await viewer.metrics.keys({ runIds: [run.id] })).toEqual(['train/loss']);
    const [whole] = await viewer.metrics.series({ runId: run.id, maxPoints: 300 });
    expect(whole!.points.length).toBeLessThanOrEqual(300);
    const [zoomed] = await viewer.metrics.series({ runId: run.id, maxPoints: 300, fromStep: 100, toStep: 199 });
    expect(zoomed!.points.map((p) => p.step)).toEqual(Array.from({ length: 100 }, (_, i) => 100 + i));
    await expect(viewer.metrics.series({ runId: run.id, fromStep: 9, toStep: 1 })).rejects.toThrow(/fromStep: 9 is after toStep 1/);
  });
});
