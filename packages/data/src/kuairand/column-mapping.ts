import { z } from 'zod';
import { DataError } from '../data-error';
import { LOG_COLUMNS, type LogColumn } from './columns';

/**
 * How another impression log's columns map onto the KuaiRand log schema, so that any log with a
 * user, an item, a time and several feedback columns loads as a KuaiRand log.
 * - `columns`: KuaiRand column -> this file's header name (columns not listed keep their KuaiRand name).
 * - `timestamp`: a Unix time column (UTC) standing in for `date`, `hourmin` and `time_ms`.
 * With a mapping, only user_id, video_id and the time are required; an absent feedback column
 * leaves its objective unlabelled (NaN: masked out of losses and metrics), an absent `tab` or
 * `is_rand` reads as 0, absent durations as missing.
 */
export const logColumnMappingSchema = z
  .object({
    columns: z.partialRecord(z.enum(LOG_COLUMNS), z.string().min(1)).default({}),
    timestamp: z.object({ column: z.string().min(1), unit: z.enum(['s', 'ms']) }).strict().optional(),
  })
  .strict();
export type LogColumnMapping = z.input<typeof logColumnMappingSchema>;

/** Columns every mapped log must provide (the time comes from date/hourmin/time_ms or a timestamp). */
const REQUIRED: readonly LogColumn[] = ['user_id', 'video_id'];
const TIME: readonly LogColumn[] = ['date', 'hourmin', 'time_ms'];
/** Context columns with a neutral value when absent; every other absent column is missing (NaN). */
const DEFAULTS: Partial<Record<LogColumn, number>> = { tab: 0, is_rand: 0 };
const FEEDBACK: readonly LogColumn[] = [
  'is_click', 'is_like', 'is_follow', 'is_comment', 'is_forward', 'is_hate', 'long_view', 'play_time_ms', 'is_profile_enter',
];

/** Where each KuaiRand column comes from in a file's header. */
export type ColumnSource =
  | { kind: 'field'; position: number; name: string }
  | { kind: 'timestamp'; position: number; name: string; unit: 's' | 'ms' }
  | { kind: 'constant'; value: number };

/**
 * Resolves the header of a log against a mapping (or the plain KuaiRand schema when there is
 * none): one source per LOG_COLUMNS entry, in that order. Errors name the file and line 1.
 */
export function resolveHeader(header: readonly string[], file: string, mapping?: LogColumnMapping): ColumnSource[] {
  const names = header.map((h) => h.trim());
  if (!mapping) {
    const missing = LOG_COLUMNS.filter((name) => !names.includes(name));
    if (missing.length) throw new DataError(file, 1, undefined, `header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    return LOG_COLUMNS.map((name) => ({ kind: 'field', position: names.indexOf(name), name }));
  }
  const { columns, timestamp } = logColumnMappingSchema.parse(mapping);
  const position = (name: string) => names.indexOf(name);
  const lacking = (what: string) => new DataError(file, 1, undefined, `header lacks ${what}`);
  if (timestamp && position(timestamp.column) < 0) throw lacking(`the timestamp column ${timestamp.column}`);
  const sources = LOG_COLUMNS.map((name): ColumnSource => {
    const header = columns[name] ?? name;
    const at = position(header);
    if (timestamp && TIME.includes(name) && !columns[name]) return { kind: 'timestamp', position: position(timestamp.column), name: timestamp.column, unit: timestamp.unit };
    if (at >= 0) return { kind: 'field', position: at, name: header === name ? name : `${header} (${name})` };
    if (columns[name]) throw lacking(`column ${header} (mapped to ${name})`);
    if (REQUIRED.includes(name)) throw lacking(`column ${name} (map another column to it with columns.${name})`);
    if (TIME.includes(name)) throw lacking(`column ${name} (or name a timestamp column)`);
    return { kind: 'constant', value: DEFAULTS[name] ?? Number.NaN };
  });
  if (FEEDBACK.every((name) => sources[LOG_COLUMNS.indexOf(name)]!.kind === 'constant')) {
    throw lacking(`any feedback column (map one of ${FEEDBACK.join(', ')})`);
  }
  return sources;
}

/** date (YYYYMMDD), hourmin (HHMM) and time_ms of a Unix time, in UTC. */
export function fromTimestamp(value: number, unit: 's' | 'ms', column: LogColumn): number {
  const ms = unit === 's' ? value * 1000 : value;
  if (column === 'time_ms') return ms;
  const time = new Date(ms);
  if (column === 'date') return time.getUTCFullYear() * 10_000 + (time.getUTCMonth() + 1) * 100 + time.getUTCDate();
  return time.getUTCHours() * 100 + time.getUTCMinutes();
}
