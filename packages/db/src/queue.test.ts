import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRunQueue, type RunQueue } from './queue.ts';
import { claimRun } from './runs.ts';
import { createTestRun, openTestStore, storeKinds, type TestStore } from './testing.ts';

describe.each(await storeKinds())('run queue on %s', (kind) => {
  let store: TestStore;
  let queues: RunQueue[] = [];
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.stop({ timeoutMs: 5000 })));
    await store.destroy();
  });

  it('delivers an enqueued run once to one of two workers, however often it was enqueued', async () => {
    // Two processes' worth of queues: each opens its own pg-boss on the store URL.
    queues = await Promise.all([openRunQueue(store.url), openRunQueue(store.url)]);
    const runs = await Promise.all([createTestRun(store), createTestRun(store), createTestRun(store)]);
    const delivered: string[] = [];
    const claimedBy = new Map<string, string>();
    await Promise.all(
      queues.map((queue, i) =>
        queue.work(
          async (runId) => {
            delivered.push(runId);
            const claimed = await claimRun(store.prisma, runId, `worker-${i}`, 60_000);
            if (claimed) claimedBy.set(runId, `worker-${i}`);
          },
          { concurrency: 2, pollingIntervalSeconds: 0.5 },
        ),
      ),
    );
    for (const run of runs) {
      await queues[0]!.enqueue(run.id);
      await queues[1]!.enqueue(run.id);
    }
    const deadline = Date.now() + 30_000;
    while (claimedBy.size < runs.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 2000));
    expect([...claimedBy.keys()].sort()).toEqual(runs.map((r) => r.id).sort());
    expect(delivered.sort()).toEqual(runs.map((r) => r.id).sort());
  });
});
