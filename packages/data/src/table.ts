/** How a raw feature column is read and featurised. */
export interface FeatureColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Applied to a numeric column before standardising (heavy-tailed amounts). */
  transform?: 'log1p';
  /** Describes the user or the request context rather than the candidate item (MoHN's state). */
  state?: boolean;
}

/** A categorical column, dictionary-encoded: `dictionary[codes[i]]` is row i's value; -1 is missing. */
export interface CategoricalColumn {
  codes: Int32Array;
  dictionary: string[];
}

/** Binary tasks are learned with cross-entropy; regression tasks with squared error. */
export type TaskType = 'binary' | 'regression';

export interface Task {
  name: string;
  type: TaskType;
}

/**
 * A multi-task data set in column-major form: raw feature columns (numbers, NaN when missing, or
 * dictionary-encoded categories) and one label array per task (0/1 for binary tasks; NaN marks a
 * missing label). Census files, KuaiRand logs and the synthetic generator all give this.
 */
export interface MultiTaskTable {
  /** Where the rows came from: a file name, or `synthetic` for generated data. */
  source: string;
  /** True for generated data, so every screen and report can say so. */
  synthetic: boolean;
  features: FeatureColumn[];
  /** `columns[j]` holds feature j: a Float64Array for numeric, a CategoricalColumn for categorical. */
  columns: Array<Float64Array | CategoricalColumn>;
  tasks: Task[];
  /** `labels[k][i]` is row i's label for task k. */
  labels: Float32Array[];
  rows: number;
  /** Bad rows left out because the reader was asked to skip them. */
  skipped: number;
  /** The same count per file read (e.g. a log and its feature tables), when there were several. */
  skippedByFile?: Record<string, number>;
  /** Date of each row as YYYYMMDD, for logs that have one (date-range splits). */
  dates?: Int32Array;
  /** User of each row (group AUC). */
  users?: Int32Array;
  /** Request of each row: one user's impressions in one session (ranking metrics). */
  requests?: Int32Array;
}

export function taskNames(table: Pick<MultiTaskTable, 'tasks'>): string[] {
  return table.tasks.map((t) => t.name);
}

/** The rows `indices`, in that order. */
export function takeRows(table: MultiTaskTable, indices: Uint32Array): MultiTaskTable {
  const take = <T extends Float64Array | Float32Array | Int32Array>(values: T): T => {
    const out = new (values.constructor as new (n: number) => T)(indices.length);
    for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]!]!;
    return out;
  };
  return {
    ...table,
    columns: table.columns.map((c) => (c instanceof Float64Array ? take(c) : { codes: take(c.codes), dictionary: c.dictionary })),
    labels: table.labels.map(take),
    rows: indices.length,
    ...(table.dates ? { dates: take(table.dates) } : {}),
    ...(table.users ? { users: take(table.users) } : {}),
    ...(table.requests ? { requests: take(table.requests) } : {}),
  };
}

/**
 * The half-open fraction [from, to) of the rows, in file order: [0, 0.8] and [0.8, 1] are
 * complementary (boundaries round down).
 */
export function sliceRows(table: MultiTaskTable, [from, to]: readonly [number, number]): MultiTaskTable {
  if (!(from >= 0 && from <= to && to <= 1)) throw new Error(`row fraction [${from}, ${to}] must satisfy 0 <= from <= to <= 1`);
  const start = Math.floor(from * table.rows);
  const end = Math.floor(to * table.rows);
  return takeRows(table, Uint32Array.from({ length: end - start }, (_, i) => start + i));
}

/** The rows dated within [from, to] (inclusive, YYYYMMDD), in file order. */
export function filterDates(table: MultiTaskTable, [from, to]: readonly [string, string]): MultiTaskTable {
  const { dates } = table;
  if (!dates) throw new Error(`${table.source}: rows have no date column to filter on`);
  if (from > to) throw new Error(`date range [${from}, ${to}] is empty: from must not be after to`);
  const [lo, hi] = [Number(from), Number(to)];
  const keep: number[] = [];
  for (let i = 0; i < table.rows; i++) if (dates[i]! >= lo && dates[i]! <= hi) keep.push(i);
  return takeRows(table, Uint32Array.from(keep));
}

/** Fraction of positive rows per binary task, over the rows that have a label. */
export function positiveRates(table: MultiTaskTable): Record<string, number> {
  const rates: Record<string, number> = {};
  table.tasks.forEach((task, k) => {
    if (task.type !== 'binary') return;
    let positives = 0;
    let labelled = 0;
    for (const v of table.labels[k]!) {
      if (Number.isNaN(v)) continue;
      labelled++;
      positives += v;
    }
    rates[task.name] = positives / labelled;
  });
  return rates;
}
