import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

import { createTradeoffClient } from '@tradeoff/api';
import { getLatestArtifact } from '@tradeoff/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { serveApiOn } from '../src/api-server.ts';
import { runCli } from '../src/cli.ts';
import { repoRoot } from '../src/paths.ts';
import { type Platform, startPlatform } from '../src/platform.ts';
import { storeTargets } from '../src/stores.ts';

const targets = await storeTargets();
const program = join(import.meta.dirname, 'fixtures', 'tracked-program.ts');

/** The user's program as its own process, through the workspace's tsx. */
async function runProgram(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [program], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

/** A separate program logs a run through the SDK over HTTP; the store holds exactly what it sent. */
describe.each(targets)('the SDK from another process, on the $name store', (target) => {
  const api = serveApiOn(target);

  it.skipIf(!target.available)('a finished run: 30,000 points, params, an artifact and final metrics, readable through the API', async () => {
    const result = await runProgram({ TRADEOFF_URL: api.url, TRADEOFF_TOKEN: api.token });
    expect(result.code, result.stderr).toBe(0);
    const runId = /^run (\S+)$/m.exec(result.stdout)![1]!;
    const prisma = api.store.prisma;
    expect(await prisma.metricPoint.count({ where: { runId } })).toBe(30_000);
    const auc = await prisma.metricPoint.findFirst({ where: { runId, key: { name: 'valid/auc' }, step: 9_999 } });
    expect(auc?.value).toBeCloseTo(0.9, 10);
    const artifact = await getLatestArtifact(prisma, runId, 'model');
    expect(Buffer.from(artifact!.files['summary.txt']!).toString()).toBe('trained 10000 steps\n');
    expect([...artifact!.files['weights.bin']!.slice(250, 253)]).toEqual([250, 0, 1]);

    // What the dashboard shows: the run under its experiment, finished, with its params and metrics.
    const t = createTradeoffClient({ url: api.url, token: api.token });
    const run = await t.tracking.getRun(runId);
    expect(run).toMatchObject({ status: 'finished', final: { 'test/auc': 0.9, 'test/logloss': 0.3 }, error: null });
    expect(Object.fromEntries(run.latest.map((m) => [m.key, m.step]))).toEqual({ 'train/loss': 9_999, 'train/lr': 9_999, 'valid/auc': 9_999 });
    const listed = await t.runs.list.query({ experimentId: run.experiment.id });
    expect(listed.map((r) => r.id)).toEqual([runId]);
    expect((run.spec as { hyper: unknown }).hyper).toEqual({ lr: 0.01, layers: 3, optimizer: 'adam' });
  });

  it.skipIf(!target.available)('a program that throws fails its run with the error; points logged before it are kept', async () => {
    const result = await runProgram({ TRADEOFF_URL: api.url, TRADEOFF_TOKEN: api.token, OUTCOME: 'fail' });
    expect(result.code).toBe(1);
    const runId = /^run (\S+)$/m.exec(result.stdout)![1]!;
    const run = await api.store.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: 'failed', error: 'loss is NaN at step 5000' });
    expect(await api.store.prisma.metricPoint.count({ where: { runId } })).toBe(3 * 5_001);
  });

  it.skipIf(!target.available)('without a valid token the program is refused and nothing is stored', async () => {
    const result = await runProgram({ TRADEOFF_URL: api.url, TRADEOFF_TOKEN: 'not-a-token' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/UNAUTHORIZED|unknown, expired or revoked/);
    expect(await api.store.prisma.run.count({ where: { experiment: { project: { name: 'sdk-integration' } } } })).toBe(2);
  });
});

/**
 * The path users take: `tradeoff start` (the Next.js dashboard's tRPC route on the embedded store)
 * and a token made with `tradeoff token create`.
 */
describe('the SDK against tradeoff start', () => {
  let platform: Platform;
  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('logs a run through the dashboard\'s API route with a CLI-made token', async () => {
    const created = await runCli(['token', 'create', '--email', platform.admin.email, '--name', 'sdk'], { env: { TRADEOFF_HOME: platform.home, DATABASE_URL: undefined } });
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    const url = `${platform.baseUrl}/api/trpc`;
    const result = await runProgram({ TRADEOFF_URL: url, TRADEOFF_TOKEN: token });
    expect(result.code, result.stderr).toBe(0);
    const runId = /^run (\S+)$/m.exec(result.stdout)![1]!;
    const t = createTradeoffClient({ url, token });
    const run = await t.tracking.getRun(runId);
    expect(run).toMatchObject({ status: 'finished', final: { 'test/auc': 0.9, 'test/logloss': 0.3 } });
    const series = await t.metrics.series.query({ runId, keys: ['valid/auc'], maxPoints: 100 });
    expect(series[0]!.points.length).toBeLessThanOrEqual(100);
    expect(series[0]!.points.at(-1)).toMatchObject({ step: 9_999 });
    // Anonymous calls to the same route are refused.
    expect((await fetch(`${url}/runs.get?input=${encodeURIComponent(JSON.stringify({ json: { id: runId } }))}`)).status).toBe(401);
  });
});
