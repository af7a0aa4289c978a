// Hyperparameter search for a fusion policy with rolling-origin validation (rolling-folds.ts): one
// day's winner often loses the next (docs/results.md), so a setting is ranked by its composite
// averaged over folds and seeds: on each fold's valid day, or with --next-day on the day after it
// (folds 1..N, which the fold's own selection never saw). The spec's test day is never read.
// Usage: pnpm --filter @tradeoff/experiments exec tsx scripts/tune-fusion.ts kuairand-grade.json \
//   --seeds=0,1,2 --folds=2 [--next-day] --try='hyper.policy.klCoef=[0.01,0.1]'
import { join } from 'node:path';
import { loadSpecFile } from '../src/index';
import { preparedFusion } from './prepared-fusions';
import { countArg, mean, repoRoot } from './results-file';
import { foldScores, nextDayFoldSets, rollingFoldSets } from './rolling-folds';
import { parseTuneArgs } from './tune-args';

const args = process.argv.slice(2);
const { file, seeds, combinations } = parseTuneArgs(args, 'tune-fusion.ts EXAMPLE.json [--seeds=0,1] [--folds=2] [--next-day] [--try=path=[v1,v2] ...]');
const folds = countArg(args, 'folds', 2, 1);
const nextDay = args.includes('--next-day');
const shifts = Array.from({ length: folds }, (_, i) => (nextDay ? i + 1 : i));
const split = nextDay ? 'test' : 'valid';
const splitName = nextDay ? 'next-day' : 'valid';

const path = join(repoRoot, 'examples', file);
const base = await loadSpecFile(path);
const results: { sets: string[]; byFold: number[]; weightStd: number }[] = [];
for (const sets of combinations) {
  const byFold: number[] = [];
  const spreads: number[] = [];
  for (const shift of shifts) {
    const scores: number[] = [];
    for (const seed of seeds) {
      const fold = nextDay ? nextDayFoldSets(base, shift) : rollingFoldSets(base, shift);
      const spec = await loadSpecFile(path, [...fold, ...sets, `seed=${seed}`]);
      const score = await foldScores(spec, await preparedFusion(spec), [split]);
      scores.push(score.composite[split]);
      spreads.push(score.weightStd);
      process.stderr.write(`${sets.join(' ') || '(spec as is)'} fold ${shift} seed ${seed}: ${splitName} composite ${score.composite[split].toFixed(4)}\n`);
    }
    byFold.push(mean(scores));
  }
  results.push({ sets, byFold, weightStd: mean(spreads) });
}
results.sort((a, b) => mean(b.byFold) - mean(a.byFold));
for (const { sets, byFold, weightStd } of results) {
  console.log(`${mean(byFold).toFixed(4)}  ${byFold.map((v, i) => `fold ${shifts[i]} ${v.toFixed(4)}`).join(', ')}, weight std ${weightStd.toFixed(3)}  ${sets.join(' ') || '(spec as is)'}`);
}
