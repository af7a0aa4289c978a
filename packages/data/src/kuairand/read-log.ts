import { basename } from 'node:path';
import { DataError } from '../data-error';
import { forEachLine } from '../text-stream';
import { type ColumnSource, fromTimestamp, type LogColumnMapping, resolveHeader } from './column-mapping';
import { BINARY_LOG_COLUMNS, LOG_COLUMNS, type LogColumn } from './columns';

export interface LogReadOptions {
  /** Leave out bad rows and count them in `skipped`, instead of failing on the first one. */
  skipBadRows?: boolean;
  /** The file name used in error messages (default: the path's base name). */
  name?: string;
  /** Read another impression log by mapping its columns onto the KuaiRand schema. */
  mapping?: LogColumnMapping;
}

/** A KuaiRand impression log, column-major: every column as numbers, in file order. */
export interface KuaiRandLog {
  source: string;
  rows: number;
  skipped: number;
  columns: Record<LogColumn, Float64Array>;
}

/**
 * Streams a KuaiRand log (plain or gzip). The header names the columns (any order, extra columns
 * ignored; `mapping` renames them or derives them, see LogColumnMapping); every row is checked:
 * integers everywhere, 0/1 flags, a real YYYYMMDD date, HHMM hourmin, no negative durations. A
 * bad row fails as `file:line:column: field name: problem`.
 */
export async function readKuaiRandLog(path: string, options: LogReadOptions = {}): Promise<KuaiRandLog> {
  const file = options.name ?? basename(path);
  const values = LOG_COLUMNS.map(() => [] as number[]);
  let sources: ColumnSource[] | undefined;
  let width = 0;
  let skipped = 0;
  const parsed = new Float64Array(LOG_COLUMNS.length);
  try {
    await forEachLine(path, (text, line) => {
      if (text === '') return;
      const fields = text.split(',');
      if (!sources) {
        sources = resolveHeader(fields, file, options.mapping);
        width = fields.length;
        return;
      }
      try {
        parseRow(fields, width, sources, parsed, file, line);
      } catch (error) {
        if (options.skipBadRows && error instanceof DataError) {
          skipped++;
          return;
        }
        throw error;
      }
      for (let c = 0; c < LOG_COLUMNS.length; c++) values[c]!.push(parsed[c]!);
    });
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new Error(`${file}: cannot read the KuaiRand log: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!sources) throw new Error(`${file}: empty file, expected a header naming ${LOG_COLUMNS.join(', ')}`);
  const rows = values[0]!.length;
  if (rows === 0) throw new Error(`${file}: no valid rows${skipped ? ` (${skipped} bad rows skipped)` : ''}`);
  const columns = Object.fromEntries(LOG_COLUMNS.map((name, c) => [name, Float64Array.from(values[c]!)])) as Record<LogColumn, Float64Array>;
  return { source: file, rows, skipped, columns };
}

/** How each column's value is checked, by LOG_COLUMNS position. */
const Check = { Flag: 0, Date: 1, HourMin: 2, NonNegative: 3 } as const;
type Check = (typeof Check)[keyof typeof Check];
const CHECKS = LOG_COLUMNS.map((name): Check => {
  if (BINARY_LOG_COLUMNS.has(name)) return Check.Flag;
  if (name === 'date') return Check.Date;
  return name === 'hourmin' ? Check.HourMin : Check.NonNegative;
});

function parseRow(fields: string[], width: number, sources: ColumnSource[], out: Float64Array, file: string, line: number): void {
  if (fields.length !== width) throw new DataError(file, line, undefined, `expected ${width} fields as in the header, got ${fields.length}`);
  for (let c = 0; c < LOG_COLUMNS.length; c++) {
    const source = sources[c]!;
    if (source.kind === 'constant') {
      out[c] = source.value;
      continue;
    }
    const text = fields[source.position]!;
    const raw = parseInteger(text);
    if (Number.isNaN(raw)) throw new DataError(file, line, source.name, `expected an integer, got ${JSON.stringify(text)}`, source.position + 1);
    const value = source.kind === 'timestamp' ? fromTimestamp(raw, source.unit, LOG_COLUMNS[c]!) : raw;
    if (!valid(CHECKS[c]!, value)) {
      const what = source.kind === 'timestamp' ? `expected a Unix time in ${source.unit} from 1970 on, got ${raw}` : problem(CHECKS[c]!, value);
      throw new DataError(file, line, source.name, what, source.position + 1);
    }
    out[c] = value;
  }
}

function valid(check: Check, value: number): boolean {
  switch (check) {
    case Check.Flag:
      return value === 0 || value === 1;
    case Check.Date:
      return validDate(value);
    case Check.HourMin:
      return value >= 0 && value < 2400 && value % 100 < 60;
    default:
      return value >= 0;
  }
}

function problem(check: Check, value: number): string {
  const expected = { [Check.Flag]: '0 or 1', [Check.Date]: 'a date YYYYMMDD', [Check.HourMin]: 'HHMM', [Check.NonNegative]: 'a non-negative value' }[check];
  return `expected ${expected}, got ${value}`;
}

function validDate(value: number): boolean {
  const year = Math.floor(value / 10_000);
  const month = Math.floor(value / 100) % 100;
  const day = value % 100;
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1970 && year < 2200 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A decimal integer (optional minus sign), else NaN; stricter and faster than Number(). */
function parseInteger(text: string): number {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return Number.NaN;
  let value = 0;
  for (; i < n; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return text.charCodeAt(0) === 45 ? -value : value;
}
