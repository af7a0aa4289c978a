// Runs the five KuaiRand fusion examples and the GRADE / DeepPRL ablations for several seeds and
// writes the mean ± std of their test metrics into docs/results.md between the fusion markers; the
// rest of the file is kept. The predictor and the request batches are prepared once per setup.
// Each policy is also fitted one day earlier (rolling fold 1) and scored on that fold's valid day,
// to show how much the ranking of policies moves from day to day.
// Usage: pnpm --filter @tradeoff/experiments exec tsx scripts/write-fusion-results.ts [--seeds=0,1,2,3,4]
//   [--ablation-seeds=0,1,2] [--only=static,cem,ppo,grade,deepprl,grade-gaussian,...]
import { join } from 'node:path';
import { loadSpecFile, MemoryRunSink, type Spec } from '../src/index';
import { fitAndScore, type PreparedFusion } from '../src/trainers/fusion/train';
import { firstPreparedFusion, preparedFusion } from './prepared-fusions';
import { fixed, machineDescription, mean, repoRoot, seedSpread, seedsArg, std, writeSection } from './results-file';
import { rollingFoldSets, validationScore, validDays } from './rolling-folds';

interface Row {
  id: string;
  example: string;
  title: string;
  sets: string[];
}
const POLICIES: Row[] = [
  { id: 'static', example: 'static', title: 'Static-grid', sets: [] },
  { id: 'cem', example: 'cem', title: 'CEM (linear)', sets: [] },
  { id: 'ppo', example: 'ppo', title: 'Scalarized PPO', sets: [] },
  { id: 'grade', example: 'grade', title: 'GRADE', sets: [] },
  { id: 'deepprl', example: 'deepprl', title: 'DeepPRL', sets: [] },
];
const ABLATIONS: Row[] = [
  { id: 'grade-gaussian', example: 'grade', title: 'GRADE, Gaussian instead of Dirichlet', sets: ['hyper.policy.distribution=gaussian'] },
  { id: 'grade-posterior', example: 'grade', title: 'GRADE, posterior-only reward', sets: ['hyper.policy.reward=posterior'] },
  { id: 'grade-no-kl', example: 'grade', title: 'GRADE, no KL term', sets: ['hyper.policy.klCoef=0'] },
  { id: 'deepprl-no-gates', example: 'deepprl', title: 'DeepPRL, no time gates', sets: ['hyper.policy.timeGates=false'] },
  { id: 'deepprl-no-context', example: 'deepprl', title: 'DeepPRL, no context', sets: ['hyper.policy.useContext=false'] },
];
const OBJECTIVES = ['click', 'long_view', 'like'];
const COLUMNS = [
  ['test/composite', '`test/composite`'],
  ...OBJECTIVES.map((o) => [`test/ndcg@10/${o}`, `NDCG@10 ${o}`]),
  ['test/hypervolume', '`test/hypervolume`'],
  ['test/expected_utility', 'expected utility'],
  ['test/watch_time_per_request', '`test/watch_time_per_request` (s)'],
  ['test/clicks_per_session', 'clicks / session'],
] as const;


interface Summary {
  mean: Record<string, number>;
  std: Record<string, number>;
  seconds: number;
}

const args = process.argv.slice(2);
const seeds = seedsArg(args, 'seeds', [0, 1, 2, 3, 4]);
const ablationSeeds = seedsArg(args, 'ablation-seeds', seeds);
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;

async function run(row: Row, seeds: number[]): Promise<Summary> {
  const outcomes: { final: Record<string, number>; seconds: number }[] = [];
  for (const seed of seeds) {
    const spec = await loadSpecFile(join(repoRoot, 'examples', `kuairand-${row.example}.json`), [`seed=${seed}`, ...row.sets]);
    const data = await preparedFusion(spec);
    const started = performance.now();
    const { final } = await fitAndScore(spec, data, new MemoryRunSink(), {});
    const seconds = (performance.now() - started) / 1000;
    process.stderr.write(`${row.id} seed ${seed}: composite ${fixed(final['test/composite'])}, hypervolume ${fixed(final['test/hypervolume'])}, watch ${fixed(final['test/watch_time_per_request'], 2)} s in ${seconds.toFixed(0)} s\n`);
    outcomes.push({ final, seconds });
  }
  return {
    ...seedSpread(outcomes.map((o) => o.final)),
    seconds: mean(outcomes.map((o) => o.seconds)),
  };
}

