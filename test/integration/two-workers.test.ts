import { describe, expect, it } from 'vitest';

import { openApi } from '../src/api.ts';
import { startCli } from '../src/cli.ts';
import { metricPoints } from '../src/metrics.ts';
import { censusStoreBlock, storeTargets } from '../src/stores.ts';
import { waitFor } from '../src/wait.ts';

const targets = await storeTargets();

/**
 * `tradeoff launch --wait` queues a 4-run sweep; two worker processes drain it while every run also
 * gets a second, duplicate job. Each run is claimed exactly once, and launch exits 0.
 */
describe.each(targets)('two workers on $name', (target) => {
  const block = censusStoreBlock(target);

  it.skipIf(!block.runs)('never claim the same run twice', async () => {
    const { ts, processes } = block;
    const { prisma } = ts.store;
    const launch = startCli(
      [
        'launch',
        'examples/census-mmoe.json',
        '--set', `name=two workers on ${target.name}`,
        '--set', 'hyper.epochs=1',
        '--set', 'sweep={"grid":{"learningRate":[0.003,0.01]},"seeds":[0,1]}',
        '--wait',
      ],
      { env: ts.env },
    );
    processes.push(launch);
    const experimentId = (await launch.waitForOutput(/^experiment /, 60_000)).split(' ')[1]!;
    const runs = await prisma.run.findMany({ where: { experimentId }, select: { id: true } });
    expect(runs).toHaveLength(4);

    const workerEnv = (id: string) => ({ ...ts.env, TRADEOFF_WORKER_ID: id, LOG_LEVEL: 'debug' });
    const workers = [startCli(['worker'], { env: workerEnv('one') }), startCli(['worker'], { env: workerEnv('two') })];
    processes.push(...workers);

    // A second job for every run while the first ones are being worked: whichever worker gets it
    // must lose the claim to the one running it.
    await waitFor('a run to start', () => prisma.run.count({ where: { experimentId, status: 'running' } }).then((n) => n > 0), 90_000);
    const api = await openApi(ts.store);
    for (const run of runs) await api.queue.enqueue(run.id);
    await api.close();

    const result = await launch.exited;
    expect(result.code, result.stderr).toBe(0);

    const ended = await prisma.run.findMany({ where: { experimentId }, orderBy: { index: 'asc' } });
    expect(ended.map((r) => r.status)).toEqual(['finished', 'finished', 'finished', 'finished']);
    expect(ended.map((r) => r.attempt)).toEqual([1, 1, 1, 1]);
    expect(new Set(ended.map((r) => r.workerId))).toEqual(new Set(['one', 'two']));
    for (const run of ended) {
      const starts = await prisma.runLog.count({ where: { runId: run.id, message: { startsWith: 'attempt ' } } });
      expect(starts).toBe(1);
      const steps = (await metricPoints(prisma, run.id, 'train/loss')).map((p) => p.step);
      expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));
    }
    await waitFor('a duplicate job to be delivered and dropped', () => workers.some((w) => w.output().includes('job dropped')), 30_000);

    for (const worker of workers) worker.child.kill('SIGTERM');
    for (const worker of workers) expect((await worker.exited).code).toBe(0);
  });
});
