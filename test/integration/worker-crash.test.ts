import { describe, expect, it } from 'vitest';

import { openApi } from '../src/api.ts';
import { censusSpec } from '../src/census.ts';
import { startCli } from '../src/cli.ts';
import { metricPoints } from '../src/metrics.ts';
import { censusStoreBlock, storeTargets } from '../src/stores.ts';
import { waitFor } from '../src/wait.ts';

const targets = await storeTargets();
const STALE_AFTER_MS = 2_000;
const EPOCHS = 3;
const CHECKPOINT_EVERY = 20;

/**
 * A worker process is SIGKILLed in the middle of a run, after its first checkpoint. A second worker
 * takes the run over once its heartbeat is stale, resumes from the checkpoint, and finishes it with
 * every train/loss step stored exactly once.
 */
describe.each(targets)('worker crash and resume on $name', (target) => {
  const block = censusStoreBlock(target);

  it.skipIf(!block.runs)('a restarted worker finishes the run from its checkpoint', async () => {
    const { ts, processes: workers } = block;
    const { prisma } = ts.store;
    const api = await openApi(ts.store);
    const spec = await censusSpec([`hyper.epochs=${EPOCHS}`, `hyper.checkpointEvery=${CHECKPOINT_EVERY}`]);
    const experiment = await api.caller.experiments.create({ spec: { ...spec, name: `crash test on ${target.name}` } });
    await api.close();
    const runId = experiment.runs[0]!.id;

    const workerEnv = (id: string) => ({ ...ts.env, TRADEOFF_WORKER_ID: id, TRADEOFF_STALE_AFTER_MS: String(STALE_AFTER_MS) });
    const first = startCli(['worker'], { env: workerEnv('first') });
    workers.push(first);
    const checkpoint = await waitFor(
      'the first checkpoint',
      async () => {
        const run = await prisma.run.findUniqueOrThrow({ where: { id: runId }, include: { checkpoint: { select: { step: true } } } });
        if (run.status !== 'queued' && run.status !== 'running') throw new Error(`run ended early: ${run.status} ${run.error}\n${first.output()}`);
        return run.checkpoint ?? undefined;
      },
      120_000,
      100,
    );
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    const killedAt = new Date();
    expect(killed.signal).toBe('SIGKILL');

    const afterKill = await prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(afterKill.status).toBe('running');
    expect(afterKill.workerId).toBe('first');
    const stepsBeforeKill = (await metricPoints(prisma, runId, 'train/loss')).map((p) => p.step);
    expect(Math.max(...stepsBeforeKill)).toBeGreaterThanOrEqual(checkpoint.step ?? 0);

    const second = startCli(['worker'], { env: workerEnv('second') });
    workers.push(second);
    const done = await waitFor(
      'the run to end',
      () => prisma.run.findUniqueOrThrow({ where: { id: runId } }).then((r) => (['finished', 'failed', 'cancelled'].includes(r.status) ? r : undefined)),
      120_000,
      500,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nsecond worker:\n${second.output().slice(-3000)}`);
    });
    expect(done.error).toBeNull();
    expect(done.status).toBe('finished');
    expect(done.workerId).toBe('second');
    expect(done.attempt).toBe(2);

    const logs = (await prisma.runLog.findMany({ where: { runId }, orderBy: { id: 'asc' } })).map((l) => l.message);
    const resumed = logs.map((m) => /resuming from the checkpoint at step (\d+)/.exec(m)).find(Boolean);
    expect(resumed, logs.join('\n')).toBeTruthy();
    const resumedAt = Number(resumed![1]);
    expect(resumedAt).toBeGreaterThanOrEqual(CHECKPOINT_EVERY);
    expect(resumedAt % CHECKPOINT_EVERY).toBe(0);
    const planned = logs.map((m) => /; (\d+) steps of batch/.exec(m)).find(Boolean);
    const totalSteps = Number(planned![1]);

    // One point per optimizer step, 1..N: nothing lost at the kill, nothing duplicated by the resume.
    const loss = await metricPoints(prisma, runId, 'train/loss');
    expect(loss.map((p) => p.step)).toEqual(Array.from({ length: totalSteps }, (_, i) => i + 1));
    // Steps up to the checkpoint were written by the killed worker and kept, not recomputed.
    expect(loss.filter((p) => p.step <= resumedAt).every((p) => p.time < killedAt)).toBe(true);
    expect(loss.filter((p) => p.step > Math.max(...stepsBeforeKill)).every((p) => p.time > killedAt)).toBe(true);
    // One validation AUC per epoch and task, at the epoch's last step.
    const valid = await metricPoints(prisma, runId, 'valid/auc/income');
    expect(valid.map((p) => p.step)).toEqual(Array.from({ length: EPOCHS }, (_, e) => ((e + 1) * totalSteps) / EPOCHS));

    const final = done.final as Record<string, number>;
    expect(final['test/auc/income']).toBeGreaterThan(0.9);
    const model = await prisma.artifact.findFirst({ where: { runId, kind: 'model' }, include: { files: true } });
    expect(model?.files.map((f) => f.path).sort()).toEqual(['model.json', 'preprocessing.json', 'weights.bin']);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });
});
