import { claimRun, requestCancel } from '@tradeoff/db';
import { createTestRun, openTestStore, storeKinds, type TestStore } from '@tradeoff/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLogger } from './logger.ts';
import { createPostgresSink } from './postgres-sink.ts';

const log = createLogger('silent');

describe.each(await storeKinds())('Postgres run sink on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.destroy();
  });

  async function claimedRun() {
    const run = await createTestRun(store);
    await claimRun(store.prisma, run.id, 'w1', 60_000);
    return run.id;
  }
  const points = (runId: string) =>
    store.prisma.metricPoint.findMany({ where: { runId }, orderBy: { step: 'asc' }, select: { step: true, value: true } });

  it('buffers points until a batch is full or due, and a later value of a (key, step) wins', async () => {
    const runId = await claimedRun();
    const sink = createPostgresSink({ prisma: store.prisma, runId, workerId: 'w1', log, flushEveryMs: 60_000, flushAtPoints: 3 });
    await sink.metrics([{ key: 'train/loss', step: 1, value: 1 }]);
    await sink.metrics([{ key: 'train/loss', step: 2, value: 0.9 }]);
    expect(await points(runId)).toEqual([]);
    await sink.metrics([{ key: 'train/loss', step: 2, value: 0.8 }]);
    expect(await points(runId)).toEqual([
      { step: 1, value: 1 },
      { step: 2, value: 0.8 },
    ]);
    await sink.close();
  });

  it('stores points before the checkpoint that covers them, and loads the newest checkpoint', async () => {
    const runId = await claimedRun();
    const sink = createPostgresSink({ prisma: store.prisma, runId, workerId: 'w1', log, flushEveryMs: 60_000 });
    expect(await sink.loadCheckpoint()).toBeNull();
    await sink.metrics([{ key: 'train/loss', step: 10, value: 0.5 }]);
    await sink.saveCheckpoint({ step: 10, files: { 'state.json': new TextEncoder().encode('{"step":10}') } });
    expect(await points(runId)).toEqual([{ step: 10, value: 0.5 }]);
    await sink.saveCheckpoint({ step: 20, files: { 'state.json': new TextEncoder().encode('{"step":20}') } });
    const checkpoint = await sink.loadCheckpoint();
    expect(checkpoint?.step).toBe(20);
    expect(new TextDecoder().decode(checkpoint?.files['state.json'])).toBe('{"step":20}');
    await sink.close();
  });

  it('writes progress and log lines on flush, and sees a cancel request', async () => {
    const runId = await claimedRun();
    const sink = createPostgresSink({ prisma: store.prisma, runId, workerId: 'w1', log, flushEveryMs: 60_000, cancelPollMs: 0 });
    sink.progress(25, 100, 'epoch 1/4');
    sink.log('warn', 'something to see in the dashboard');
    await sink.flush();
    const run = await store.prisma.run.findUniqueOrThrow({ where: { id: runId }, include: { logs: true } });
    expect([run.progress, run.progressLabel]).toEqual([0.25, 'epoch 1/4']);
    expect(run.logs.map((l) => [l.level, l.message])).toEqual([['warn', 'something to see in the dashboard']]);

    expect(await sink.cancelled()).toBe(false);
    await requestCancel(store.prisma, runId);
    expect(await sink.cancelled()).toBe(true);
    await sink.close();
  });
});
