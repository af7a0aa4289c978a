import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { experimentsEnv } from './env';
import { MemoryRunSink } from './memory-sink';
import { parseSpec } from './parse-spec';
import { evaluateModel, runExperiment } from './run-experiment';
import type { SpecInput } from './spec';

const log = 'kuairand-pure/log_standard_2022-04-25_to_2022-05-04_pure.csv.gz';
const hasKuaiRand = existsSync(join(experimentsEnv().dataRoot, log));

describe.skipIf(!hasKuaiRand)('runExperiment on KuaiRand-Pure', () => {
  const spec = parseSpec({
    name: 'kuairand short',
    task: 'multitask',
    algorithm: 'ple',
    dataset: {
      kind: 'kuairand',
      train: { path: `data:${log}`, dates: ['20220425', '20220427'] },
      test: { path: `data:${log}`, dates: ['20220503', '20220503'] },
      tables: { users: 'data:kuairand-pure/user_features_pure.csv.gz', videos: 'data:kuairand-pure/video_features_basic_pure.csv.gz' },
    },
    objectives: ['click', 'long_view', 'like', 'play_time'],
    hyper: { epochs: 2, learningRate: 0.003, expertUnits: 16, levels: 1, minCount: 2 },
    seed: 0,
  } satisfies SpecInput);

  it('trains on earlier days, reports AUC, GAUC, logloss and MSE on a later one, and the saved model re-scores any log file', async () => {
    const sink = new MemoryRunSink();
    const result = await runExperiment(spec, sink);
    expect(result.final['test/auc/click']).toBeGreaterThan(0.65);
    expect(result.final['test/auc/long_view']).toBeGreaterThan(0.65);
    expect(result.final['test/gauc/click']).toBeGreaterThan(0.55);
    expect(result.final['test/logloss/like']).toBeLessThan(0.1);
    // Ranking within requests of two or more impressions: better than the worst, short of perfect.
    expect(result.final['test/ndcg@10/click']).toBeGreaterThan(0.5);
    expect(result.final['test/ndcg@10/click']).toBeLessThan(1);
    // Squared error of log1p(play_time_ms), far below the target's variance (about 9 here).
    expect(result.final['test/mse/play_time']).toBeLessThan(5);
    expect(sink.logs.find((l) => l.message.startsWith('test: '))!.message).toMatch(/dated 20220503\.\.20220503/);

    // --set dataset.test=PATH: a file holding just that day's rows gives the same metrics.
    const lines = gunzipSync(readFileSync(join(experimentsEnv().dataRoot, log))).toString('utf8').split('\n');
    const day = [lines[0], ...lines.filter((l) => l.split(',')[2] === '20220503')].join('\n');
    const path = join(mkdtempSync(join(tmpdir(), 'tradeoff-kuairand-')), 'may3.csv.gz');
    writeFileSync(path, gzipSync(`${day}\n`));
    const again = await evaluateModel(parseSpec({ ...spec, dataset: { ...spec.dataset, test: path } }), result.model.files);
    for (const [key, value] of Object.entries(result.final).filter(([k]) => k.startsWith('test/'))) expect(again[key], key).toBeCloseTo(value, 10);
  }, 180_000);
});
