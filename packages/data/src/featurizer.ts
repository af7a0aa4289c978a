import type { FeatureColumn, MultiTaskTable } from './table';

export type FeatureState =
  | { name: string; kind: 'numeric'; transform?: 'log1p'; mean: number; std: number }
  | { name: string; kind: 'categorical'; vocab: string[] };

/**
 * What a model needs to turn raw rows into its input vector, fitted on the training rows only and
 * saved as JSON beside the model: numeric columns standardised with the training mean/std,
 * categorical columns one-hot over the training vocabulary (unseen values give all zeros).
 */
export interface FeaturizerState {
  version: 1;
  tasks: string[];
  features: FeatureState[];
  /** Width of the feature vector. */
  dim: number;
}

/** Dense row-major features and labels ready for a model. */
export interface FeatureMatrix {
  rows: number;
  dim: number;
  /** rows x dim. */
  x: Float32Array;
  /** rows x tasks, 0/1. */
  y: Float32Array;
  tasks: string[];
}

export function fitFeaturizer(train: MultiTaskTable): FeaturizerState {
  if (train.rows === 0) throw new Error('fitFeaturizer: no training rows');
  const features = train.features.map((column, j): FeatureState => {
    const values = train.columns[j]!;
    if (column.kind === 'categorical') return { name: column.name, kind: 'categorical', vocab: [...new Set(values as string[])].sort() };
    let sum = 0;
    let sumSquares = 0;
    for (const raw of values as Float64Array) {
      const v = applyTransform(column, raw);
      sum += v;
      sumSquares += v * v;
    }
    const mean = sum / train.rows;
    const std = Math.sqrt(Math.max(0, sumSquares / train.rows - mean * mean));
    const base = { name: column.name, kind: 'numeric' as const, mean, std: std > 1e-12 ? std : 1 };
    return column.transform ? { ...base, transform: column.transform } : base;
  });
  const dim = features.reduce((n, f) => n + (f.kind === 'numeric' ? 1 : f.vocab.length), 0);
  return { version: 1, tasks: [...train.tasks], features, dim };
}

export function transformTable(state: FeaturizerState, table: MultiTaskTable): FeatureMatrix {
  const expected = state.features.map((f) => `${f.name}:${f.kind}`).join(',');
  const actual = table.features.map((f) => `${f.name}:${f.kind}`).join(',');
  if (expected !== actual) throw new Error(`${table.source}: its columns do not match the featurizer's (${actual} vs ${expected})`);
  if (table.tasks.join(',') !== state.tasks.join(',')) {
    throw new Error(`${table.source}: tasks ${table.tasks.join(',')} do not match the model's ${state.tasks.join(',')}`);
  }
  const { rows } = table;
  const { dim } = state;
  const x = new Float32Array(rows * dim);
  let offset = 0;
  state.features.forEach((feature, j) => {
    const values = table.columns[j]!;
    if (feature.kind === 'numeric') {
      const column = values as Float64Array;
      for (let i = 0; i < rows; i++) x[i * dim + offset] = (applyTransform(feature, column[i]!) - feature.mean) / feature.std;
      offset += 1;
      return;
    }
    const index = new Map(feature.vocab.map((v, k) => [v, k]));
    const column = values as string[];
    for (let i = 0; i < rows; i++) {
      const k = index.get(column[i]!);
      if (k !== undefined) x[i * dim + offset + k] = 1;
    }
    offset += feature.vocab.length;
  });
  const tasks = state.tasks.length;
  const y = new Float32Array(rows * tasks);
  table.labels.forEach((labels, k) => {
    for (let i = 0; i < rows; i++) y[i * tasks + k] = labels[i]!;
  });
  return { rows, dim, x, y, tasks: [...state.tasks] };
}

function applyTransform(column: Pick<FeatureColumn, 'transform'>, value: number): number {
  return column.transform === 'log1p' ? Math.sign(value) * Math.log1p(Math.abs(value)) : value;
}
