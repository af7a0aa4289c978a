// What the results scripts share: docs/results.md with one marked section per script, and the
// small statistics their tables print.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { activeBackend, hasNativeKernels } from '@tradeoff/core';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const resultsFile = join(repoRoot, 'docs', 'results.md');

/** The seeds of a `--name=0,1,2` argument, or `fallback` without one; anything but non-negative integers is refused. */
export function seedsArg(args: readonly string[], name: string, fallback: number[]): number[] {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  const list = arg ? arg.slice(name.length + 3).split(',').map(Number) : fallback;
  if (!list.every((s) => Number.isInteger(s) && s >= 0)) throw new Error(`--${name}: expected comma-separated non-negative integers, got ${arg}`);
  return list;
}

/** The integer of a `--name=N` argument, or `fallback` without one; anything under `min` is refused. */
export function countArg(args: readonly string[], name: string, fallback: number, min: number): number {
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  const count = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(count) || count < min) throw new Error(`--${name}: expected an integer of at least ${min}, got ${arg}`);
  return count;
}

/** Mean of the values; 0 for none (a run that logged no such series). */
export const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
/** Population standard deviation. */
export const std = (values: number[]) => {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
};
export const fixed = (v: number | undefined, digits = 4) => (v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits));

/** Per metric, the mean and std over the seeds' final metrics (keys of the first run). */
export function seedSpread(finals: Record<string, number>[]): { mean: Record<string, number>; std: Record<string, number> } {
  const keys = Object.keys(finals[0] ?? {});
  const values = (key: string) => finals.map((f) => f[key] ?? Number.NaN);
  return {
    mean: Object.fromEntries(keys.map((k) => [k, mean(values(k))])),
    std: Object.fromEntries(keys.map((k) => [k, std(values(k))])),
  };
}

/** The machine a table was measured on, for the line under its heading. */
export function machineDescription(): string {
  const backend = activeBackend();
  const kernels = backend === 'wasm' ? (hasNativeKernels() ? ' with native kernels' : ' (wasm kernels only)') : '';
  return `${cpus().length} x ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, tfjs backend ${backend}${kernels}`;
}

const markers = (name: string) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`] as const;

/** The current text between a section's markers ('' when the section is not there yet). */
export function readSection(name: string): string {
  const [start, end] = markers(name);
  const text = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  return from >= 0 && to > from ? text.slice(from + start.length, to) : '';
}

/**
 * Replaces a section between its markers, or appends it. The file is read right before writing,
 * so sections other scripts rewrote meanwhile are kept.
 */
export function writeSection(name: string, body: string): void {
  const [start, end] = markers(name);
  const text = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Results\n';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const section = `${start}\n${body.trim()}\n${end}`;
  const next = from >= 0 && to > from ? text.slice(0, from) + section + text.slice(to + end.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(resultsFile, next);
  process.stderr.write(`wrote the ${name} section of ${resultsFile}\n`);
}
