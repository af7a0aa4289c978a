import { randomBytes } from 'node:crypto';

import { claimRun, findStaleRuns, getLatestArtifact, openRunQueue, type PrismaClient, type RunQueue } from '@tradeoff/db';
import { openTestStore, storeKinds, type TestStore } from '@tradeoff/db/testing';
import type { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { hashToken } from '../caller.ts';
import { createTradeoffClient, type TradeoffClient } from '../client.ts';
import { createContext } from '../context.ts';
import { type AppRouter, createCaller } from '../root.ts';
import { MAX_ARTIFACT_BYTES } from '../schemas/tracking-limits.ts';
import { type ApiServer, serveApi } from '../testing.ts';
import { ArtifactTooLargeError } from './artifact-files.ts';

/** A user of `role` with a fresh API token, as `tradeoff token create` makes one. */
async function tokenFor(prisma: PrismaClient, role: 'viewer' | 'member'): Promise<string> {
  const plain = `test-${randomBytes(12).toString('hex')}`;
  const user = await prisma.user.create({ data: { email: `${plain}@example.com`, role } });
  await prisma.apiToken.create({ data: { name: plain, userId: user.id, tokenHash: hashToken(plain) } });
  return plain;
}

const until = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe.each(await storeKinds())('tracking SDK over HTTP on %s', (kind) => {
  let store: TestStore;
  let queue: RunQueue;
  let server: ApiServer;
  let t: TradeoffClient;
  let memberToken: string;

  beforeAll(async () => {
    store = await openTestStore(kind);
    queue = await openRunQueue(store.url);
    server = await serveApi({ prisma: store.prisma, queue });
    memberToken = await tokenFor(store.prisma, 'member');
    t = createTradeoffClient({ url: server.url, token: memberToken });
  });

  afterAll(async () => {
    await server?.close();
    await queue?.stop({ timeoutMs: 5_000 });
    await store?.destroy();
  });

  test('startRun creates the project and experiment once, and a running run no worker claims', async () => {
    const a = await t.tracking.startRun({ project: 'sdk', experiment: 'lr sweep', params: { lr: 0.01, opt: 'adam' }, tags: ['sdk'] });
    const b = await t.tracking.startRun({ project: 'sdk', experiment: 'lr sweep', params: { lr: 0.1 } });
    expect(b.experimentId).toBe(a.experimentId);
    const runs = await store.prisma.run.findMany({ where: { experimentId: a.experimentId }, orderBy: { index: 'asc' } });
    expect(runs.map((r) => [r.id, r.index, r.status])).toEqual([
      [a.id, 0, 'running'],
      [b.id, 1, 'running'],
    ]);
    expect((runs[0]!.spec as { hyper: unknown }).hyper).toEqual({ lr: 0.01, opt: 'adam' });
    expect(runs[0]!.tags).toEqual(['sdk']);
    // No queue job, and never taken over as a stale run of a dead worker.
    expect(await findStaleRuns(store.prisma, 0)).not.toContainEqual(expect.objectContaining({ id: a.id }));
    expect(await claimRun(store.prisma, a.id, 'some-worker', 0)).toBeNull();
    await Promise.all([a.finish(), b.finish()]);
  });

  test('log buffers; batches by size, by time and on flush store every point, NaN included', async () => {
    const run = await t.tracking.startRun({ project: 'sdk', experiment: 'buffering' }, { batchSize: 1_000, flushIntervalMs: 60_000 });
    for (let step = 0; step < 1_500; step++) run.log({ 'train/loss': 1 / (step + 1), 'train/acc': step / 1_500 }, step);
    // 3,000 points passed the batch size: a send started without flush().
    await until(async () => (await store.prisma.metricPoint.count({ where: { runId: run.id } })) > 0);
    run.log({ 'train/loss': Number.NaN, 'valid/auc': Number.POSITIVE_INFINITY }, 1_500);
    await run.flush();
    expect(run.pending).toBe(0);
    expect(await store.prisma.metricPoint.count({ where: { runId: run.id } })).toBe(3_002);
    const latest = await t.tracking.getRun(run.id);
    const byKey = Object.fromEntries(latest.latest.map((m) => [m.key, [m.step, m.value]]));
    expect(byKey['train/loss']?.[0]).toBe(1_500);
    expect(byKey['train/loss']?.[1]).toBeNaN();
    expect(byKey['valid/auc']).toEqual([1_500, Number.POSITIVE_INFINITY]);
    expect(byKey['train/acc']).toEqual([1_499, 1_499 / 1_500]);

    const timed = await t.tracking.startRun({ project: 'sdk', experiment: 'buffering' }, { flushIntervalMs: 50 });
    timed.log({ 'train/loss': 0.5 });
    timed.log({ 'train/loss': 0.4 });
    await until(async () => (await store.prisma.metricPoint.count({ where: { runId: timed.id } })) === 2);
    const steps = await store.prisma.metricPoint.findMany({ where: { runId: timed.id }, orderBy: { step: 'asc' } });
    expect(steps.map((p) => [p.step, p.value])).toEqual([
      [0, 0.5],
      [1, 0.4],
    ]);
    await Promise.all([run.finish(), timed.finish()]);
  });

  test('artifacts keep their bytes; an oversized one fails before sending, naming the limit', async () => {
    const run = await t.tracking.startRun({ project: 'sdk', experiment: 'artifacts' });
    const weights = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
    const stored = await run.logArtifact('model', { 'weights.bin': weights, 'model.json': '{"format":"layers-model"}' }, { kind: 'model', step: 3 });
    expect(stored.size).toBe(300_000 + 25);
    const artifact = await getLatestArtifact(store.prisma, run.id, 'model');
    expect(artifact?.step).toBe(3);
    expect(Buffer.from(artifact!.files['weights.bin']!).equals(Buffer.from(weights))).toBe(true);
    expect(Buffer.from(artifact!.files['model.json']!).toString()).toBe('{"format":"layers-model"}');

    const tooLarge = run.logArtifact('huge', { 'blob.bin': new Uint8Array(MAX_ARTIFACT_BYTES + 1) });
    await expect(tooLarge).rejects.toBeInstanceOf(ArtifactTooLargeError);
    await expect(tooLarge).rejects.toThrow(/artifact "huge": 32\.0 MB exceeds the limit of 32\.0 MB/);
    await run.finish();
  });

  test('finish stores final metrics and ends the run; fail records the error; an ended run takes nothing', async () => {
    const run = await t.tracking.startRun({ project: 'sdk', experiment: 'lifecycle' });
    run.log({ 'train/loss': 0.3 }, 0);
    await run.finish({ 'test/auc': 0.91 });
    const finished = await t.tracking.getRun(run.id);
    expect(finished).toMatchObject({ status: 'finished', final: { 'test/auc': 0.91 } });
    expect(finished.finishedAt).toBeInstanceOf(Date);
    expect(() => run.log({ 'train/loss': 0.2 }, 1)).toThrow(/has ended/);

    const failing = await t.tracking.startRun({ project: 'sdk', experiment: 'lifecycle' });
    failing.log({ 'train/loss': 5 }, 0);
    await failing.fail(new Error('loss diverged'));
    expect(await t.tracking.getRun(failing.id)).toMatchObject({ status: 'failed', error: 'loss diverged' });

    // Whoever else tries to log to the ended run is refused by the server, naming the run.
    const api = createCaller(createContext({ prisma: store.prisma, queue, credentials: { apiToken: memberToken } }));
    const late = api.tracking.log({ runId: run.id, series: [{ key: 'train/loss', steps: [2], values: [0.1] }] });
    await expect(late).rejects.toThrow(`runId: run ${run.id} has ended (finished)`);
    // A run ended elsewhere: this program's next flush reports the refused send, naming the run.
    const endedElsewhere = await t.tracking.startRun({ project: 'sdk', experiment: 'lifecycle' });
    await api.tracking.endRun({ runId: endedElsewhere.id, status: 'failed', error: 'stopped by an operator' });
    endedElsewhere.log({ 'train/loss': 0.5 }, 0);
    await expect(endedElsewhere.flush()).rejects.toThrow(`run ${endedElsewhere.id}: sending metrics failed: runId: run ${endedElsewhere.id} has ended (failed)`);
    expect(() => endedElsewhere.log({ 'train/loss': 0.4 }, 1)).toThrow(/sending metrics failed/);

    const mismatched = api.tracking.log({ runId: failing.id, series: [{ key: 'train/loss', steps: [1, 2], values: [0.1] }] });
    await expect(mismatched).rejects.toThrow(/series\[0\]: steps, values and times must have the same length/);
  });

  test('tracked runs read like any other: experiment lists, the runs table, run pages', async () => {
    const run = await t.tracking.startRun({ project: 'sdk', experiment: 'read back', params: { lr: 0.5 }, tags: ['tracked'] });
    run.log({ 'train/loss': 0.4, 'valid/auc': 0.7 }, 0);
    await run.finish({ 'test/auc': 0.8 });
    const experiments = await t.experiments.list.query({ limit: 200 });
    expect(experiments.find((e) => e.id === run.experimentId)).toMatchObject({ algorithm: 'external', counts: { finished: 1 } });
    expect(await t.experiments.get.query({ id: run.experimentId })).toMatchObject({ name: 'read back', runCount: 1 });
    const page = await t.runs.page.query({ experimentId: run.experimentId });
    expect(JSON.stringify(page)).toContain(run.id);
    await expect(t.runs.columns.query({ experimentId: run.experimentId })).resolves.toBeDefined();
    await expect(t.runs.objectives.query({ ids: [run.id] })).resolves.toBeDefined();
    const series = await t.metrics.series.query({ runId: run.id });
    expect(series.map((s) => s.key).sort()).toEqual(['train/loss', 'valid/auc']);
  });

  test('a viewer may read but not start runs; bad names and steps are refused naming them', async () => {
    const viewer = createTradeoffClient({ url: server.url, token: await tokenFor(store.prisma, 'viewer') });
    const refused = await viewer.tracking.startRun({ experiment: 'nope' }).catch((e: unknown) => e);
    expect((refused as TRPCClientError<AppRouter>).data?.code).toBe('FORBIDDEN');

    const run = await t.tracking.startRun({ experiment: 'bad input' });
    expect(() => run.log({ 'train loss!': 1 })).toThrow(/metric "train loss!": expected a metric name/);
    expect(() => run.log({ 'train/loss': 1 }, -1)).toThrow(/step: expected an integer >= 0, got -1/);
    expect(() => run.log({ 'train/loss': '1' as unknown as number })).toThrow(/metric "train\/loss": expected a number, got string/);
    // A call with one bad entry buffers none of its entries.
    expect(() => run.log({ 'train/acc': 0.5, 'bad key': 1 }, 3)).toThrow(/metric "bad key"/);
    expect(run.pending).toBe(0);
    await run.finish();
  });
});
