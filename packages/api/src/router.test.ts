import { getLatestArtifact, openRunQueue, putArtifact, type RunQueue } from '@tradeoff/db';
import { openTestStore, storeKinds, type TestStore } from '@tradeoff/db/testing';
import { algorithms } from '@tradeoff/experiments';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { hashToken } from './caller.ts';
import { createContext } from './context.ts';
import { createCaller } from './root.ts';

const mmoe = algorithms.find((a) => a.name === 'mmoe')!;
const exampleSpec = { ...mmoe.exampleSpec, hyper: { epochs: 1 } };

/** The error a call rejects with, for assertions on code and message. */
async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** Runs ids delivered by the queue until `ids` have all arrived (or the timeout hits). */
async function deliveredRunIds(queue: RunQueue, ids: string[], timeoutMs = 30_000): Promise<Set<string>> {
  const seen = new Set<string>();
  const done = new Promise<void>((resolve) => {
    void queue.work(async (runId) => {
      seen.add(runId);
      if (ids.every((id) => seen.has(id))) resolve();
    });
  });
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
  return seen;
}

describe.each(await storeKinds())('api router on %s', (kind) => {
  let store: TestStore;
  let queue: RunQueue;
  let api: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    store = await openTestStore(kind);
    queue = await openRunQueue(store.url);
    api = createCaller(createContext({ prisma: store.prisma, queue, trusted: true }));
  });

  afterAll(async () => {
    await queue?.stop({ timeoutMs: 5_000 });
    await store?.destroy();
  });

  test('health answers with a database round trip', async () => {
    const health = await api.health.check();
    expect(health.ok).toBe(true);
    expect(health.dbLatencyMs).toBeGreaterThanOrEqual(0);
  });

  test('a bad spec is BAD_REQUEST naming the field, and stores nothing', async () => {
    const bad = await errorOf(api.experiments.create({ spec: { ...exampleSpec, hyper: { learningRate: 'fast' } } }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toMatch(/^spec: hyper\.learningRate: /);
    const unknownKey = await errorOf(api.experiments.create({ spec: { ...exampleSpec, hyper: { lr: 0.1 } } }));
    expect(unknownKey.message).toMatch(/hyper.*"lr"/);
    expect(await store.prisma.experiment.count()).toBe(0);
  });

  test('an unknown algorithm is named, with the known ones', async () => {
    const error = await errorOf(api.experiments.create({ spec: { ...exampleSpec, algorithm: 'nope' } }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('algorithm: unknown algorithm "nope"');
    expect(error.message).toContain('mmoe');
  });

  test('create stores the experiment with one queued run per sweep point and seed, and queues each', async () => {
    const experiment = await api.experiments.create({
      spec: { ...exampleSpec, name: 'sweep', sweep: { grid: { experts: [2, 4] }, seeds: [3, 5] } },
      tags: ['smoke'],
    });
    expect(experiment.runs.map((r) => [r.index, r.seed, r.status])).toEqual([
      [0, 3, 'queued'],
      [1, 5, 'queued'],
      [2, 3, 'queued'],
      [3, 5, 'queued'],
    ]);
    const rows = await store.prisma.run.findMany({ where: { experimentId: experiment.id }, orderBy: { index: 'asc' } });
    expect(rows.map((r) => (r.spec as { hyper: { experts: number } }).hyper.experts)).toEqual([2, 2, 4, 4]);
    expect(rows.every((r) => (r.spec as { sweep?: unknown }).sweep === undefined)).toBe(true);
    const stored = await store.prisma.experiment.findUniqueOrThrow({ where: { id: experiment.id }, include: { project: true, createdBy: true } });
    expect(stored.project.name).toBe('default');
    expect(stored.createdBy?.email).toBe('local@tradeoff');
    expect(stored.tags).toEqual(['smoke']);

    const ids = experiment.runs.map((r) => r.id);
    const delivered = await deliveredRunIds(queue, ids);
    expect([...delivered].sort()).toEqual([...ids].sort());

    const runs = await api.runs.list({ experimentId: experiment.id });
    expect(runs.map((r) => r.params)).toEqual([{ experts: 2 }, { experts: 2 }, { experts: 4 }, { experts: 4 }]);

    const listed = (await api.experiments.list()).find((e) => e.id === experiment.id)!;
    expect(listed).toMatchObject({ name: 'sweep', algorithm: 'mmoe', datasetKind: 'synthetic-multitask' });
    expect(listed.counts).toEqual({ queued: 4, running: 0, finished: 0, failed: 0, cancelled: 0 });
  });

  test('cancel stops queued runs; retry queues them again from scratch', async () => {
    const experiment = await api.experiments.create({ spec: { ...exampleSpec, name: 'to cancel' } });
    const runId = experiment.runs[0]!.id;
    await api.metrics.ingest({ runId, points: [{ key: 'train/loss', step: 1, value: 0.5 }] });

    expect(await api.experiments.cancel({ id: experiment.id })).toEqual({ cancelled: 1, cancelRequested: 0 });
    expect((await api.experiments.get({ id: experiment.id })).counts.cancelled).toBe(1);
    const cancelled = await api.runs.get({ id: runId });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelRequested: true });

    const checkpoint = { runId, kind: 'checkpoint' as const, name: 'step-1', step: 1, files: { 'state.json': new TextEncoder().encode('{}') } };
    // Resuming keeps the checkpoint and the points before it.
    await putArtifact(store.prisma, checkpoint);
    expect(await api.runs.retry({ id: runId, fromCheckpoint: true })).toEqual({ retried: 1 });
    expect(await getLatestArtifact(store.prisma, runId, 'checkpoint')).not.toBeNull();
    expect((await api.runs.get({ id: runId })).latest).toHaveLength(1);
    await api.runs.cancel({ id: runId });

    // A fresh retry leaves nothing a worker could resume from.
    expect(await api.runs.retry({ id: runId })).toEqual({ retried: 1 });
    expect(await getLatestArtifact(store.prisma, runId, 'checkpoint')).toBeNull();
    const retried = await api.runs.get({ id: runId });
    expect(retried).toMatchObject({ status: 'queued', cancelRequested: false, error: null, progress: 0, final: null });
    expect(retried.latest).toEqual([]);
    expect(await store.prisma.metricPoint.count({ where: { runId } })).toBe(0);

    // A running run only gets the flag its worker polls.
    await store.prisma.run.update({ where: { id: runId }, data: { status: 'running' } });
    expect(await api.runs.cancel({ id: runId })).toEqual({ cancelled: 0, cancelRequested: 1 });
    expect((await api.runs.get({ id: runId })).status).toBe('running');
    // Nothing to retry while it runs.
    expect(await api.experiments.retry({ id: experiment.id })).toEqual({ retried: 0 });

    expect((await errorOf(api.runs.cancel({ id: 'missing' }))).code).toBe('NOT_FOUND');
    expect((await errorOf(api.experiments.get({ id: 'missing' }))).code).toBe('NOT_FOUND');
  });

  test('metrics: a batch is upserted on (run, key, step) and read back downsampled', async () => {
    const experiment = await api.experiments.create({ spec: { ...exampleSpec, name: 'metrics' } });
    const runId = experiment.runs[0]!.id;
    const loss = Array.from({ length: 3000 }, (_, step) => ({ key: 'train/loss', step, value: 1 / (1 + step) + (step === 1234 ? 5 : 0) }));
    const auc = Array.from({ length: 20 }, (_, i) => ({ key: 'valid/auc/income', step: i * 150, value: 0.5 + i / 50 }));
    expect(await api.metrics.ingest({ runId, points: [...loss, ...auc] })).toEqual({ written: 3020 });
    // Sending a point again overwrites it.
    await api.metrics.ingest({ runId, points: [{ key: 'valid/auc/income', step: 2850, value: 0.91 }] });

    const series = await api.metrics.series({ runId, maxPoints: 60 });
    const byKey = new Map(series.map((s) => [s.key, s.points]));
    const lossPoints = byKey.get('train/loss')!;
    expect(lossPoints.length).toBeLessThanOrEqual(60);
    expect(lossPoints.length).toBeGreaterThan(20);
    const ingested = new Map(loss.map((p) => [p.step, p.value]));
    for (const point of lossPoints) expect(point.value).toBeCloseTo(ingested.get(point.step)!, 12);
    expect(lossPoints.map((p) => p.step)).toEqual([...lossPoints.map((p) => p.step)].sort((a, b) => a - b));
    // The spike survives downsampling, and so do the ends of the curve.
    expect(lossPoints.some((p) => p.step === 1234)).toBe(true);
    expect(lossPoints.at(-1)?.step).toBe(2999);
    // A short series comes back whole, with the overwritten value once.
    const aucPoints = byKey.get('valid/auc/income')!;
    expect(aucPoints).toHaveLength(20);
    expect(aucPoints.at(-1)).toMatchObject({ step: 2850, value: 0.91 });

    const only = await api.metrics.series({ runId, keys: ['valid/auc/income'], maxPoints: 500 });
    expect(only.map((s) => s.key)).toEqual(['valid/auc/income']);

    const run = await api.runs.get({ id: runId });
    expect(run.latest.map((m) => [m.key, m.step, m.value])).toEqual([
      ['train/loss', 2999, 1 / 3000],
      ['valid/auc/income', 2850, 0.91],
    ]);
    const listed = await api.runs.list({ experimentId: experiment.id });
    expect(listed[0]!.latest).toHaveLength(2);

    expect((await errorOf(api.metrics.ingest({ runId: 'missing', points: loss.slice(0, 1) }))).code).toBe('NOT_FOUND');
    const badKey = await errorOf(api.metrics.ingest({ runId, points: [{ key: 'bad key', step: 0, value: 1 }] }));
    expect(badKey.code).toBe('BAD_REQUEST');
    expect(badKey.message).toContain('points[0].key');
  });

  test('calls accept a valid API token and reject an unknown or revoked one', async () => {
    const user = await store.prisma.user.create({ data: { email: `${kind}-script@example.com` } });
    const token = await store.prisma.apiToken.create({ data: { name: 'ci', userId: user.id, tokenHash: hashToken('secret-token') } });
    const as = (apiToken: string) => createCaller(createContext({ prisma: store.prisma, queue, credentials: { apiToken } }));

    const project = await as('secret-token').projects.create({ name: `${kind} team` });
    expect(project.name).toBe(`${kind} team`);
    expect((await store.prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).not.toBeNull();
    expect((await errorOf(as('wrong').projects.create({ name: 'x' }))).code).toBe('UNAUTHORIZED');

    await store.prisma.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    expect((await errorOf(as('secret-token').projects.create({ name: 'y' }))).code).toBe('UNAUTHORIZED');
    expect((await errorOf(as('wrong').projects.list())).code).toBe('UNAUTHORIZED');
    expect((await errorOf(api.projects.create({ name: `${kind} team` }))).code).toBe('CONFLICT');
  });

  test('a viewer may read but not launch or edit', async () => {
    const viewer = await store.prisma.user.create({ data: { email: `${kind}-viewer@example.com`, role: 'viewer' } });
    await store.prisma.apiToken.create({ data: { name: 'read', userId: viewer.id, tokenHash: hashToken(`${kind}-viewer-token`) } });
    const asViewer = createCaller(createContext({ prisma: store.prisma, queue, credentials: { apiToken: `${kind}-viewer-token` } }));
    expect(Array.isArray(await asViewer.projects.list())).toBe(true);
    const refused = await errorOf(asViewer.projects.create({ name: `${kind} viewer project` }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('member');
    expect(await store.prisma.project.findFirst({ where: { name: `${kind} viewer project` } })).toBeNull();
  });

  test('datasets register with the spec dataset schema and list with their synthetic flag', async () => {
    const demo = await api.datasets.register({
      name: `${kind} demo`,
      kind: 'synthetic-multitask',
      files: { train: { path: 'synthetic', rows: [0, 0.8] }, test: { path: 'synthetic', rows: [0.8, 1] } },
      synthetic: true,
    });
    expect((await api.datasets.list()).find((d) => d.id === demo.id)).toMatchObject({ synthetic: true, kind: 'synthetic-multitask' });
    const bad = await errorOf(api.datasets.register({ name: 'bad', kind: 'census', files: { train: 'a.csv' } as never }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toContain('files.test');
  });

  test('algorithms describe their hyperparameters as JSON Schema with defaults', async () => {
    const list = await api.algorithms.list();
    const view = list.find((a) => a.name === 'mmoe')!;
    expect(view).toMatchObject({ task: 'multitask', title: mmoe.title });
    const schema = view.hyperJsonSchema as { properties: Record<string, { type: string; default?: unknown }> };
    expect(schema.properties.learningRate).toMatchObject({ type: 'number', default: mmoe.hyperSchema.parse({}).learningRate });
    expect(view.exampleSpec).toEqual(mmoe.exampleSpec);
    expect((await errorOf(api.algorithms.get({ name: 'nope' }))).message).toContain('known: mmoe');
  });
});
