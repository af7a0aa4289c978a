import type { PrismaClient } from './generated/prisma/client.ts';

export interface FinalMetricSummary {
  key: string;
  mean: number;
  /** Sample standard deviation over the runs; 0 for a single run. */
  std: number;
  runs: number;
}

/**
 * The mean ± std of every final metric over an experiment's finished runs (seeds, sweep points),
 * aggregated in SQL so an experiment of 10,000 runs answers with one row per metric.
 */
export function summarizeFinalMetrics(prisma: PrismaClient, experimentId: string): Promise<FinalMetricSummary[]> {
  return prisma.$queryRawUnsafe<FinalMetricSummary[]>(
    `select f.key, avg(f.value::float8) as mean, coalesce(stddev_samp(f.value::float8), 0) as std, count(*)::int as runs
     from run r cross join lateral jsonb_each(r.final) f
     where r.experiment_id = $1 and r.status = 'finished' and jsonb_typeof(f.value) = 'number'
     group by f.key order by f.key`,
    experimentId,
  );
}
