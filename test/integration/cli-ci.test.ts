import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createUserWithToken, serveApi } from '@tradeoff/api/testing';
import { openRunQueue } from '@tradeoff/db';
import { createTestRun } from '@tradeoff/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { censusSpec } from '../src/census.ts';
import { censusLines, writeCensusRows } from '../src/census-files.ts';
import { runCli, startCli } from '../src/cli.ts';
import { hasCensus } from '../src/paths.ts';
import { censusStoreBlock, storeTargets } from '../src/stores.ts';

const targets = await storeTargets();
let dir = '';
let specFile = '';

/** The census MMoE example on 4,000 real rows, one epoch: a real run that takes seconds. */
beforeAll(async () => {
  if (!hasCensus) return;
  dir = await mkdtemp(join(tmpdir(), 'tradeoff-ci-'));
  const data = join(dir, 'census-small.data');
  await writeCensusRows(data, await censusLines(), 0, 4000);
  const spec = await censusSpec([`dataset.train.path=${data}`, `dataset.test.path=${data}`, 'hyper.epochs=1']);
  specFile = join(dir, 'census-ci.json');
  await writeFile(specFile, JSON.stringify(spec));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasCensus)('tradeoff ci in process', () => {
  it('checks assertions, writes one JUnit testcase per check and exits 1 on a failed one', async () => {
    const junit = join(dir, 'reports', 'ci.xml');
    // An AUC is in [0, 1]: the first assertion holds for any model, the second for none.
    const failing = await runCli(['ci', specFile, '--assert', 'test/auc/income>=0', '--assert', 'test/auc/never_married>1', '--junit', junit]);
    expect(failing.code, failing.stderr).toBe(1);
    expect(failing.stdout).toMatch(/^PASS\s+test\/auc\/income>=0\s+0\.\d+\s+>= 0$/m);
    expect(failing.stdout).toMatch(/^FAIL\s+test\/auc\/never_married>1\s+0\.\d+\s+> 1$/m);
    expect(failing.stdout).toMatch(/ci: 1 of 3 checks failed/);
    const xml = await readFile(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toMatch(/<testsuites tests="3" failures="1"/);
    expect(xml).toMatch(/name="test\/auc\/never_married>1">\s*<failure message="test\/auc\/never_married = 0\.\d+, expected > 1"/);
  });

  it('a run that fails fails the gate (exit 1), and the report says why', async () => {
    const corrupt = join(dir, 'census-corrupt.data');
    await writeCensusRows(corrupt, await censusLines(), 0, 500, 7);
    const junit = join(dir, 'reports', 'failed-run.xml');
    const result = await runCli(['ci', specFile, '--set', `dataset.train.path=${corrupt}`, '--assert', 'test/auc/income>=0', '--junit', junit]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^FAIL\s+run MMoE on Census-Income/m);
    expect(result.stdout).toMatch(/the run failed: census-corrupt\.data:7: expected 42 fields/);
    expect(result.stdout).toMatch(/the run has no final metric test\/auc\/income/);
    expect((await readFile(junit, 'utf8')).match(/<failure /g)).toHaveLength(2);
  });

  it('bad input exits 2 naming the argument, before any training', async () => {
    const badAssert = await runCli(['ci', specFile, '--assert', 'test/auc/income=>0.9']);
    expect(badAssert.code).toBe(2);
    expect(badAssert.stderr).toMatch(/--assert "test\/auc\/income=>0.9": expected <metric><op><value>/);
    expect(badAssert.stderr).not.toMatch(/progress/);
    const nothing = await runCli(['ci', specFile]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/nothing to check/);
  });
});

describe.each(targets)('tradeoff ci on the $name store', (target) => {
  const block = censusStoreBlock(target);

  /** A finished run with these final metrics, as a worker or the SDK leaves one. */
  const baselineRun = async (final: Record<string, number>) => {
    const run = await createTestRun(block.ts.store);
    await block.ts.store.prisma.run.update({ where: { id: run.id }, data: { status: 'finished', finishedAt: new Date(), final } });
    return run.id;
  };

  it.skipIf(!block.runs)('a regression beyond the tolerance fails in the metric\'s direction; a missing baseline is bad input', async () => {
    // An unreachable AUC and an easily beaten log loss: one regression fails, the other passes.
    const baseline = await baselineRun({ 'test/auc/income': 0.9999, 'test/logloss/income': 50 });
    const junit = join(dir, `regression-${target.name}.xml`);
    const result = await runCli(['ci', specFile, '--baseline', baseline, '--tolerance', '0.01', '--junit', junit], { env: block.ts.env });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^FAIL\\s+test/auc/income vs baseline ${baseline}\\s+0\\.\\d+\\s+>= 0.9899 \\(baseline 0.9999 - 0.01\\)$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^PASS\\s+test/logloss/income vs baseline ${baseline}\\s+0\\.\\d+\\s+<= 50.01`, 'm'));
    expect(result.stdout).toMatch(/regressed from the baseline's 0.9999 by more than 0.01 \(higher is better\)/);
    expect((await readFile(junit, 'utf8')).match(/<testcase /g)).toHaveLength(3);

    const missing = await runCli(['ci', specFile, '--baseline', 'no-such-run', '--assert', 'test/auc/income>0'], { env: block.ts.env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--baseline no-such-run: no such run in the store/);
  });

  // The HTTP path does not depend on the store behind the server: checked once.
  it.skipIf(!block.runs || target.name !== 'pglite')('through a server (--url, --token) the baseline is read over HTTP; an unfinished baseline or a missing token is bad input', async () => {
    const queue = await openRunQueue(block.ts.store.url);
    const server = await serveApi({ prisma: block.ts.store.prisma, queue });
    try {
      const { token } = await createUserWithToken(block.ts.store, { role: 'viewer' });
      const queued = await createTestRun(block.ts.store);
      const result = await runCli(['ci', specFile, '--baseline', queued.id, '--url', server.url, '--token', token], { env: block.ts.env });
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(`--baseline ${queued.id}: the run is queued, not finished`);
      const anonymous = await runCli(['ci', specFile, '--baseline', queued.id, '--url', server.url], { env: { ...block.ts.env, TRADEOFF_TOKEN: undefined } });
      expect(anonymous.code).toBe(2);
      expect(anonymous.stderr).toMatch(/^tradeoff: http:\/\/127\.0\.0\.1:\d+\/api\/trpc: sign in, or send an API token \(UNAUTHORIZED\)$/m);
    } finally {
      await server.close();
      await queue.stop({ timeoutMs: 5_000 });
    }
  });

  // Before any worker is started on this store.
  it.skipIf(!block.runs)('--store fails the gate when no worker starts the run in time, and says why', async () => {
    const result = await runCli(['ci', specFile, '--store', '--start-timeout', '0.05', '--assert', 'test/auc/income>=0'], { env: block.ts.env });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    const runId = /run (\S+) queued/.exec(result.stderr)?.[1];
    expect(result.stdout + result.stderr).toMatch(new RegExp(`no worker started run ${runId} within 0.05 min`));
    expect((await block.ts.store.prisma.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe('queued');
    await block.ts.store.prisma.run.update({ where: { id: runId }, data: { status: 'cancelled' } });
  });

  it.skipIf(!block.runs)('--store launches the run for a worker, follows it and checks its final metrics', async () => {
    block.processes.push(startCli(['worker'], { env: block.ts.env }));
    const result = await runCli(['ci', specFile, '--store', '--assert', 'test/auc/income>=0', '--assert', 'test/auc/income<=1'], { env: block.ts.env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const runId = /run (\S+) queued/.exec(result.stderr)?.[1];
    expect(result.stderr).toMatch(new RegExp(`run ${runId} finished`));
    const run = await block.ts.store.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe('finished');
    const final = run.final as Record<string, number>;
    expect(result.stdout).toMatch(new RegExp(`^PASS\\s+test/auc/income>=0\\s+${Number(final['test/auc/income']!.toPrecision(6))}\\s`, 'm'));
  });
});
