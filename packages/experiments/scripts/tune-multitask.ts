// Hyperparameter search on the validation split only: runs one example spec for each combination
// of `--set` values and seeds and prints the validation metrics (never the test ones), best first.
// Usage: pnpm --filter @tradeoff/experiments exec tsx scripts/tune-multitask.ts kuairand-mohn.json \
//   --seeds=0,1 --try='hyper.towerUnits=[16,32]' --try='hyper.stateUnits=[8,16]'
import { join } from 'node:path';
import { loadSpecFile, MemoryRunSink, runExperiment } from '../src/index';
import { mean, repoRoot } from './results-file';
import { parseTuneArgs } from './tune-args';

const { file, seeds, combinations } = parseTuneArgs(process.argv.slice(2), 'tune-multitask.ts EXAMPLE.json [--seeds=0,1] [--try=path=[v1,v2] ...]');

const results: { sets: string[]; valid: Record<string, number> }[] = [];
for (const sets of combinations) {
  const perSeed: Record<string, number>[] = [];
  for (const seed of seeds) {
    const spec = await loadSpecFile(join(repoRoot, 'examples', file), [...sets, `seed=${seed}`]);
    const { final } = await runExperiment(spec, new MemoryRunSink());
    const valid = Object.fromEntries(Object.entries(final).filter(([key]) => key.startsWith('valid/auc/')));
    valid['valid/mean-auc'] = mean(Object.values(valid));
    perSeed.push(valid);
    process.stderr.write(`${sets.join(' ')} seed ${seed}: valid mean AUC ${valid['valid/mean-auc']!.toFixed(4)}\n`);
  }
  const keys = Object.keys(perSeed[0]!);
  results.push({ sets, valid: Object.fromEntries(keys.map((k) => [k, mean(perSeed.map((v) => v[k]!))])) });
}
results.sort((a, b) => b.valid['valid/mean-auc']! - a.valid['valid/mean-auc']!);
for (const { sets, valid } of results) {
  console.log(`${valid['valid/mean-auc']!.toFixed(4)}  ${Object.entries(valid).map(([k, v]) => `${k.replace('valid/', '')} ${v.toFixed(4)}`).join(', ')}  ${sets.join(' ') || '(spec as is)'}`);
}
