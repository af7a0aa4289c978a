import { listWorkers, openRunQueue, type RunQueue } from '@tradeoff/db';
import { openTestStore, type TestStore } from '@tradeoff/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLogger } from './logger.ts';
import { startWorker } from './start-worker.ts';

/** The worker's own row, which the dashboard's queue view reads. */
describe('worker presence', () => {
  let store: TestStore;
  let queue: RunQueue;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    queue = await openRunQueue(store.url);
  }, 60_000);
  afterAll(async () => {
    await store?.destroy();
  });

  it('is alive while the worker runs, with its concurrency, and stopped after a clean shutdown', async () => {
    const worker = await startWorker({ store, queue, concurrency: 2, workerId: 'presence-test', log: createLogger('silent') });
    const [alive] = await listWorkers(store.prisma, { staleAfterMs: 60_000 });
    expect(alive).toMatchObject({ id: 'presence-test', state: 'alive', concurrency: 2, pid: process.pid, stoppedAt: null });
    await worker.stop();
    const [stopped] = await listWorkers(store.prisma, { staleAfterMs: 60_000 });
    expect(stopped?.state).toBe('stopped');
    expect(stopped?.stoppedAt).toBeInstanceOf(Date);
  }, 60_000);
});
