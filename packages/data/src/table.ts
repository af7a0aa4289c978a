/** How a raw feature column is read and featurised. */
export interface FeatureColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Applied to a numeric column before standardising (heavy-tailed amounts). */
  transform?: 'log1p';
}

/**
 * A multi-task data set in column-major form: raw feature columns (numbers or category strings)
 * and one 0/1 label array per binary task. Census files and the synthetic generator both give this.
 */
export interface MultiTaskTable {
  /** Where the rows came from: a file name, or `synthetic` for generated data. */
  source: string;
  /** True for generated data, so every screen and report can say so. */
  synthetic: boolean;
  features: FeatureColumn[];
  /** `columns[j]` holds feature j: a Float64Array for numeric, string[] for categorical. */
  columns: Array<Float64Array | string[]>;
  tasks: string[];
  /** `labels[k][i]` is 1 when task k is positive for row i. */
  labels: Uint8Array[];
  rows: number;
  /** Bad rows left out because the reader was asked to skip them. */
  skipped: number;
}

/**
 * The half-open fraction [from, to) of the rows, in file order: [0, 0.8] and [0.8, 1] are
 * complementary (boundaries round down).
 */
export function sliceRows(table: MultiTaskTable, [from, to]: readonly [number, number]): MultiTaskTable {
  if (!(from >= 0 && from <= to && to <= 1)) throw new Error(`row fraction [${from}, ${to}] must satisfy 0 <= from <= to <= 1`);
  const start = Math.floor(from * table.rows);
  const end = Math.floor(to * table.rows);
  return {
    ...table,
    columns: table.columns.map((c) => c.slice(start, end)),
    labels: table.labels.map((l) => l.slice(start, end)),
    rows: end - start,
  };
}

/** Fraction of positive rows per task. */
export function positiveRates(table: MultiTaskTable): Record<string, number> {
  return Object.fromEntries(table.tasks.map((task, k) => [task, table.labels[k]!.reduce((s, v) => s + v, 0) / table.rows]));
}
