// Runs the eight multi-task examples (Census-Income and KuaiRand, four models each) for a few
// seeds and writes the mean (and spread) of their metrics into docs/results.md between the
// results markers; the rest of the file is kept.
// Usage: pnpm --filter @tradeoff/experiments results [census|kuairand ...] [--seeds=0,1,2]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { activeBackend } from '@tradeoff/core';
import { loadSpecFile, MemoryRunSink, runExperiment } from '../src/index';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const resultsFile = join(root, 'docs', 'results.md');
const START = '<!-- multitask-results:start -->';
const END = '<!-- multitask-results:end -->';
const MODELS = [
  ['shared-bottom', 'Shared-Bottom'],
  ['mmoe', 'MMoE'],
  ['ple', 'PLE'],
  ['mohn', 'MoHN'],
] as const;
const DATASETS = {
  census: { title: 'Census-Income', metrics: ['test/auc/income', 'test/auc/never_married'], meanOf: [] as string[] },
  kuairand: {
    title: 'KuaiRand-Pure',
    metrics: ['test/auc/click', 'test/auc/long_view', 'test/auc/like', 'test/gauc/click'],
    meanOf: ['test/auc/click', 'test/auc/long_view', 'test/auc/like'],
  },
} as const;
type DatasetName = keyof typeof DATASETS;
/** "At least matches": not lower by more than this AUC (well below the spread between seeds). */
const MATCH_TOLERANCE = 0.001;

interface Outcome {
  final: Record<string, number>;
  seconds: number;
  throughput: string;
  parameters: string;
}

/** One example over several seeds: the mean and population std of each final metric. */
interface Summary {
  mean: Record<string, number>;
  std: Record<string, number>;
  seconds: number;
  throughput: string;
  parameters: string;
}

async function runExample(file: string, seed: number): Promise<Outcome> {
  const spec = await loadSpecFile(join(root, 'examples', file), [`seed=${seed}`]);
  const sink = new MemoryRunSink();
  const started = performance.now();
  const result = await runExperiment(spec, sink);
  const seconds = (performance.now() - started) / 1000;
  const message = (pattern: RegExp) => sink.logs.map((l) => l.message.match(pattern)?.[1]).find(Boolean) ?? '?';
  return { final: result.final, seconds, throughput: message(/: (\d+) samples\/s/), parameters: message(/: (\d+) parameters/) };
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const std = (values: number[]) => Math.sqrt(mean(values.map((v) => (v - mean(values)) ** 2)));
const fixed = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(4));

/** Key of the derived per-run mean AUC over a data set's `meanOf` metrics. */
const MEAN_AUC = 'mean AUC';

function summarise(name: DatasetName, outcomes: Outcome[]): Summary {
  const { meanOf } = DATASETS[name];
  if (meanOf.length) for (const o of outcomes) o.final[MEAN_AUC] = mean(meanOf.map((m) => o.final[m] ?? Number.NaN));
  const keys = Object.keys(outcomes[0]!.final);
  const values = (key: string) => outcomes.map((o) => o.final[key] ?? Number.NaN);
  return {
    mean: Object.fromEntries(keys.map((k) => [k, mean(values(k))])),
    std: Object.fromEntries(keys.map((k) => [k, std(values(k))])),
    seconds: mean(outcomes.map((o) => o.seconds)),
    throughput: outcomes.map((o) => o.throughput).join(' / '),
    parameters: outcomes[0]!.parameters,
  };
}

function table(name: DatasetName, summaries: Map<string, Summary>, seeds: number[]): string[] {
  const { metrics, meanOf } = DATASETS[name];
  const spread = seeds.length > 1;
  const header = ['model', ...metrics.map((m) => `\`${m}\``), ...(meanOf.length ? ['mean AUC (click, long_view, like)'] : []), 'parameters', 'train samples/s', 'run time'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const [model, title] of MODELS) {
    const summary = summaries.get(model);
    if (!summary) continue;
    const values = metrics.map((m) => `${fixed(summary.mean[m])}${spread ? ` ± ${fixed(summary.std[m])}` : ''}`);
    const meanCell = meanOf.length ? [`${fixed(summary.mean[MEAN_AUC])}${spread ? ` ± ${fixed(summary.std[MEAN_AUC])}` : ''}`] : [];
    lines.push(`| ${title} | ${[...values, ...meanCell, summary.parameters, summary.throughput, `${summary.seconds.toFixed(0)} s`].join(' | ')} |`);
  }
  return lines;
}

