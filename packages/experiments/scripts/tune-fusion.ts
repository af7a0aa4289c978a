// Hyperparameter search for a fusion policy with rolling-origin validation: fold 0 is the spec as
// is (select and score on its valid day); fold s moves the end of the train range and the valid
// day s days earlier, so every fold scores on the day right after its train range, with the same
// number of policy days. One day's winner often loses the next (docs/results.md), so a setting is
// ranked by its validation composite averaged over folds and seeds. Test days are never read.
// Usage: pnpm --filter @tradeoff/experiments exec tsx scripts/tune-fusion.ts kuairand-grade.json \
//   --seeds=0,1,2 --folds=2 --try='hyper.policy.klCoef=[0.01,0.1]'
import { join } from 'node:path';
import { evaluateBatch, weightSpread } from '@tradeoff/core';
import { loadSpecFile, MemoryRunSink, type Spec } from '../src/index';
import { fitPolicy, type PreparedFusion, prepareFusion } from '../src/trainers/fusion/train';
import { mean, repoRoot } from './results-file';
import { parseTuneArgs } from './tune-args';

const args = process.argv.slice(2);
const { file, seeds, combinations } = parseTuneArgs(args, 'tune-fusion.ts EXAMPLE.json [--seeds=0,1] [--folds=2] [--try=path=[v1,v2] ...]');
const folds = Number(args.find((a) => a.startsWith('--folds='))?.slice('--folds='.length) ?? 2);
if (!Number.isInteger(folds) || folds < 1) throw new Error('--folds: expected a positive integer');

/** YYYYMMDD moved by `days`. */
function shiftDate(date: string, days: number): string {
  const at = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)) + days));
  return at.toISOString().slice(0, 10).replaceAll('-', '');
}

/** The overrides that move the spec's train end and valid day `shift` days earlier. */
function foldSets(spec: Spec, shift: number): string[] {
  const range = (split: 'train' | 'valid') => {
    const source = spec.dataset[split];
    if (!source || typeof source === 'string' || !source.dates) throw new Error(`${file}: dataset.${split} needs a date range for rolling folds`);
    return source.dates;
  };
  const [trainStart, trainEnd] = range('train');
  const [validStart, validEnd] = range('valid');
  return [
    `dataset.train.dates=${JSON.stringify([trainStart, shiftDate(trainEnd, -shift)])}`,
    `dataset.valid.dates=${JSON.stringify([shiftDate(validStart, -shift), shiftDate(validEnd, -shift)])}`,
  ];
}

const path = join(repoRoot, 'examples', file);
const base = await loadSpecFile(path);
const prepared = new Map<number, Promise<PreparedFusion>>();
const results: { sets: string[]; byFold: number[]; spread: number }[] = [];
for (const sets of combinations) {
  const byFold: number[] = [];
  const spreads: number[] = [];
  for (let shift = 0; shift < folds; shift++) {
    const scores: number[] = [];
    for (const seed of seeds) {
      const spec = await loadSpecFile(path, [...foldSets(base, shift), ...sets, `seed=${seed}`]);
      if (!prepared.has(shift)) prepared.set(shift, prepareFusion(spec, new MemoryRunSink(), {}));
      const data = await prepared.get(shift)!;
      const { policy } = await fitPolicy(spec, data, new MemoryRunSink(), {});
      const valid = data.data.splits.valid.batch;
      const weights = policy.weights(valid);
      scores.push(evaluateBatch(valid, weights).composite);
      spreads.push(Math.max(...weightSpread(valid.users, weights, valid.objectives.length).std));
      process.stderr.write(`${sets.join(' ') || '(spec as is)'} fold ${shift} seed ${seed}: valid composite ${scores.at(-1)!.toFixed(4)}\n`);
    }
    byFold.push(mean(scores));
  }
  results.push({ sets, byFold, spread: mean(spreads) });
}
results.sort((a, b) => mean(b.byFold) - mean(a.byFold));
for (const { sets, byFold, spread } of results) {
  console.log(`${mean(byFold).toFixed(4)}  ${byFold.map((v, s) => `fold ${s} ${v.toFixed(4)}`).join(', ')}, weight std ${spread.toFixed(3)}  ${sets.join(' ') || '(spec as is)'}`);
}
