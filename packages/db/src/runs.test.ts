import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLatestArtifact, putArtifact } from './artifacts.ts';
import {
  appendRunLog,
  claimRun,
  failRun,
  findStaleRuns,
  finishRun,
  heartbeat,
  markRunCancelled,
  requestCancel,
  requeueRun,
  tailRunLog,
} from './runs.ts';
import { createTestRun, openTestStore, storeKinds, type TestStore } from './testing.ts';

const STALE_MS = 60_000;

describe.each(await storeKinds())('run lifecycle on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store.destroy());

  /** Pretends the run's worker went silent `ms` ago. */
  const ageHeartbeat = (runId: string, ms: number) =>
    store.prisma.$executeRawUnsafe(`update run set heartbeat_at = now() - $2 * interval '1 millisecond' where id = $1`, runId, ms);

  it('lets exactly one of several concurrent claims win', async () => {
    const run = await createTestRun(store);
    const claims = await Promise.all(['w1', 'w2', 'w3', 'w4'].map((w) => claimRun(store.prisma, run.id, w, STALE_MS)));
    const winners = claims.filter((c) => c !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ status: 'running', attempt: 1 });
    expect(winners[0]!.heartbeatAt).toBeInstanceOf(Date);
    // A fresh heartbeat keeps it: a later claim fails too.
    expect(await claimRun(store.prisma, run.id, 'w5', STALE_MS)).toBeNull();
  });

  it('hands a stale run to another worker, and the old worker learns it lost it', async () => {
    const run = await createTestRun(store);
    expect(await claimRun(store.prisma, run.id, 'old', STALE_MS)).not.toBeNull();
    expect(await findStaleRuns(store.prisma, STALE_MS)).not.toContainEqual(expect.objectContaining({ id: run.id }));
    await ageHeartbeat(run.id, STALE_MS + 1000);
    expect((await findStaleRuns(store.prisma, STALE_MS)).map((r) => r.id)).toContain(run.id);
    const taken = await claimRun(store.prisma, run.id, 'new', STALE_MS);
    expect(taken).toMatchObject({ workerId: 'new', attempt: 2, status: 'running' });
    expect(await heartbeat(store.prisma, run.id, 'old')).toEqual({ owned: false, cancelRequested: false });
    expect(await finishRun(store.prisma, run.id, 'old', { x: 1 })).toBe(false);
    expect(await heartbeat(store.prisma, run.id, 'new', { fraction: 0.5, label: 'epoch 1/2' })).toEqual({ owned: true, cancelRequested: false });
    expect(await finishRun(store.prisma, run.id, 'new', { 'test/auc/income': 0.95 })).toBe(true);
    const done = await store.prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(done).toMatchObject({ status: 'finished', progress: 1, final: { 'test/auc/income': 0.95 } });
    expect(done.finishedAt).toBeInstanceOf(Date);
  });

  it('records failure text, and a retry requeues the run', async () => {
    const run = await createTestRun(store);
    await claimRun(store.prisma, run.id, 'w', STALE_MS);
    expect(await failRun(store.prisma, run.id, 'w', 'data/census.csv:17: age: expected a number')).toBe(true);
    expect(await store.prisma.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: 'failed',
      error: 'data/census.csv:17: age: expected a number',
    });
    expect(await requeueRun(store.prisma, run.id)).toBe(true);
    expect(await claimRun(store.prisma, run.id, 'w2', STALE_MS)).toMatchObject({ status: 'running', attempt: 2, error: null });
  });

  it('cancels a queued run at once and flags a running one for its worker', async () => {
    const queued = await createTestRun(store);
    expect(await requestCancel(store.prisma, queued.id)).toBe('cancelled');
    expect(await claimRun(store.prisma, queued.id, 'w', STALE_MS)).toBeNull();

    const running = await createTestRun(store);
    await claimRun(store.prisma, running.id, 'w', STALE_MS);
    expect(await requestCancel(store.prisma, running.id)).toBe('running');
    expect(await heartbeat(store.prisma, running.id, 'w')).toEqual({ owned: true, cancelRequested: true });
    expect(await markRunCancelled(store.prisma, running.id, 'w')).toBe(true);
    expect((await store.prisma.run.findUniqueOrThrow({ where: { id: running.id } })).status).toBe('cancelled');
  });

  it('round-trips artifacts as bytes and keeps only the newest checkpoint', async () => {
    const run = await createTestRun(store);
    const weights = new Uint8Array(3_000_000).map((_, i) => (i * 31) % 251);
    const model = { 'model.json': new TextEncoder().encode('{"format":"layers-model"}'), 'weights.bin': weights };
    await putArtifact(store.prisma, { runId: run.id, kind: 'model', name: 'final', files: model });
    const got = await getLatestArtifact(store.prisma, run.id, 'model');
    expect(got).toMatchObject({ kind: 'model', name: 'final', size: weights.byteLength + model['model.json'].byteLength });
    expect(Buffer.from(got!.files['weights.bin']!).equals(Buffer.from(weights))).toBe(true);
    expect(new TextDecoder().decode(got!.files['model.json'])).toBe('{"format":"layers-model"}');

    for (const step of [100, 200]) {
      await putArtifact(store.prisma, { runId: run.id, kind: 'checkpoint', name: `step-${step}`, step, files: { 'state.json': new TextEncoder().encode(`{"step":${step}}`) } });
    }
    const checkpoint = await getLatestArtifact(store.prisma, run.id, 'checkpoint');
    expect(checkpoint?.step).toBe(200);
    const row = await store.prisma.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.checkpointId).toBe(checkpoint?.id);
    expect(await store.prisma.artifact.count({ where: { runId: run.id, kind: 'checkpoint' } })).toBe(1);
    expect(await getLatestArtifact(store.prisma, run.id, 'front')).toBeNull();
  });

  it('keeps a log tail', async () => {
    const run = await createTestRun(store);
    await appendRunLog(store.prisma, run.id, { level: 'info', message: 'backend: wasm' });
    await appendRunLog(store.prisma, run.id, [1, 2, 3].map((i) => ({ level: 'info' as const, message: `epoch ${i}` })));
    expect((await tailRunLog(store.prisma, run.id, 2)).map((l) => l.message)).toEqual(['epoch 2', 'epoch 3']);
  });
});