/** The row's valid composite on the day before the spec's valid day (fold 1), mean and std over the seeds. */
async function earlierDay(row: Row, seeds: number[]): Promise<{ day: string; mean: number; std: number; predictor: Record<string, number> }> {
  const scores: number[] = [];
  let spec: Spec | undefined;
  let data: PreparedFusion | undefined;
  const file = join(repoRoot, 'examples', `kuairand-${row.example}.json`);
  const fold = rollingFoldSets(await loadSpecFile(file), 1);
  for (const seed of seeds) {
    spec = await loadSpecFile(file, [...fold, `seed=${seed}`, ...row.sets]);
    data = await preparedFusion(spec);
    scores.push((await validationScore(spec, data)).composite);
    process.stderr.write(`${row.id} seed ${seed}: composite ${fixed(scores.at(-1))} on the fold-1 valid day\n`);
  }
  return { day: validDays(spec!), mean: mean(scores), std: std(scores), predictor: data!.predictorMetrics };
}

function table(rows: Row[], summaries: Map<string, Summary>): string[] {
  const header = ['policy', ...COLUMNS.map(([, title]) => title), 'weight std across users (click / long_view / like)', 'fit + scoring time'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const s = summaries.get(row.id);
    if (!s) continue;
    const cells = COLUMNS.map(([key]) => `${fixed(s.mean[key], key.includes('watch') ? 2 : 4)} ± ${fixed(s.std[key], key.includes('watch') ? 2 : 4)}`);
    const spread = OBJECTIVES.map((o) => fixed(s.mean[`test/weight_std/${o}`], 3)).join(' / ');
    lines.push(`| ${row.title} | ${[...cells, spread, `${s.seconds.toFixed(0)} s`].join(' | ')} |`);
  }
  return lines;
}

/** The issue's targets, checked on the seed means just measured. */
function targets(summaries: Map<string, Summary>): string[] {
  const got = (id: string, key: string) => summaries.get(id)?.mean[key] ?? Number.NaN;
  const spread = (id: string, key: string) => summaries.get(id)?.std[key] ?? Number.NaN;
  const verdict = (met: boolean) => `**${met ? 'met' : 'not met'}**`;
  const signed = (v: number, digits = 4) => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;
  const lines: string[] = [];
  for (const method of ['grade', 'deepprl']) {
    if (!summaries.has(method)) continue;
    const title = method === 'grade' ? 'GRADE' : 'DeepPRL';
    for (const baseline of ['static', 'cem']) {
      if (!summaries.has(baseline)) continue;
      const delta = got(method, 'test/composite') - got(baseline, 'test/composite');
      const noise = Math.max(spread(method, 'test/composite'), spread(baseline, 'test/composite'));
      lines.push(`- ${title} beats ${baseline === 'static' ? 'static-grid' : 'CEM'} on \`test/composite\`: ${verdict(delta > 0)} (${signed(delta)}; seed std up to ${noise.toFixed(4)}${delta > 0 && delta <= noise ? ', within noise' : ''})`);
    }
    if (summaries.has('static')) {
      const delta = got(method, 'test/hypervolume') - got('static', 'test/hypervolume');
      lines.push(`- ${title}'s \`test/hypervolume\` at least static-grid's: ${verdict(delta >= 0)} (${signed(delta)})`);
    }
    const varies = Math.max(...OBJECTIVES.map((o) => got(method, `test/weight_std/${o}`)));
    lines.push(`- ${title}'s weights vary across users (largest per-objective std of per-user mean weights ${varies.toFixed(3)} > 0.01): ${verdict(varies > 0.01)}`);
  }
  if (summaries.has('deepprl') && summaries.has('static')) {
    const delta = got('deepprl', 'test/watch_time_per_request') - got('static', 'test/watch_time_per_request');
    lines.push(`- DeepPRL beats static-grid on \`test/watch_time_per_request\` in the simulator: ${verdict(delta > 0)} (${signed(delta, 2)} s)`);
  }
  return lines;
}

