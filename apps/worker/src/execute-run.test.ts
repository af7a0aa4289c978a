import { claimRun } from '@tradeoff/db';
import { createTestRun, openTestStore, type TestStore } from '@tradeoff/db/testing';
import { getAlgorithm, type SpecInput } from '@tradeoff/experiments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { executeRun, type RunContext } from './execute-run.ts';
import { createLogger } from './logger.ts';

/** One run through executeRun in this process, on the embedded store, with generated data. */
describe('executeRun', () => {
  let store: TestStore;
  let ctx: RunContext;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    ctx = { prisma: store.prisma, workerId: 'w1', staleAfterMs: 60_000, heartbeatMs: 1_000, log: createLogger('silent'), shutdown: new AbortController().signal };
  });
  afterAll(async () => {
    await store?.destroy();
  });

  async function runWithSpec(spec: unknown) {
    const run = await createTestRun(store);
    await store.prisma.run.update({ where: { id: run.id }, data: { spec: spec as object } });
    return run.id;
  }

  it('finishes a run: final metrics, model artifact, every train/loss step once; a second job is dropped', async () => {
    const example = getAlgorithm('mmoe')!.exampleSpec;
    const spec: SpecInput = { ...example, dataset: { ...example.dataset, synthetic: { rows: 2_000, seed: 1 } }, hyper: { epochs: 1, batchSize: 128 } };
    const runId = await runWithSpec(spec);
    expect(await executeRun(ctx, runId)).toBe('finished');
    const run = await store.prisma.run.findUniqueOrThrow({ where: { id: runId }, include: { artifacts: true } });
    expect(run.status).toBe('finished');
    expect(Object.keys(run.final as object)).toEqual(expect.arrayContaining(['test/auc/synthetic_a', 'test/auc/synthetic_b']));
    expect(run.artifacts.map((a) => a.kind).sort()).toEqual(['checkpoint', 'model']);
    const steps = await store.prisma.metricPoint.findMany({ where: { runId, key: { name: 'train/loss' } }, orderBy: { step: 'asc' } });
    expect(steps.map((p) => p.step)).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));

    expect(await executeRun(ctx, runId)).toBe('not-claimed');
  });

  it('fails a run whose stored spec no longer validates, with the reason as its error', async () => {
    const runId = (await createTestRun(store)).id;
    expect(await executeRun(ctx, runId)).toBe('failed');
    const run = await store.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^run \S+: /);
  });

  it('leaves a run another worker holds alone', async () => {
    const runId = (await createTestRun(store)).id;
    await claimRun(store.prisma, runId, 'other', 60_000);
    expect(await executeRun(ctx, runId)).toBe('not-claimed');
    expect((await store.prisma.run.findUniqueOrThrow({ where: { id: runId } })).workerId).toBe('other');
  });
});
