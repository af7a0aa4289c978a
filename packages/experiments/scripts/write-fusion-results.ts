// Runs the five KuaiRand fusion examples and the GRADE / DeepPRL ablations for several seeds and
// writes the mean ± std of their test metrics into docs/results.md between the fusion markers; the
// rest of the file is kept. The predictor and the request batches are prepared once per setup.
// Each policy is also fitted 1..F days earlier (rolling folds) and scored on each fold's valid day
// and on the day after it, to show how much the ranking of policies moves from day to day and how
// much of a policy's lead on the day it was selected on lasts one more day.
// Usage: pnpm --filter @tradeoff/experiments exec tsx scripts/write-fusion-results.ts [--seeds=0,1,2,3,4]
//   [--ablation-seeds=0,1,2] [--earlier-folds=3] [--only=static,cem,ppo,grade,deepprl,grade-gaussian,...]
import { join } from 'node:path';
import { loadSpecFile, MemoryRunSink, type Spec } from '../src/index';
import { fitAndScore, type PreparedFusion } from '../src/trainers/fusion/train';
import { firstPreparedFusion, preparedFusion } from './prepared-fusions';
import { countArg, fixed, machineDescription, mean, repoRoot, seedSpread, seedsArg, std, writeSection } from './results-file';
import { foldScores, nextDayFoldSets, splitDays } from './rolling-folds';

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


const signed = (v: number, digits = 4) => `${v >= 0 ? '+' : ''}${v.toFixed(digits)}`;

interface Summary {
  mean: Record<string, number>;
  std: Record<string, number>;
  seconds: number;
}

const args = process.argv.slice(2);
const seeds = seedsArg(args, 'seeds', [0, 1, 2, 3, 4]);
const ablationSeeds = seedsArg(args, 'ablation-seeds', seeds);
const earlierFolds = countArg(args, 'earlier-folds', 3, 0);
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;

const exampleFile = (row: Row) => join(repoRoot, 'examples', `kuairand-${row.example}.json`);
/** The first policy's spec as is: the valid and test days every row shares. */
const mainSpec = await loadSpecFile(exampleFile(POLICIES[0]!));

