import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { DataError } from '../data-error';
import { DictionaryBuilder } from '../dictionary';
import type { CategoricalColumn } from '../table';
import { openTextStream } from '../text-stream';
import type { FeatureTableSpec } from './columns';

/** A feature table keyed by an integer id: `rowOf[id]` is the id's row, or -1. */
export interface FeatureTable {
  source: string;
  spec: FeatureTableSpec;
  rowOf: Int32Array;
  /** Per feature of the spec: numbers (NaN when empty) or dictionary codes (-1 when empty). */
  columns: Array<Float64Array | CategoricalColumn>;
  /** Bad rows left out (with `skipBadRows`). */
  skipped: number;
}

export interface FeatureTableReadOptions {
  /** The file name used in error messages (default: the path's base name). */
  name?: string;
  /** Leave out bad rows (a malformed value, a repeated id) and count them, instead of failing. */
  skipBadRows?: boolean;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ID = /^\d+$/;

/**
 * Reads a KuaiRand user or video feature table (CSV with a header, plain or gzip). Ids must be
 * unique non-negative integers; numeric features numbers or empty (missing); categorical features
 * any text, empty meaning missing. A bad row fails as `file:line:column: field name: problem`, or
 * with `skipBadRows` is left out and counted (a bad header still fails).
 */
export async function readFeatureTable(path: string, spec: FeatureTableSpec, options: FeatureTableReadOptions = {}): Promise<FeatureTable> {
  const file = options.name ?? basename(path);
  const ids: number[] = [];
  const lineOf = new Map<number, number>();
  const parsed = new Float64Array(spec.features.length);
  let skipped = 0;
  const numbers = spec.features.map(() => [] as number[]);
  const dictionaries = spec.features.map(() => new DictionaryBuilder());
  let positions: number[] | undefined;
  let idPosition = 0;
  let width = 0;
  const parser = (await openTextStream(path)).pipe(parse({ relax_column_count: true, skip_empty_lines: true, info: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (!positions) {
        const missing = [spec.id, ...spec.features.map((f) => f.name)].filter((name) => !record.includes(name));
        if (missing.length) throw new DataError(file, line, undefined, `header of the ${spec.title} lacks ${missing.join(', ')}`);
        idPosition = record.indexOf(spec.id);
        width = record.length;
        positions = spec.features.map((f) => record.indexOf(f.name));
        continue;
      }
      try {
        ids.push(parseRecord(record, line));
      } catch (error) {
        if (!(options.skipBadRows && error instanceof DataError)) throw error;
        skipped++;
      }
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new Error(`${file}: cannot read the ${spec.title}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (ids.length === 0) throw new Error(`${file}: the ${spec.title} table has no ${skipped ? 'valid ' : ''}rows${skipped ? ` (${skipped} bad rows skipped)` : ''}`);
  const rowOf = new Int32Array(Math.max(...ids) + 1).fill(-1);
  ids.forEach((id, row) => {
    rowOf[id] = row;
  });
  const columns = spec.features.map((feature, f) => (feature.kind === 'numeric' ? Float64Array.from(numbers[f]!) : dictionaries[f]!.column(numbers[f]!)));
  return { source: file, spec, rowOf, columns, skipped };

  /** Checks a whole row before keeping any of it, so a skipped row leaves nothing behind; returns its id. */
  function parseRecord(record: string[], line: number): number {
    if (record.length !== width) throw new DataError(file, line, undefined, `expected ${width} fields as in the header, got ${record.length}`);
    const idText = record[idPosition]!;
    if (!ID.test(idText)) throw new DataError(file, line, spec.id, `expected a non-negative integer id, got ${JSON.stringify(idText)}`, idPosition + 1);
    const id = Number(idText);
    const first = lineOf.get(id);
    if (first !== undefined) throw new DataError(file, line, spec.id, `id ${id} appears twice (first on line ${first})`, idPosition + 1);
    spec.features.forEach((feature, f) => {
      const position = positions![f]!;
      const text = record[position]!.trim();
      if (feature.kind === 'categorical') return;
      if (text !== '' && !NUMBER.test(text)) throw new DataError(file, line, feature.name, `expected a number or nothing, got ${JSON.stringify(text)}`, position + 1);
      parsed[f] = text === '' ? Number.NaN : Number(text);
    });
    spec.features.forEach((feature, f) => {
      numbers[f]!.push(feature.kind === 'categorical' ? dictionaries[f]!.code(record[positions![f]!]!.trim()) : parsed[f]!);
    });
    lineOf.set(id, line);
    return id;
  }
}
