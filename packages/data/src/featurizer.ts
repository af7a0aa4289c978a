import type { CategoricalColumn, FeatureColumn, MultiTaskTable, Task } from './table';

export interface NumericFeatureState {
  name: string;
  transform?: 'log1p';
  mean: number;
  std: number;
  state?: boolean;
}

/** Embedding rows of a categorical feature: its OOV row, then one per vocabulary entry. */
export interface CategoricalFeatureState {
  name: string;
  vocab: string[];
  state?: boolean;
}

/** A task to predict; regression targets are standardised with the training mean/std. */
export interface TargetState extends Task {
  mean?: number;
  std?: number;
}

/**
 * What a model needs to turn raw rows into its inputs, fitted on the training rows only and saved
 * as JSON beside the model: numeric columns standardised with the training mean/std (missing -> 0,
 * the mean), categorical columns mapped to rows of one shared embedding table, per feature an OOV
 * row (values unseen in training, rarer than minCount, or missing) and one row per vocabulary entry.
 * State features (user, context) come first in both lists.
 */
export interface FeaturizerState {
  version: 2;
  tasks: TargetState[];
  numeric: NumericFeatureState[];
  categorical: CategoricalFeatureState[];
  /** Rows of the shared embedding table: sum over categorical features of vocab.length + 1. */
  vocabSize: number;
  /** How many leading numeric / categorical features describe the state. */
  stateNumeric: number;
  stateCategorical: number;
}

/** Model inputs and labels as flat typed arrays, row-major. */
export interface FeatureMatrix {
  rows: number;
  tasks: TargetState[];
  numericDim: number;
  /** Number of categorical features (columns of `categorical`). */
  fields: number;
  /** rows x numericDim. */
  numeric: Float32Array;
  /** rows x fields: row indices into the shared embedding table. */
  categorical: Int32Array;
  /** rows x tasks: 0/1, or the standardised target; 0 where missing. */
  labels: Float32Array;
  /** rows x tasks: 1 where the label is present, 0 where missing. */
  mask: Float32Array;
  users?: Int32Array;
  requests?: Int32Array;
}

export interface FeaturizerOptions {
  /** Tasks to predict, by name, in this order (default: all tasks of the table). */
  tasks?: readonly string[];
  /** Categories seen fewer times than this in training share the OOV row (default 1). */
  minCount?: number;
}

export function fitFeaturizer(train: MultiTaskTable, options: FeaturizerOptions = {}): FeaturizerState {
  if (train.rows === 0) throw new Error('fitFeaturizer: no training rows');
  const minCount = options.minCount ?? 1;
  const tasks = (options.tasks ?? train.tasks.map((t) => t.name)).map((name): TargetState => {
    const k = taskIndex(train, name);
    const task = train.tasks[k]!;
    if (task.type === 'binary') return { ...task };
    const { mean, std } = moments(train.labels[k]!, (v) => v);
    return { ...task, mean, std };
  });
  const ordered = stateFirst(train.features);
  const numeric = ordered
    .filter(({ feature }) => feature.kind === 'numeric')
    .map(({ feature, j }): NumericFeatureState => {
      const { mean, std } = moments(train.columns[j] as Float64Array, (v) => transformValue(feature, v));
      return { name: feature.name, ...(feature.transform ? { transform: feature.transform } : {}), mean, std, ...stateFlag(feature) };
    });
  const categorical = ordered
    .filter(({ feature }) => feature.kind === 'categorical')
    .map(({ feature, j }): CategoricalFeatureState => {
      const { codes, dictionary } = train.columns[j] as CategoricalColumn;
      const counts = new Uint32Array(dictionary.length);
      for (const code of codes) if (code >= 0) counts[code]!++;
      const vocab = dictionary.filter((_, code) => counts[code]! >= minCount).sort();
      return { name: feature.name, vocab, ...stateFlag(feature) };
    });
  return {
    version: 2,
    tasks,
    numeric,
    categorical,
    vocabSize: categorical.reduce((n, f) => n + f.vocab.length + 1, 0),
    stateNumeric: numeric.filter((f) => f.state).length,
    stateCategorical: categorical.filter((f) => f.state).length,
  };
}

