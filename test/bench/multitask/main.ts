// `npm run bench -- multitask [--cpu-train]`: train and inference throughput of the section-6 MMoE
// on each TensorFlow.js backend that loads, against the same model in PyTorch when installed.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MMOE_BENCH } from './config';
import { isEngineSetup, RESULT_PREFIX, type Scenario, type ScenarioResult, scenarios } from './scenarios';

const PYTHON = '/usr/bin/python3'; // Debian's torch imports from the system python, not pyenv's
const REFERENCE_RUNS = { warmupSteps: 3, trainSteps: 30, inferenceRuns: 40 };
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

type Outcome = ScenarioResult | { error: string };

function runScenario(scenario: Scenario): Outcome {
  // Same node and loader (tsx) as this process, a fresh process per scenario.
  const script = here('./run-scenario.ts');
  const child = spawnSync(process.execPath, [...process.execArgv, script, JSON.stringify(scenario)], { encoding: 'utf8' });
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (line) return JSON.parse(line.slice(RESULT_PREFIX.length)) as ScenarioResult;
  return { error: firstError(child.stderr) ?? `exit code ${child.status}` };
}

function runReference(): Outcome {
  if (spawnSync(PYTHON, ['-c', 'import torch']).status !== 0) return { error: `${PYTHON} cannot import torch` };
  const settings = JSON.stringify({ ...MMOE_BENCH, ...REFERENCE_RUNS });
  const child = spawnSync(PYTHON, [here('../reference/multitask.py'), settings], { encoding: 'utf8' });
  if (child.status !== 0) return { error: firstError(child.stderr) ?? `exit code ${child.status}` };
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ScenarioResult;
}

function firstError(stderr: string): string | undefined {
  return stderr.split('\n').find((l) => /Error|error:/.test(l))?.trim();
}

const perSecond = (ms: number) => Math.round((MMOE_BENCH.batch / ms) * 1000).toLocaleString('en-US');

function row(label: string, outcome: Outcome): string[] {
  if ('error' in outcome) return [label, `unavailable: ${outcome.error.slice(0, 120)}`];
  const { train } = outcome;
  return [
    outcome.label,
    outcome.parameters.toLocaleString('en-US'),
    train ? `${perSecond(train.stepMs)} (best ${perSecond(train.stepMinMs)}, ${train.steps} steps)` : 'not run (--cpu-train)',
    perSecond(outcome.inferenceMs),
    outcome.latencyMs.toFixed(2),
    train ? `${train.firstLoss.toFixed(3)} -> ${train.lastLoss.toFixed(3)}` : '',
  ];
}

function printTable(header: string[], rows: string[][]): void {
  const full = rows.filter((r) => r.length === header.length);
  const widths = header.map((h, i) => Math.max(h.length, ...full.map((r) => r[i]!.length)));
  const format = (r: string[]) => (r.length === header.length ? r.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ') : r.join(' | '));
  console.log(['', format(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(format)].join('\n'));
}

const loadBefore = loadavg()[0]!;
console.log(`MMoE bench: ${JSON.stringify(MMOE_BENCH)}`);
const outcomes: [string, Outcome][] = [];
const measured = scenarios(process.argv.includes('--cpu-train'));
for (const scenario of measured) {
  console.log(`running ${scenario.label}...`);
  outcomes.push([scenario.label, runScenario(scenario)]);
}
console.log('running the PyTorch reference...');
const reference = runReference();
outcomes.push(['PyTorch reference', reference]);

printTable(
  ['backend', 'params', 'train samples/s (median)', 'infer samples/s (b1024)', 'batch-1 latency ms', 'loss first -> last'],
  outcomes.map(([label, outcome]) => row(label, outcome)),
);
console.log('* stock wasm kernels plus UnsortedSegmentSum, without which embedding gradients fail on wasm');

const trainOf = (label: string) => {
  const outcome = outcomes.find(([l]) => l === label)?.[1];
  return outcome && !('error' in outcome) ? outcome.train : null;
};
const ratio = (label: string) => {
  const train = trainOf(label);
  if ('error' in reference) return `unavailable (${reference.error})`;
  if (!train || !reference.train) return `unavailable (${label} did not train)`;
  return `${(reference.train.stepMs / train.stepMs).toFixed(2)} (${label} over PyTorch, train samples/s)`;
};
/** The engine setup (Tradeoff's kernels) that trained fastest, among those with at most `threads` threads. */
const fastest = (threads: number) =>
  measured
    .filter((s) => isEngineSetup(s) && Math.max(s.threads ?? 1, s.nativeThreads ?? 1) <= threads && trainOf(s.label))
    .sort((a, b) => trainOf(a.label)!.stepMs - trainOf(b.label)!.stepMs)[0]?.label ?? 'no engine setup';
console.log(`\ntrain ratio to PyTorch: ${ratio(fastest(Number.POSITIVE_INFINITY))}`);
console.log(`train ratio to PyTorch, both on 1 thread: ${ratio(fastest(1))}`);
const load = `${loadBefore.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)}`;
console.log(`Medians of timed runs. 1-min load average ${load} on ${availableParallelism()} cores: other work on the machine skews these.`);
