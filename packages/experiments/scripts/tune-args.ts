// Command line of the tuning scripts: one example spec, the seeds, and `--try=path=[v1,v2]` axes
// whose every combination is run.
import { seedsArg } from './results-file';

export interface TuneArgs {
  /** The example spec's file name under examples/. */
  file: string;
  seeds: number[];
  /** Each combination of the axes' values as `--set` overrides. */
  combinations: string[][];
}

export function parseTuneArgs(args: string[], usage: string): TuneArgs {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) throw new Error(`usage: ${usage}`);
  const seeds = seedsArg(args, 'seeds', [0]);
  const axes = args
    .filter((a) => a.startsWith('--try='))
    .map((a) => {
      const [path, values] = [a.slice(6, a.indexOf('=', 6)), a.slice(a.indexOf('=', 6) + 1)];
      return (JSON.parse(values) as unknown[]).map((v) => `${path}=${JSON.stringify(v)}`);
    });
  const combinations = axes.reduce<string[][]>((all, axis) => all.flatMap((sets) => axis.map((set) => [...sets, set])), [[]]);
  return { file, seeds, combinations };
}
