import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentsEnv } from './env';
import { MemoryRunSink } from './memory-sink';
import { parseSpec } from './parse-spec';
import { algorithms, getAlgorithm } from './registry';
import { runExperiment } from './run-experiment';
import type { SpecInput } from './spec';

const log = 'kuairand-pure/log_standard_2022-04-25_to_2022-05-04_pure.csv.gz';
const hasKuaiRand = existsSync(join(experimentsEnv().dataRoot, log));

describe('fusion algorithms', () => {
  it('each has an example spec that parses, with its policy settings under hyper.policy', () => {
    const fusion = algorithms.filter((a) => a.task === 'fusion');
    expect(fusion.map((a) => a.name)).toEqual(['static-grid', 'cem', 'scalarized-ppo', 'grade', 'deepprl']);
    for (const algorithm of fusion) expect(parseSpec(algorithm.exampleSpec).hyper.policy).toBeTypeOf('object');
    expect(() => parseSpec({ ...getAlgorithm('cem')!.exampleSpec, objectives: ['click', 'play_time'] })).toThrow("spec: objectives[1]: fusion ranks by binary signals");
  });
});

describe.skipIf(!hasKuaiRand)('fusion runs on a KuaiRand-Pure slice', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'tradeoff-predictors-'));
  const spec = (algorithm: string, policy: Record<string, unknown>) =>
    parseSpec({
      name: `fusion ${algorithm}`,
      task: 'fusion',
      algorithm,
      dataset: {
        kind: 'kuairand',
        // The predictor learns from 04-29..05-01, the policy from 05-02 (policyDays 1).
        train: { path: `data:${log}`, dates: ['20220429', '20220502'] },
        valid: { path: `data:${log}`, dates: ['20220503', '20220503'] },
        test: { path: `data:${log}`, dates: ['20220504', '20220504'] },
      },
      objectives: ['click', 'long_view', 'like'],
      hyper: {
        predictor: { algorithm: 'mmoe', hyper: { epochs: 2, learningRate: 0.003, experts: 2, expertUnits: 8, minCount: 2 }, cacheDir },
        policyDays: 1,
        preference: { click: 0.5, long_view: 0.5 },
        frontDivisions: 4,
        simulator: { repeats: 2 },
        policy,
      },
      seed: 0,
    } satisfies SpecInput);

  it('reports re-ranking, weight spread, front and simulator metrics, saves the front, and reuses the cached predictor', async () => {
    const sink = new MemoryRunSink();
    const { final } = await runExperiment(spec('static-grid', { divisions: 4 }), sink);
    for (const name of ['click', 'long_view', 'like']) {
      expect(final[`test/ndcg@10/${name}`]).toBeGreaterThan(0.5);
      expect(final[`test/weight_std/${name}`]).toBeCloseTo(0, 6);
    }
    // Only click and long view count in the composite.
    expect(final['test/composite']).toBeCloseTo((final['test/ndcg@10/click']! + final['test/ndcg@10/long_view']!) / 2, 10);
    expect(final['test/hypervolume']).toBeGreaterThan(0);
    expect(final['test/watch_time_per_request']).toBeGreaterThan(0);
    expect(final['test/clicks_per_session']).toBeGreaterThan(0);
    expect(final['predictor/test/auc/click']).toBeGreaterThan(0.62);
    const front = sink.artifacts.find((a) => a.kind === 'front')!;
    const artifact = JSON.parse(new TextDecoder().decode(front.files['front.json']));
    // 15 preferences on the 3-objective grid of step 1/4.
    expect(artifact.points).toHaveLength(15);
    expect(artifact.summary.hypervolume).toBeCloseTo(final['test/hypervolume']!, 10);
    expect(readdirSync(cacheDir)).toHaveLength(1);

    // A linear CEM on the cached predictor: the elite's composite on train rises over its iterations.
    const cem = new MemoryRunSink();
    await runExperiment(spec('cem', { iterations: 6, population: 16, requestsPerIteration: 0 }), cem);
    expect(cem.logs.some((l) => l.message.includes('reusing'))).toBe(true);
    const elite = cem.series('train/composite').map((p) => p.value);
    expect(elite).toHaveLength(6);
    expect(elite.at(-1)!).toBeGreaterThan(elite[0]!);
  });
});
