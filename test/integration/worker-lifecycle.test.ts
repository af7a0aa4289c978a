import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Spec } from '@tradeoff/experiments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openApi } from '../src/api.ts';
import { censusSpec } from '../src/census.ts';
import { censusLines, writeCensusRows } from '../src/census-files.ts';
import { startCli, type CliProcess } from '../src/cli.ts';
import { hasCensus } from '../src/paths.ts';
import { storeTargets, type TestStore } from '../src/stores.ts';
import { waitFor } from '../src/wait.ts';

const [pglite] = await storeTargets();
const ENDED = ['finished', 'failed', 'cancelled'];

/**
 * One worker process through a run's outcomes on the embedded store: finished, failed on a corrupt
 * CSV row (nothing stored before is lost), cancelled from the API, and handed back on SIGTERM so
 * that the next worker resumes it at once.
 */
describe.skipIf(!hasCensus)('worker lifecycle on the embedded store', () => {
  let ts: TestStore;
  let api: Awaited<ReturnType<typeof openApi>>;
  let dir = '';
  let worker: CliProcess;
  const spawned: CliProcess[] = [];
  const startWorker = (id: string) => {
    const process = startCli(['worker'], { env: { ...ts.env, TRADEOFF_WORKER_ID: id } });
    spawned.push(process);
    return process;
  };
  const launch = async (spec: Spec) => (await api.caller.experiments.create({ spec })).runs[0]!.id;
  const waitForEnd = (runId: string) =>
    waitFor('the run to end', () => ts.store.prisma.run.findUniqueOrThrow({ where: { id: runId } }).then((r) => (ENDED.includes(r.status) ? r : undefined)), 120_000, 300);
  const smallData = () => join(dir, 'census-small.data');
  const corruptData = () => join(dir, 'census-corrupt.data');

  beforeAll(async () => {
    ts = await pglite!.open();
    api = await openApi(ts.store);
    dir = await mkdtemp(join(tmpdir(), 'tradeoff-lifecycle-'));
    const lines = await censusLines();
    await writeCensusRows(smallData(), lines, 0, 3000);
    await writeCensusRows(corruptData(), lines, 0, 3000, 1234);
    worker = startWorker('first');
  });
  afterAll(async () => {
    for (const p of spawned) p.child.kill('SIGKILL');
    await api?.close();
    await ts?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  let firstRunId = '';

  it('finishes a run with metrics and a model in the store', async () => {
    firstRunId = await launch(
      await censusSpec([`dataset.train={"path":"${smallData()}","rows":[0,0.8]}`, `dataset.test={"path":"${smallData()}","rows":[0.8,1]}`, 'hyper.epochs=2']),
    );
    const run = await waitForEnd(firstRunId);
    expect(run.status, run.error ?? '').toBe('finished');
    expect(Object.keys(run.final as object)).toEqual(
      expect.arrayContaining(['test/auc/income', 'test/auc/never_married', 'valid/auc/income', 'valid/auc/never_married']),
    );
    expect(await ts.store.prisma.artifact.count({ where: { runId: firstRunId, kind: 'model' } })).toBe(1);
  });

  it('fails a run on a corrupt CSV row naming file:line, and loses nothing stored before', async () => {
    const { prisma } = ts.store;
    const before = await prisma.metricPoint.count({ where: { runId: firstRunId } });
    const runId = await launch(await censusSpec([`dataset.train=${corruptData()}`, `dataset.test=${smallData()}`]));
    const run = await waitForEnd(runId);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/census-corrupt\.data:1234\b/);
    const logs = await prisma.runLog.findMany({ where: { runId, level: 'error' } });
    expect(logs.map((l) => l.message).join('\n')).toMatch(/census-corrupt\.data:1234/);

    expect(await prisma.experiment.count()).toBe(2);
    const first = await prisma.run.findUniqueOrThrow({ where: { id: firstRunId } });
    expect(first.status).toBe('finished');
    expect(await prisma.metricPoint.count({ where: { runId: firstRunId } })).toBe(before);
    expect(await prisma.artifact.count({ where: { runId: firstRunId, kind: 'model' } })).toBe(1);
  });

  it('cancels a running run on request and keeps working', async () => {
    const runId = await launch(await censusSpec(['hyper.epochs=20']));
    await waitFor('training progress', () => ts.store.prisma.run.findUniqueOrThrow({ where: { id: runId } }).then((r) => r.progress > 0), 60_000);
    await api.caller.runs.cancel({ id: runId });
    const run = await waitForEnd(runId);
    expect(run.status).toBe('cancelled');
    expect(run.progress).toBeLessThan(0.5);
    expect(worker.child.exitCode).toBeNull();
  });

  it('hands its run back on SIGTERM; the next worker resumes it from the checkpoint at once', async () => {
    const { prisma } = ts.store;
    const runId = await launch(await censusSpec(['hyper.epochs=3', 'hyper.checkpointEvery=20']));
    await waitFor('a checkpoint', () => prisma.run.findUniqueOrThrow({ where: { id: runId } }).then((r) => r.checkpointId !== null), 60_000);
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    const released = await prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(released.status).toBe('queued');
    expect(released.workerId).toBeNull();

    startWorker('second');
    const run = await waitForEnd(runId);
    expect(run.status, run.error ?? '').toBe('finished');
    expect(run.attempt).toBe(2);
    expect(run.workerId).toBe('second');
    const resumed = await prisma.runLog.findFirst({ where: { runId, message: { contains: 'resuming from the checkpoint' } } });
    expect(resumed).not.toBeNull();
  });
});