/** The issue's bars, checked on the seed means just measured. */
function bars(name: DatasetName, summaries: Map<string, Summary>): string[] {
  const got = (model: string, metric: string) => summaries.get(model)?.mean[metric];
  const baseline = 'shared-bottom';
  if (name === 'census') {
    const lines = MODELS.map(([model, title]) => {
      const income = got(model, 'test/auc/income');
      const married = got(model, 'test/auc/never_married');
      const met = income !== undefined && married !== undefined && income >= 0.93 && married >= 0.985;
      return `- ${title}: income AUC >= 0.93 and never_married AUC >= 0.985: **${met ? 'met' : 'not met'}**`;
    });
    for (const model of ['mmoe', 'ple']) {
      const deltas = DATASETS.census.metrics.map((m) => (got(model, m) ?? Number.NaN) - (got(baseline, m) ?? Number.NaN));
      const met = deltas.every((d) => d >= -MATCH_TOLERANCE);
      const shown = deltas.map((d) => `${d >= 0 ? '+' : ''}${d.toFixed(5)}`).join(', ');
      lines.push(`- ${model === 'mmoe' ? 'MMoE' : 'PLE'} at least matches Shared-Bottom on both tasks (no lower by more than ${MATCH_TOLERANCE}): **${met ? 'met' : 'not met'}** (differences ${shown})`);
    }
    return lines;
  }
  const lines = MODELS.filter(([model]) => model !== baseline).map(([model, title]) => {
    const delta = (got(model, MEAN_AUC) ?? Number.NaN) - (got(baseline, MEAN_AUC) ?? Number.NaN);
    return `- ${title} beats Shared-Bottom on mean AUC over click/long_view/like: **${delta > 0 ? 'met' : 'not met'}** (${delta >= 0 ? '+' : ''}${delta.toFixed(4)})`;
  });
  const spread = Math.max(...MODELS.map(([model]) => summaries.get(model)?.std[MEAN_AUC] ?? 0));
  if (spread > 0) lines.push(`- Differences below the seed-to-seed spread of the mean AUC (std up to ${spread.toFixed(4)}) are within noise.`);
  return lines;
}

const args = process.argv.slice(2);
const seedsArg = args.find((a) => a.startsWith('--seeds='));
const seeds = seedsArg ? seedsArg.slice('--seeds='.length).split(',').map(Number) : [0, 1, 2];
if (!seeds.every((s) => Number.isInteger(s) && s >= 0)) throw new Error(`--seeds: expected comma-separated non-negative integers, got ${seedsArg}`);
const names = args.filter((a) => !a.startsWith('--'));
const chosen = (names.length ? names : Object.keys(DATASETS)) as DatasetName[];
for (const name of chosen) if (!(name in DATASETS)) throw new Error(`unknown data set ${name} (known: ${Object.keys(DATASETS).join(', ')})`);

const sections: string[] = [];
for (const name of Object.keys(DATASETS) as DatasetName[]) {
  if (!chosen.includes(name)) continue;
  const summaries = new Map<string, Summary>();
  for (const [model] of MODELS) {
    const file = `${name}-${model}.json`;
    const outcomes: Outcome[] = [];
    for (const seed of seeds) {
      process.stderr.write(`running examples/${file} with seed ${seed}...\n`);
      const outcome = await runExample(file, seed);
      process.stderr.write(`  ${JSON.stringify(Object.fromEntries(DATASETS[name].metrics.map((m) => [m, outcome.final[m]])))} in ${outcome.seconds.toFixed(0)} s\n`);
      outcomes.push(outcome);
    }
    summaries.set(model, summarise(name, outcomes));
  }
  const runs = seeds.length > 1 ? `mean ± std over seeds ${seeds.join(', ')}` : `seed ${seeds[0]}`;
  sections.push(`### ${DATASETS[name].title}`, '', `Specs: \`examples/${name}-<model>.json\`; ${runs}.`, '', ...table(name, summaries, seeds), '', ...bars(name, summaries), '');
}

const machine = `${cpus().length} x ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, tfjs backend ${activeBackend()}`;
const generated = [
  START,
  `## Multi-task predictors`,
  '',
  `Generated by \`packages/experiments/scripts/write-results.ts\` on ${new Date().toISOString().slice(0, 10)} (${machine}). Train samples/s lists each seed's run; run time is the mean per run (data loading and evaluation included).`,
  '',
  ...sections,
  END,
].join('\n');

const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Results\n';
const [before, rest] = previous.includes(START) ? [previous.slice(0, previous.indexOf(START)), previous.slice(previous.indexOf(END) + END.length)] : [`${previous.trimEnd()}\n\n`, '\n'];
// Sections of data sets not run this time are kept from the previous file.
const kept = previous.includes(START) ? keptSections(previous.slice(previous.indexOf(START), previous.indexOf(END)), chosen) : [];
writeFileSync(resultsFile, `${before}${kept.length ? generated.replace(END, `${kept.join('\n')}\n${END}`) : generated}${rest}`);
process.stderr.write(`wrote ${resultsFile}\n`);

function keptSections(block: string, ran: DatasetName[]): string[] {
  return (Object.keys(DATASETS) as DatasetName[])
    .filter((name) => !ran.includes(name))
    .map((name) => block.match(new RegExp(`### ${DATASETS[name].title}\\n[\\s\\S]*?(?=\\n### |$)`))?.[0].trimEnd())
    .filter((s): s is string => Boolean(s));
}
