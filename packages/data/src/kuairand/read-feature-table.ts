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
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ID = /^\d+$/;

/**
 * Reads a KuaiRand user or video feature table (CSV with a header, plain or gzip). Ids must be
 * unique non-negative integers; numeric features numbers or empty (missing); categorical features
 * any text, empty meaning missing. A bad row fails as `file:line:column: field name: problem`.
 */
export async function readFeatureTable(path: string, spec: FeatureTableSpec, options: { name?: string } = {}): Promise<FeatureTable> {
  const file = options.name ?? basename(path);
  const ids: number[] = [];
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
      if (record.length !== width) throw new DataError(file, line, undefined, `expected ${width} fields as in the header, got ${record.length}`);
      const idText = record[idPosition]!;
      if (!ID.test(idText)) throw new DataError(file, line, spec.id, `expected a non-negative integer id, got ${JSON.stringify(idText)}`, idPosition + 1);
      ids.push(Number(idText));
      spec.features.forEach((feature, f) => {
        const position = positions![f]!;
        const text = record[position]!.trim();
        if (feature.kind === 'categorical') {
          numbers[f]!.push(dictionaries[f]!.code(text));
          return;
        }
        if (text !== '' && !NUMBER.test(text)) throw new DataError(file, line, feature.name, `expected a number or nothing, got ${JSON.stringify(text)}`, position + 1);
        numbers[f]!.push(text === '' ? Number.NaN : Number(text));
      });
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new Error(`${file}: cannot read the ${spec.title}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (ids.length === 0) throw new Error(`${file}: the ${spec.title} table has no rows`);
  const rowOf = new Int32Array(Math.max(...ids) + 1).fill(-1);
  ids.forEach((id, row) => {
    if (rowOf[id]! >= 0) throw new Error(`${file}: ${spec.id} ${id} appears twice`);
    rowOf[id] = row;
  });
  const columns = spec.features.map((feature, f) => (feature.kind === 'numeric' ? Float64Array.from(numbers[f]!) : dictionaries[f]!.column(numbers[f]!)));
  return { source: file, spec, rowOf, columns };
}
