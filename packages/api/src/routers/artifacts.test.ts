import { openRunQueue, putArtifact, type RunQueue, registerWorker } from '@tradeoff/db';
import { createTestRun, openTestStore, type TestStore } from '@tradeoff/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callerWithRole } from './test-callers.ts';

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('artifact and queue procedures (embedded store)', () => {
  let store: TestStore;
  let queue: RunQueue;
  let viewer: Awaited<ReturnType<typeof callerWithRole>>;

  beforeAll(async () => {
    store = await openTestStore('pglite');
    queue = await openRunQueue(store.url);
    viewer = await callerWithRole(store.prisma, queue, 'viewer');
  }, 60_000);
  afterAll(async () => {
    await queue?.stop({ timeoutMs: 5_000 });
    await store?.destroy();
  });

  it("lists a run's artifacts and parses the newest front of each run, reporting a broken one", async () => {
    const run = await createTestRun(store);
    const broken = await createTestRun(store);
    const front = {
      version: 1,
      objectives: ['click', 'watch'],
      reference: [0, 0],
      points: [
        { preference: [1, 0], values: [0.9, 0.1], nonDominated: true },
        { preference: [0, 1], values: [0.2, 0.8], nonDominated: true },
      ],
      summary: { hypervolume: 0.25 },
    };
    await putArtifact(store.prisma, { runId: run.id, kind: 'front', name: 'old front', files: { 'front.json': json({ ...front, points: [] }) } });
    await putArtifact(store.prisma, { runId: run.id, kind: 'front', name: 'front', files: { 'front.json': json(front) } });
    await putArtifact(store.prisma, { runId: run.id, kind: 'model', name: 'model', files: { 'model.json': json({}), 'weights.bin': new Uint8Array(10) } });
    await putArtifact(store.prisma, { runId: broken.id, kind: 'front', name: 'front', files: { 'front.json': json({ version: 1, objectives: 'x' }) } });

    const listed = await viewer.artifacts.list({ runId: run.id });
    expect(listed.map((a) => a.kind)).toEqual(['model', 'front', 'front']);
    expect(listed[0]!.files).toEqual([
      { path: 'model.json', size: 2 },
      { path: 'weights.bin', size: 10 },
    ]);

    const fronts = await viewer.artifacts.fronts({ runIds: [run.id, broken.id] });
    const ok = fronts.find((f) => f.runId === run.id)!;
    expect(ok.front?.points).toHaveLength(2);
    expect(ok.error).toBeNull();
    expect(fronts.find((f) => f.runId === broken.id)?.error).toMatch(/front\.json: objectives: /);
    await expect(viewer.artifacts.describe({ id: 'nope' })).rejects.toThrow(/artifact nope not found/);
  });

  it('shows the queue: counts, live workers with their runs, and the next queued runs', async () => {
    await registerWorker(store.prisma, { id: 'w1', host: 'box', pid: 1, concurrency: 1 });
    const running = await createTestRun(store);
    await store.prisma.run.update({ where: { id: running.id }, data: { status: 'running', workerId: 'w1' } });
    const view = await viewer.workers.queue();
    expect(view.counts.running).toBe(1);
    expect(view.counts.queued).toBeGreaterThanOrEqual(2);
    expect(view.workers[0]).toMatchObject({ id: 'w1', state: 'alive', running: [expect.objectContaining({ id: running.id })] });
    expect(view.queued.length).toBe(view.counts.queued);
    expect(view.queued[0]!.experimentName).toMatch(/^test-/);
  });
});