async function run(row: Row, seeds: number[]): Promise<Summary> {
  const outcomes: { final: Record<string, number>; seconds: number }[] = [];
  for (const seed of seeds) {
    const spec = await loadSpecFile(exampleFile(row), [`seed=${seed}`, ...row.sets]);
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

interface Score {
  mean: number;
  /** Over the seeds; absent for a mean over days. */
  std?: number;
}

interface EarlierDay {
  /** The fold's valid day, and the day after it (its test split here, never the spec's test day). */
  day: string;
  nextDay: string;
  valid: Score;
  next: Score;
  predictor: Record<string, number>;
}

/** The row's composite on the valid day of rolling fold `shift` (`shift` days before the spec's) and on the day after, mean and std over the seeds. */
async function earlierDay(row: Row, seeds: number[], shift: number): Promise<EarlierDay> {
  const scores: { valid: number; test: number }[] = [];
  let spec: Spec | undefined;
  let data: PreparedFusion | undefined;
  const fold = nextDayFoldSets(await loadSpecFile(exampleFile(row)), shift);
  for (const seed of seeds) {
    spec = await loadSpecFile(exampleFile(row), [...fold, `seed=${seed}`, ...row.sets]);
    data = await preparedFusion(spec);
    const { composite } = await foldScores(spec, data, ['valid', 'test']);
    scores.push(composite);
    process.stderr.write(`${row.id} seed ${seed}: composite ${fixed(composite.valid)} on the fold-${shift} valid day, ${fixed(composite.test)} on the day after\n`);
  }
  const spread = (values: number[]): Score => ({ mean: mean(values), std: std(values) });
  return {
    day: splitDays(spec!, 'valid'),
    nextDay: splitDays(spec!, 'test'),
    valid: spread(scores.map((s) => s.valid)),
    next: spread(scores.map((s) => s.test)),
    predictor: data!.predictorMetrics,
  };
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

/** Each ablation against its full method (the row of its example), on the composite and the hypervolume. */
function ablationEffects(summaries: Map<string, Summary>): string[] {
  return ABLATIONS.flatMap((row) => {
    const [ablated, full] = [summaries.get(row.id), summaries.get(row.example)];
    if (!ablated || !full) return [];
    const fullTitle = POLICIES.find((p) => p.id === row.example)!.title;
    const delta = (key: string) => ablated.mean[key]! - full.mean[key]!;
    const composite = delta('test/composite');
    const noise = Math.max(ablated.std['test/composite']!, full.std['test/composite']!);
    const verdict = Math.abs(composite) <= noise ? 'within the seed spread' : composite > 0 ? 'the ablation scores higher' : 'the ablation scores lower';
    return [`- ${row.title} vs ${fullTitle}: \`test/composite\` ${signed(composite)} (seed std up to ${noise.toFixed(4)}: ${verdict}), \`test/hypervolume\` ${signed(delta('test/hypervolume'))}`];
  });
}

/**
 * Two tables: each policy's composite on the day it was selected on (the earlier folds' valid days,
 * oldest first, then the spec's) with their mean, and on the day after (the earlier folds' next
 * days, their mean, and the spec's test day); then the best policy per column and the predictor's
 * within-request AUC on each day.
 */
function dayToDay(summaries: Map<string, Summary>, main: PreparedFusion | undefined): string[] {
  const folds = [...earlier.values()][0];
  if (!folds?.length) return [];
  const [validDay, testDay] = [splitDays(mainSpec, 'valid'), splitDays(mainSpec, 'test')];
  const specScore = (id: string, split: 'valid' | 'test'): Score | undefined => {
    const s = summaries.get(id);
    return s && { mean: s.mean[`${split}/composite`]!, std: s.std[`${split}/composite`]! };
  };
  const validDays: DayColumn[] = [
    ...folds.map((f, i) => ({ title: `valid ${f.day}`, score: (id: string) => earlier.get(id)?.[i]?.valid })),
    { title: `valid ${validDay}`, score: (id) => specScore(id, 'valid') },
  ];
  const nextDays: DayColumn[] = folds.map((f, i) => ({ title: `${f.nextDay} (selected on ${f.day})`, score: (id: string) => earlier.get(id)?.[i]?.next }));
  const selected = [...validDays, meanColumn('mean of the valid days', validDays)];
  const after = [...nextDays, meanColumn('mean of these days', nextDays), { title: `test ${testDay} (selected on ${validDay})`, score: (id: string) => specScore(id, 'test') }];
  const gauc = (metrics: Record<string, number>, split: string) => OBJECTIVES.map((o) => fixed(metrics[`predictor/${split}/gauc/${o}`])).join(' / ');
  const gaucs = [...folds.map((f) => `${f.day} ${gauc(f.predictor, 'valid')}`), ...(main ? [`${validDay} ${gauc(main.predictorMetrics, 'valid')}`, `${testDay} ${gauc(main.predictorMetrics, 'test')}`] : [])];
  const measured = POLICIES.filter((row) => earlier.has(row.id) && summaries.has(row.id));
  return [
    'On the day each policy was selected on:',
    '',
    ...dayTable(measured, selected),
    '',
    'On the day after, which its selection never saw:',
    '',
    ...dayTable(measured, after),
    '',
    `Predictor GAUC (AUC within a user's impressions; click / long_view / like), each valid day with its fold's predictor, the test day with the spec's: ${gaucs.join('; ')}.`,
  ];
}

interface DayColumn {
  title: string;
  score: (id: string) => Score | undefined;
}

/** The mean of other columns (no std: the days differ by more than the seeds). */
function meanColumn(title: string, days: readonly DayColumn[]): DayColumn {
  return {
    title,
    score: (id) => {
      const values = days.map((d) => d.score(id)?.mean);
      return values.some((v) => v === undefined) ? undefined : { mean: mean(values as number[]) };
    },
  };
}

/** One row per policy, one cell per column, then the best policy of each column. */
function dayTable(rows: Row[], columns: DayColumn[]): string[] {
  const cell = (score: Score | undefined) => (score?.std === undefined ? fixed(score?.mean) : `${fixed(score.mean)} ± ${fixed(score.std)}`);
  const header = ['policy', ...columns.map((c) => c.title)];
  const best = columns.map((c) => `${c.title}: ${rows.filter((r) => c.score(r.id)).sort((a, b) => c.score(b.id)!.mean - c.score(a.id)!.mean)[0]?.title}`);
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${[row.title, ...columns.map((c) => cell(c.score(row.id)))].join(' | ')} |`),
    '',
    `Best policy: ${best.join('; ')}.`,
  ];
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
    ...ablationEffects(summaries),
    '',
    '### Day to day',
    '',
    `The same pipeline 1..${earlierFolds} days earlier (rolling fold s: train range and valid day s days earlier, so fold 1's predictor is trained to 04-29, its policies learn on 04-30..05-01 and select on 05-02) is scored on each fold's valid day and on the day after it, next to the spec's valid and test days; mean ± std over the same seeds. Each fold keeps two policy days, so its predictor has s days less data. A policy's score on the day it was selected on is flattered by its selection (the harder it selects, the more); the day after is an honest forecast of its next day, as the test day is.`,
    '',
    ...dayToDay(summaries, main),
    '',
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');

  writeSection('fusion', generated);
}

const summaries = new Map<string, Summary>();
/** Per policy, its scores on folds earlierFolds..1, oldest valid day first. */
const earlier = new Map<string, EarlierDay[]>();
for (const row of [...POLICIES, ...ABLATIONS]) {
  if (only && !only.has(row.id)) continue;
  summaries.set(row.id, await run(row, ABLATIONS.includes(row) ? ablationSeeds : seeds));
  await write();
}
for (const row of POLICIES) {
  if ((only && !only.has(row.id)) || earlierFolds === 0) continue;
  const folds: EarlierDay[] = [];
  for (let shift = earlierFolds; shift >= 1; shift--) folds.push(await earlierDay(row, seeds, shift));
  earlier.set(row.id, folds);
  await write();
}