/** Each policy's composite on the fold-1 valid day, the spec's valid day and its test day, with the predictor's within-request AUC on each. */
function dayToDay(summaries: Map<string, Summary>, main: PreparedFusion | undefined): string[] {
  const first = [...earlier.values()][0];
  if (!first) return [];
  const header = ['policy', `valid ${first.day} (fold 1)`, 'valid 05-03', 'test 05-04'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of POLICIES) {
    const s = summaries.get(row.id);
    const e = earlier.get(row.id);
    if (!s || !e) continue;
    const cell = (m: number, sd: number) => `${fixed(m)} ± ${fixed(sd)}`;
    lines.push(`| ${row.title} | ${cell(e.mean, e.std)} | ${cell(s.mean['valid/composite']!, s.std['valid/composite']!)} | ${cell(s.mean['test/composite']!, s.std['test/composite']!)} |`);
  }
  const gauc = (metrics: Record<string, number>, split: string) => OBJECTIVES.map((o) => fixed(metrics[`predictor/${split}/gauc/${o}`])).join(' / ');
  const best = (score: (id: string) => number | undefined) => POLICIES.filter((r) => score(r.id) !== undefined).sort((a, b) => score(b.id)! - score(a.id)!)[0]?.title;
  const bests = `Best policy per day: ${first.day} ${best((id) => earlier.get(id)?.mean)}, 05-03 ${best((id) => summaries.get(id)?.mean['valid/composite'])}, 05-04 ${best((id) => summaries.get(id)?.mean['test/composite'])}.`;
  return [...lines, '', bests, '', `Predictor GAUC (AUC within a user's impressions; click / long_view / like): ${first.day} ${gauc(first.predictor, 'valid')} (fold 1's predictor, trained on 04-25..04-29); 05-03 and 05-04 ${main ? `${gauc(main.predictorMetrics, 'valid')} and ${gauc(main.predictorMetrics, 'test')}` : 'n/a'}.`];
}

/** Writes the section for the rows measured so far (after every row, so a cut-short run still leaves one). */
async function write(): Promise<void> {
  const main = await firstPreparedFusion();
  const batches = main?.data.splits;
  const predictor = main?.predictorMetrics ?? {};
  const logged = summaries.values().next().value?.mean['test/logged_composite'];

  const machine = machineDescription();
  const generated = [
    '## Personalized fusion on KuaiRand-Pure',
    '',
    `Generated by \`packages/experiments/scripts/write-fusion-results.ts\` on ${new Date().toISOString().slice(0, 10)} (${machine}); mean ± std over seeds ${seeds.join(', ')} of each policy (ablations: seeds ${ablationSeeds.join(', ')}; the predictor is shared: seed 0).`,
    '',
    '- Specs `examples/kuairand-{static,cem,ppo,grade,deepprl}.json`: objectives click, long view, like; composite = 0.4 NDCG@10(click) + 0.4 NDCG@10(long view) + 0.2 NDCG@10(like) of the re-ranked logged candidates; sum fusion.',
    `- Predictor: MoHN trained on 2022-04-25..04-30 (test AUC click ${fixed(predictor['predictor/test/auc/click'])}, long view ${fixed(predictor['predictor/test/auc/long_view'])}, like ${fixed(predictor['predictor/test/auc/like'])}); the policies learn on 05-01..05-02, where its predictions are out of sample, select on 05-03 and are scored on 05-04.`,
    batches ? `- Requests of 2+ impressions (one user, one date, gaps under 30 min): ${batches.train.batch.users.length} train, ${batches.valid.batch.users.length} valid, ${batches.test.batch.users.length} test. Most KuaiRand-Pure requests hold 2-3 logged candidates, so NDCG differences are small; the logged order scores \`test/composite\` ${fixed(logged)}.` : '',
    '- Hypervolume, expected utility: the front of NDCG@10 vectors over the 66 preferences of the step-1/10 simplex grid (reference point 0). Every policy\'s weights are tilted toward the preference (w_k p_k, renormalised).',
    '- Simulator: each test request is a session; the user scrolls the ranked candidates, feedback is drawn from the predictor\'s probabilities, the watch share and the leave probability follow a model fitted on the train requests (clicks lower the leave probability); 5 repeats, seed 0.',
    '',
    '### Policies',
    '',
    ...table(POLICIES, summaries),
    '',
    ...targets(summaries),
    '',
    '### Ablations',
    '',
    ...table(ABLATIONS, summaries),
    '',
    '### Day to day',
    '',
    'The same pipeline one day earlier (fold 1: train range to 05-01, so the predictor is trained to 04-29 and the policies learn on 04-30..05-01) is scored on its valid day, next to the spec\'s valid and test days; mean ± std over the same seeds.',
    '',
    ...dayToDay(summaries, main),
    '',
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');

  writeSection('fusion', generated);
}

const summaries = new Map<string, Summary>();
const earlier = new Map<string, Awaited<ReturnType<typeof earlierDay>>>();
for (const row of [...POLICIES, ...ABLATIONS]) {
  if (only && !only.has(row.id)) continue;
  summaries.set(row.id, await run(row, ABLATIONS.includes(row) ? ablationSeeds : seeds));
  await write();
}
for (const row of POLICIES) {
  if (only && !only.has(row.id)) continue;
  earlier.set(row.id, await earlierDay(row, seeds));
  await write();
}
