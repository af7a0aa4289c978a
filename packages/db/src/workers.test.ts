import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestRun, openTestStore, storeKinds, type TestStore } from './testing.ts';
import { countRunsByStatus, listWorkers, markWorkerStopped, registerWorker, touchWorker } from './workers.ts';

describe.each(await storeKinds())('worker rows on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.destroy());

  it('shows alive, lost and stopped workers with the runs each is running', async () => {
    const info = (id: string) => ({ id, host: 'box', pid: 42, concurrency: 2 });
    await registerWorker(store.prisma, info('w-alive'));
    await registerWorker(store.prisma, info('w-stopped'));
    await markWorkerStopped(store.prisma, 'w-stopped');
    await registerWorker(store.prisma, info('w-lost'));
    await store.prisma.worker.update({ where: { id: 'w-lost' }, data: { heartbeatAt: new Date(Date.now() - 120_000) } });
    const run = await createTestRun(store);
    await store.prisma.run.update({ where: { id: run.id }, data: { status: 'running', workerId: 'w-alive', progress: 0.5 } });

    const workers = await listWorkers(store.prisma, { staleAfterMs: 60_000 });
    expect(workers.map((w) => [w.id, w.state])).toEqual([
      ['w-alive', 'alive'],
      ['w-lost', 'lost'],
      ['w-stopped', 'stopped'],
    ]);
    expect(workers[0]!.running).toEqual([expect.objectContaining({ id: run.id, progress: 0.5, experimentName: expect.stringMatching(/^test-/) })]);
    expect(workers[1]!.running).toEqual([]);

    // A heartbeat brings a silent worker back; a restart under the same id is alive again.
    await touchWorker(store.prisma, 'w-lost');
    expect((await listWorkers(store.prisma, { staleAfterMs: 60_000 })).find((w) => w.id === 'w-lost')?.state).toBe('alive');
    await registerWorker(store.prisma, info('w-stopped'));
    expect((await listWorkers(store.prisma, { staleAfterMs: 60_000 })).find((w) => w.id === 'w-stopped')?.state).toBe('alive');
    expect(await countRunsByStatus(store.prisma)).toEqual({ queued: 0, running: 1, finished: 0, failed: 0, cancelled: 0 });
  });

  it('keeps the run a worker ended last, newest first, once it is idle', async () => {
    await registerWorker(store.prisma, { id: 'w-idle', host: 'box', pid: 7, concurrency: 1 });
    const older = await createTestRun(store);
    const newer = await createTestRun(store);
    await store.prisma.run.update({ where: { id: older.id }, data: { status: 'finished', workerId: 'w-idle', finishedAt: new Date(Date.now() - 5_000) } });
    await store.prisma.run.update({ where: { id: newer.id }, data: { status: 'failed', workerId: 'w-idle', finishedAt: new Date() } });

    const idle = (await listWorkers(store.prisma, { staleAfterMs: 60_000 })).find((w) => w.id === 'w-idle');
    expect(idle?.running).toEqual([]);
    expect(idle?.lastRun).toMatchObject({ id: newer.id, status: 'failed' });
  });
});
