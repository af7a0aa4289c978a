import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { DataError } from '../data-error';
import { DictionaryBuilder } from '../dictionary';
import type { MultiTaskTable } from '../table';
import { openTextStream } from '../text-stream';
import { CENSUS_COLUMNS, CENSUS_FEATURES, CENSUS_TASKS, INCOME_LABELS, NEVER_MARRIED } from './columns';

export interface ReadOptions {
  /** Leave out bad rows and count them in `skipped`, instead of failing on the first one. */
  skipBadRows?: boolean;
  /** The file name used in error messages (default: the path's base name). */
  name?: string;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INDEX = new Map<string, number>(CENSUS_COLUMNS.map((name, i) => [name, i]));

/**
 * Reads a UCI Census-Income (KDD) file (plain or gzip): no header, 42 fields separated by ", ".
 * Task `income` is label `50000+.`, task `never_married` is marital_stat "Never married"; the
 * other columns except instance_weight are features. A bad row fails with `file:line: field ...`.
 */
export async function readCensus(path: string, options: ReadOptions = {}): Promise<MultiTaskTable> {
  const file = options.name ?? basename(path);
  const numbers = CENSUS_FEATURES.map(() => [] as number[]);
  const dictionaries = CENSUS_FEATURES.map(() => new DictionaryBuilder());
  const income: number[] = [];
  const neverMarried: number[] = [];
  let skipped = 0;

  const parser = (await openTextStream(path)).pipe(
    parse({ delimiter: ', ', quote: false, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      let row: ReturnType<typeof parseRow>;
      try {
        row = parseRow(record, file, info.lines);
      } catch (error) {
        if (options.skipBadRows && error instanceof DataError) {
          skipped++;
          continue;
        }
        throw error;
      }
      row.features.forEach((value, j) => {
        numbers[j]!.push(typeof value === 'number' ? value : dictionaries[j]!.code(value));
      });
      income.push(row.income);
      neverMarried.push(row.neverMarried);
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new Error(`${file}: cannot read census data: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (income.length === 0) throw new Error(`${file}: no valid rows${skipped ? ` (${skipped} bad rows skipped)` : ''}`);

  return {
    source: file,
    synthetic: false,
    features: CENSUS_FEATURES,
    columns: numbers.map((c, j) => (CENSUS_FEATURES[j]!.kind === 'numeric' ? Float64Array.from(c) : dictionaries[j]!.column(c))),
    tasks: CENSUS_TASKS.map((name) => ({ name, type: 'binary' as const })),
    labels: [Float32Array.from(income), Float32Array.from(neverMarried)],
    rows: income.length,
    skipped,
  };
}

function parseRow(record: string[], file: string, line: number) {
  if (record.length !== CENSUS_COLUMNS.length) {
    throw new DataError(file, line, undefined, `expected ${CENSUS_COLUMNS.length} fields separated by ", ", got ${record.length}`);
  }
  const field = (name: string) => record[INDEX.get(name)!]!.trim();
  const fail = (name: string, problem: string) => new DataError(file, line, name, problem, INDEX.get(name)! + 1);
  const features = CENSUS_FEATURES.map(({ name, kind }) => {
    const text = field(name);
    if (kind === 'categorical') {
      if (text === '') throw fail(name, 'empty value');
      return text;
    }
    if (!NUMBER.test(text)) throw fail(name, `expected a number, got ${JSON.stringify(text)}`);
    return Number(text);
  });
  const label = field('income_50k');
  if (!(label in INCOME_LABELS)) throw fail('income_50k', `expected "- 50000." or "50000+.", got ${JSON.stringify(label)}`);
  const marital = field('marital_stat');
  if (marital === '') throw fail('marital_stat', 'empty value');
  return {
    features,
    income: INCOME_LABELS[label as keyof typeof INCOME_LABELS],
    neverMarried: marital === NEVER_MARRIED ? 1 : 0,
  };
}