export function transformTable(state: FeaturizerState, table: MultiTaskTable): FeatureMatrix {
  const { rows } = table;
  const column = (name: string, kind: FeatureColumn['kind']) => {
    const j = table.features.findIndex((f) => f.name === name);
    if (j < 0 || table.features[j]!.kind !== kind) {
      throw new Error(`${table.source}: no ${kind} column ${name} (the model was trained with it; columns: ${table.features.map((f) => f.name).join(', ')})`);
    }
    return table.columns[j]!;
  };

  const numericDim = state.numeric.length;
  const numeric = new Float32Array(rows * numericDim);
  state.numeric.forEach((feature, f) => {
    const values = column(feature.name, 'numeric') as Float64Array;
    for (let i = 0; i < rows; i++) {
      const v = transformValue(feature, values[i]!);
      numeric[i * numericDim + f] = Number.isNaN(v) ? 0 : (v - feature.mean) / feature.std;
    }
  });

  const fields = state.categorical.length;
  const categorical = new Int32Array(rows * fields);
  let offset = 0;
  state.categorical.forEach((feature, f) => {
    const { codes, dictionary } = column(feature.name, 'categorical') as CategoricalColumn;
    const index = new Map(feature.vocab.map((v, k) => [v, offset + 1 + k]));
    const lookup = Int32Array.from(dictionary, (value) => index.get(value) ?? offset);
    for (let i = 0; i < rows; i++) {
      const code = codes[i]!;
      categorical[i * fields + f] = code >= 0 ? lookup[code]! : offset;
    }
    offset += feature.vocab.length + 1;
  });

  const taskCount = state.tasks.length;
  const labels = new Float32Array(rows * taskCount);
  const mask = new Float32Array(rows * taskCount);
  state.tasks.forEach((task, t) => {
    const k = taskIndex(table, task.name);
    if (table.tasks[k]!.type !== task.type) throw new Error(`${table.source}: task ${task.name} is ${table.tasks[k]!.type}, the model's is ${task.type}`);
    const values = table.labels[k]!;
    for (let i = 0; i < rows; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      labels[i * taskCount + t] = task.type === 'regression' ? (v - task.mean!) / task.std! : v;
      mask[i * taskCount + t] = 1;
    }
  });
  return {
    rows,
    tasks: state.tasks,
    numericDim,
    fields,
    numeric,
    categorical,
    labels,
    mask,
    ...(table.users ? { users: table.users } : {}),
    ...(table.requests ? { requests: table.requests } : {}),
  };
}

/** Task t's labelled rows: their indices and labels on the original scale (regression undone). */
export function taskLabels(matrix: FeatureMatrix, t: number): { rows: Uint32Array; values: Float32Array } {
  const taskCount = matrix.tasks.length;
  const task = matrix.tasks[t]!;
  const rows: number[] = [];
  for (let i = 0; i < matrix.rows; i++) if (matrix.mask[i * taskCount + t] === 1) rows.push(i);
  const values = Float32Array.from(rows, (i) => {
    const v = matrix.labels[i * taskCount + t]!;
    return task.type === 'regression' ? v * task.std! + task.mean! : v;
  });
  return { rows: Uint32Array.from(rows), values };
}

function taskIndex(table: MultiTaskTable, name: string): number {
  const k = table.tasks.findIndex((t) => t.name === name);
  if (k < 0) throw new Error(`${table.source}: no task ${name} (tasks: ${table.tasks.map((t) => t.name).join(', ')})`);
  return k;
}

/** Feature indices with the state features first, otherwise in table order. */
function stateFirst(features: FeatureColumn[]) {
  const indexed = features.map((feature, j) => ({ feature, j }));
  return [...indexed.filter((x) => x.feature.state), ...indexed.filter((x) => !x.feature.state)];
}

function stateFlag(feature: FeatureColumn): { state?: true } {
  return feature.state ? { state: true } : {};
}

/** Mean and std (1 for a constant column) of the non-missing transformed values. */
function moments(values: ArrayLike<number>, transform: (v: number) => number): { mean: number; std: number } {
  let n = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = transform(values[i]!);
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
    sumSquares += v * v;
  }
  const mean = n > 0 ? sum / n : 0;
  const std = n > 0 ? Math.sqrt(Math.max(0, sumSquares / n - mean * mean)) : 0;
  return { mean, std: std > 1e-12 ? std : 1 };
}

function transformValue(feature: Pick<FeatureColumn, 'transform'>, value: number): number {
  return feature.transform === 'log1p' ? Math.sign(value) * Math.log1p(Math.abs(value)) : value;
}
