import { Rng } from '@tradeoff/core/pure';
import { DictionaryBuilder } from './dictionary';
import type { FeatureColumn, MultiTaskTable } from './table';

export interface SyntheticOptions {
  rows: number;
  seed: number;
}

/** Task names say what they are: these labels are generated, not observed. */
export const SYNTHETIC_TASKS = ['synthetic_a', 'synthetic_b'] as const;
const NUMERIC = 8;
const CATEGORICAL = 3;
const LEVELS = 5;

/**
 * A seeded, clearly synthetic multi-task set with the same shape as the census reader's output:
 * 8 numeric + 3 categorical features and two binary tasks. Both tasks share a latent score and
 * each adds its own signal (one of them an interaction), so a multi-task model has something to
 * share and something to separate. The same (rows, seed) always gives the same table.
 */
export function generateSyntheticMultitask({ rows, seed }: SyntheticOptions): MultiTaskTable {
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`synthetic rows must be a positive integer, got ${rows}`);
  const weights = new Rng(seed, 0);
  const shared = Array.from({ length: NUMERIC }, () => weights.normal());
  const ownA = Array.from({ length: NUMERIC }, () => weights.normal() * 0.8);
  const levelEffects = Array.from({ length: CATEGORICAL }, () => Array.from({ length: LEVELS }, () => weights.normal()));

  const rng = new Rng(seed, 1);
  const numeric = Array.from({ length: NUMERIC }, () => new Float64Array(rows));
  const levels = new DictionaryBuilder();
  const categorical = Array.from({ length: CATEGORICAL }, () => new Int32Array(rows));
  const a = new Float32Array(rows);
  const b = new Float32Array(rows);
  const dot = (w: number[], i: number) => w.reduce((s, wj, j) => s + wj * numeric[j]![i]!, 0);
  for (let i = 0; i < rows; i++) {
    for (const column of numeric) column[i] = rng.normal();
    let levelScore = 0;
    categorical.forEach((column, c) => {
      const level = rng.int(LEVELS);
      column[i] = levels.code(`level_${level}`);
      levelScore += levelEffects[c]![level]!;
    });
    const common = (dot(shared, i) + levelScore) / 2;
    const scoreA = common + dot(ownA, i) / 2 - 1;
    const scoreB = common + 1.5 * numeric[0]![i]! * numeric[1]![i]! + 0.5;
    a[i] = rng.next() < sigmoid(2 * scoreA) ? 1 : 0;
    b[i] = rng.next() < sigmoid(2 * scoreB) ? 1 : 0;
  }

  const features: FeatureColumn[] = [
    ...numeric.map((_, j) => ({ name: `x${j}`, kind: 'numeric' as const })),
    ...categorical.map((_, c) => ({ name: `c${c}`, kind: 'categorical' as const })),
  ];
  return {
    source: 'synthetic',
    synthetic: true,
    features,
    columns: [...numeric, ...categorical.map((codes) => ({ codes, dictionary: levels.dictionary }))],
    tasks: SYNTHETIC_TASKS.map((name) => ({ name, type: 'binary' as const })),
    labels: [a, b],
    rows,
    skipped: 0,
  };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
