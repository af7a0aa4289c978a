import {
  filterDates,
  generateSyntheticMultitask,
  type MultiTaskTable,
  readCensus,
  readKuaiRand,
  resolveDataPath,
  sliceRows,
} from '@tradeoff/data';
import { type DataSource, type DatasetSpec, syntheticSchema } from '../spec';

export interface MultitaskSplits {
  train: MultiTaskTable;
  valid: MultiTaskTable;
  test: MultiTaskTable;
  /** One line per split saying where its rows came from. */
  description: string[];
}

/**
 * Reads a multi-task data set's train/valid/test splits. Without `dataset.valid`, the last
 * `validFraction` of the training rows (the latest ones, for time-ordered logs) is held out for
 * validation and not trained on.
 */
export async function loadMultitaskSplits(dataset: DatasetSpec, dataRoot: string, validFraction: number): Promise<MultitaskSplits> {
  const files = new Map<string, Promise<MultiTaskTable>>();
  const load = (source: DataSource) => loadSource(dataset, source, dataRoot, files);
  const [trainAll, test] = await Promise.all([load(dataset.train), load(dataset.test)]);
  let train = trainAll;
  let valid: MultiTaskTable;
  let validText: string;
  if (dataset.valid) {
    valid = await load(dataset.valid);
    validText = describe(dataset.valid, valid);
  } else {
    train = sliceRows(trainAll, [0, 1 - validFraction]);
    valid = sliceRows(trainAll, [1 - validFraction, 1]);
    validText = `${valid.rows} rows: the last ${validFraction * 100}% of the train rows`;
  }
  for (const [name, table] of Object.entries({ train, valid, test })) {
    if (table.rows === 0) throw new Error(`dataset.${name}: no rows`);
  }
  return {
    train,
    valid,
    test,
    description: [`train: ${describe(dataset.train, train)}`, `valid: ${validText}`, `test: ${describe(dataset.test, test)}`],
  };
}

/**
 * One source of a multi-task data set: the file's rows, narrowed to its date range and then its
 * row fraction. `files` shares reads between splits of the same file.
 */
export async function loadSource(
  dataset: DatasetSpec,
  source: DataSource,
  dataRoot: string,
  files = new Map<string, Promise<MultiTaskTable>>(),
): Promise<MultiTaskTable> {
  const { path, rows, dates } = typeof source === 'string' ? { path: source, rows: undefined, dates: undefined } : source;
  const key = dataset.kind === 'synthetic-multitask' ? path : resolveDataPath(path, dataRoot);
  let whole = files.get(key);
  if (!whole) {
    whole = readWhole(dataset, key, dataRoot);
    files.set(key, whole);
  }
  let table = await whole;
  if (dates) table = filterDates(table, dates);
  return rows ? sliceRows(table, rows) : table;
}

function readWhole(dataset: DatasetSpec, path: string, dataRoot: string): Promise<MultiTaskTable> {
  switch (dataset.kind) {
    case 'census':
      return readCensus(path, { skipBadRows: dataset.skipBadRows });
    case 'kuairand': {
      const tables = dataset.tables ?? {};
      const table = (name: string) => (tables[name] ? resolveDataPath(tables[name], dataRoot) : undefined);
      return readKuaiRand({ log: path, users: table('users'), videos: table('videos') }, { skipBadRows: dataset.skipBadRows, mapping: dataset.columns });
    }
    case 'synthetic-multitask':
      return Promise.resolve(generateSyntheticMultitask(syntheticSchema.parse(dataset.synthetic ?? {})));
    default:
      throw new Error(`dataset kind ${dataset.kind} is not a multi-task data set`);
  }
}

function describe(source: DataSource, table: MultiTaskTable): string {
  const dates = typeof source !== 'string' && source.dates ? ` dated ${source.dates.join('..')}` : '';
  const rows = typeof source !== 'string' && source.rows ? ` rows [${source.rows.join(', ')}]` : '';
  const perFile = Object.entries(table.skippedByFile ?? {}).filter(([, n]) => n > 0);
  const where = perFile.length > 1 ? ` (${perFile.map(([file, n]) => `${n} in ${file}`).join(', ')})` : perFile.length ? ` in ${perFile[0]![0]}` : '';
  const skipped = table.skipped ? `, ${table.skipped} bad rows skipped${where}` : '';
  return `${table.rows} rows of ${table.synthetic ? 'SYNTHETIC data (generated, not real)' : table.source}${dates}${rows}${skipped}`;
}
