import { DictionaryBuilder } from '../dictionary';
import type { CategoricalColumn, FeatureColumn, MultiTaskTable } from '../table';
import type { LogColumnMapping } from './column-mapping';
import { KUAIRAND_OBJECTIVES, LOG_FEATURES, USER_TABLE, VIDEO_TABLE } from './columns';
import { type FeatureTable, readFeatureTable } from './read-feature-table';
import { readKuaiRandLog } from './read-log';
import { groupRequests } from './requests';

export interface KuaiRandFiles {
  log: string;
  /** user_features_pure.csv(.gz): user features join on user_id. */
  users?: string;
  /** video_features_basic_pure.csv(.gz): video features join on video_id. */
  videos?: string;
}

export interface KuaiRandReadOptions {
  /** Leave out bad rows of the log and the feature tables, counted per file, instead of failing. */
  skipBadRows?: boolean;
  /** Read another impression log whose columns map onto the KuaiRand schema. */
  mapping?: LogColumnMapping;
}

/**
 * A KuaiRand log joined with its feature tables, as a multi-task table: every objective of
 * KUAIRAND_OBJECTIVES as a task, features from the log (user and video ids, tab, hour, video
 * length) plus the user and video tables when given (ids absent from a table get missing
 * features). Rows keep the log's order and carry their date, user and request.
 */
export async function readKuaiRand(files: KuaiRandFiles, options: KuaiRandReadOptions = {}): Promise<MultiTaskTable> {
  const [log, users, videos] = await Promise.all([
    readKuaiRandLog(files.log, { skipBadRows: options.skipBadRows, mapping: options.mapping }),
    files.users ? readFeatureTable(files.users, USER_TABLE, { skipBadRows: options.skipBadRows }) : undefined,
    files.videos ? readFeatureTable(files.videos, VIDEO_TABLE, { skipBadRows: options.skipBadRows }) : undefined,
  ]);
  const skippedByFile = Object.fromEntries([log, users, videos].flatMap((read) => (read ? [[read.source, read.skipped]] : [])));
  const { columns: c, rows } = log;
  const features: FeatureColumn[] = [...LOG_FEATURES];
  const columns: Array<Float64Array | CategoricalColumn> = [
    integerCategories(c.user_id),
    integerCategories(c.tab),
    integerCategories(c.hourmin.map((hm) => Math.floor(hm / 100))),
    integerCategories(c.video_id),
    c.duration_ms,
  ];
  for (const [table, ids] of [
    [users, c.user_id],
    [videos, c.video_id],
  ] as const) {
    if (!table) continue;
    features.push(...table.spec.features);
    columns.push(...joinTable(table, ids));
  }
  const tasks = Object.entries(KUAIRAND_OBJECTIVES).map(([name, { type }]) => ({ name, type }));
  const labels = Object.values(KUAIRAND_OBJECTIVES).map(({ column, transform }) =>
    Float32Array.from(c[column], (v) => (transform === 'log1p' ? Math.log1p(v) : v)),
  );
  return {
    source: log.source,
    synthetic: false,
    features,
    columns,
    tasks,
    labels,
    rows,
    skipped: Object.values(skippedByFile).reduce((sum, n) => sum + n, 0),
    skippedByFile,
    dates: Int32Array.from(c.date),
    users: Int32Array.from(c.user_id),
    requests: groupRequests(c.user_id, c.date, c.time_ms),
  };
}

/** Integer ids as a categorical column (dictionary of their decimal text). */
function integerCategories(values: Float64Array): CategoricalColumn {
  const builder = new DictionaryBuilder();
  return builder.column(Array.from(values, (v) => builder.code(String(v))));
}

/** The table's feature columns repeated for each log row through its id. */
function joinTable(table: FeatureTable, ids: Float64Array): Array<Float64Array | CategoricalColumn> {
  const rowOfLog = Int32Array.from(ids, (id) => (id < table.rowOf.length ? table.rowOf[id]! : -1));
  return table.columns.map((column) => {
    if (column instanceof Float64Array) return Float64Array.from(rowOfLog, (row) => (row >= 0 ? column[row]! : Number.NaN));
    return { codes: Int32Array.from(rowOfLog, (row) => (row >= 0 ? column.codes[row]! : -1)), dictionary: column.dictionary };
  });
}
