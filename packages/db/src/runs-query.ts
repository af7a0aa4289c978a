import type { PrismaClient, RunStatus } from './generated/prisma/client.ts';

/** Fixed columns a runs table sorts by; `hyper:<name>` and `metric:<name>` sort by a spec value or a final metric. */
export const RUN_SORT_COLUMNS = ['created', 'index', 'status', 'seed', 'algorithm', 'experiment', 'duration'] as const;
export type RunSortColumn = (typeof RUN_SORT_COLUMNS)[number] | `hyper:${string}` | `metric:${string}`;

export interface RunsQuery {
  experimentId?: string;
  /** Only these runs (a comparison). */
  ids?: string[];
  statuses?: RunStatus[];
  algorithm?: string;
  /** Runs carrying this tag. */
  tag?: string;
  /** Case-insensitive substring of the experiment name, run id, algorithm, tags or notes. */
  search?: string;
  sort?: RunSortColumn;
  direction?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

export interface RunsTableRow {
  id: string;
  experimentId: string;
  experimentName: string;
  algorithm: string;
  index: number;
  status: RunStatus;
  seed: number;
  hyper: Record<string, unknown>;
  final: Record<string, number> | null;
  tags: string[];
  notes: string | null;
  error: string | null;
  progress: number;
  progressLabel: string | null;
  attempt: number;
  cancelRequested: boolean;
  workerId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const FIXED_ORDER: Record<(typeof RUN_SORT_COLUMNS)[number], string> = {
  created: 'r.created_at',
  index: 'r.index',
  status: 'r.status::text',
  seed: 'r.seed',
  algorithm: 'e.algorithm',
  experiment: 'e.name',
  duration: 'coalesce(r.finished_at, now()) - r.started_at',
};

/** Builds the shared where clause; values go in as parameters, never into the SQL text. */
function whereClause(query: RunsQuery, params: unknown[]): string {
  const conditions: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.experimentId) conditions.push(`r.experiment_id = ${param(query.experimentId)}`);
  if (query.ids) conditions.push(`r.id = any(${param(query.ids)}::text[])`);
  if (query.statuses?.length) conditions.push(`r.status::text = any(${param(query.statuses)}::text[])`);
  if (query.algorithm) conditions.push(`e.algorithm = ${param(query.algorithm)}`);
  if (query.tag) conditions.push(`${param(query.tag)} = any(r.tags)`);
  if (query.search?.trim()) {
    const like = param(`%${query.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conditions.push(
      `(e.name ilike ${like} or r.id ilike ${like} or e.algorithm ilike ${like} or coalesce(r.notes, '') ilike ${like} or array_to_string(r.tags, ' ') ilike ${like})`,
    );
  }
  return conditions.length > 0 ? `where ${conditions.join(' and ')}` : '';
}

/** The sort keys of a column, most significant first (a JSON value sorts as number, then as text). */
function orderExpressions(sort: RunSortColumn, params: unknown[]): string[] {
  const jsonValue = (column: string, name: string) => {
    params.push(name);
    const at = `$${params.length}`;
    // Numbers sort as numbers; other JSON values (strings, booleans) by their text.
    return [`case when jsonb_typeof(${column} -> ${at}) = 'number' then (${column} ->> ${at})::float8 end`, `${column} ->> ${at}`];
  };
  if (sort.startsWith('metric:')) return jsonValue('r.final', sort.slice('metric:'.length));
  if (sort.startsWith('hyper:')) return jsonValue(`(r.spec -> 'hyper')`, sort.slice('hyper:'.length));
  const fixed = FIXED_ORDER[sort as keyof typeof FIXED_ORDER];
  if (!fixed) throw new Error(`sort: unknown column "${sort}" (expected ${RUN_SORT_COLUMNS.join(', ')}, hyper:<name> or metric:<name>)`);
  return [fixed];
}

/**
 * One page of runs for a runs table, filtered, searched and sorted in SQL, with the total number
 * of matching runs. Runs without a value in the sort column come last in both directions.
 */
export async function queryRuns(prisma: PrismaClient, query: RunsQuery): Promise<{ total: number; rows: RunsTableRow[] }> {
  const params: unknown[] = [];
  const where = whereClause(query, params);
  const countParams = [...params];
  const direction = query.direction === 'asc' ? 'asc' : 'desc';
  const order = orderExpressions(query.sort ?? 'created', params)
    .map((expression) => `${expression} ${direction} nulls last`)
    .join(', ');
  params.push(Math.max(0, Math.floor(query.offset ?? 0)), Math.min(500, Math.max(1, Math.floor(query.limit ?? 50))));
  const from = 'from run r join experiment e on e.id = r.experiment_id';
  const [rows, count] = await Promise.all([
    prisma.$queryRawUnsafe<(Omit<RunsTableRow, 'hyper'> & { hyper: Record<string, unknown> | null })[]>(
      `select r.id, r.experiment_id as "experimentId", e.name as "experimentName", e.algorithm, r.index, r.status::text as status,
              r.seed, r.spec -> 'hyper' as hyper, r.final, r.tags, r.notes, r.error, r.progress, r.progress_label as "progressLabel",
              r.attempt, r.cancel_requested as "cancelRequested", r.worker_id as "workerId", r.created_at as "createdAt",
              r.started_at as "startedAt", r.finished_at as "finishedAt"
       ${from} ${where}
       order by ${order}, r.created_at desc, r.id
       offset $${params.length - 1} limit $${params.length}`,
      ...params,
    ),
    prisma.$queryRawUnsafe<{ total: bigint }[]>(`select count(*) as total ${from} ${where}`, ...countParams),
  ]);
  return { total: Number(count[0]?.total ?? 0), rows: rows.map((row) => ({ ...row, hyper: row.hyper ?? {} })) };
}

export interface RunsColumns {
  /** Scalar hyperparameters whose value differs between the matching runs (the swept ones). */
  hyper: string[];
  /** Every final metric name of the matching runs. */
  metrics: string[];
  tags: string[];
  algorithms: string[];
}

/** The columns worth showing for a set of runs (an experiment's, or all), for the table's header and filters. */
export async function queryRunsColumns(prisma: PrismaClient, query: Pick<RunsQuery, 'experimentId' | 'ids'>): Promise<RunsColumns> {
  const params: unknown[] = [];
  const where = whereClause(query, params);
  const runs = 'from run r join experiment e on e.id = r.experiment_id';
  const names = (sql: string) => prisma.$queryRawUnsafe<{ name: string }[]>(sql, ...params).then((rows) => rows.map((row) => row.name));
  const [hyper, metrics, tags, algorithms] = await Promise.all([
    names(
      `select h.key as name ${runs} cross join lateral jsonb_each(r.spec -> 'hyper') h ${where}
       group by h.key having count(distinct h.value) filter (where jsonb_typeof(h.value) in ('number', 'string', 'boolean')) > 1
       order by h.key`,
    ),
    names(
      `select distinct k.name ${runs}
       cross join lateral jsonb_object_keys(case when jsonb_typeof(r.final) = 'object' then r.final else '{}'::jsonb end) k(name)
       ${where} order by k.name`,
    ),
    names(`select distinct t.name ${runs} cross join lateral unnest(r.tags) t(name) ${where} order by t.name`),
    names(`select distinct e.algorithm as name ${runs} ${where} order by name`),
  ]);
  return { hyper, metrics, tags, algorithms };
}
