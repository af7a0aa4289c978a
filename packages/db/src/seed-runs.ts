import { randomBytes } from 'node:crypto';

import type { PrismaClient } from './generated/prisma/client.ts';

export const SEED_STATUSES = ['finished', 'finished', 'failed', 'running', 'queued', 'cancelled'] as const;
export const SEED_ALGORITHMS = ['mmoe', 'ple'] as const;

/**
 * Inserts many runs in a few statements, for runs-table tests and benchmarks. Run i (0-based,
 * across experiments) has status SEED_STATUSES[i % 6], seed i % 5, hyper { lr: 0.001 * (1 + i % 4),
 * experts: 2 + i % 3 }, tag `even`/`odd`, and, when finished, final metrics test/auc = ((i * 7919) %
 * n) / n (a permutation: every value distinct) and test/loss = 1 - test/auc. Experiments alternate
 * the algorithms.
 */
export async function seedRuns(prisma: PrismaClient, opts: { runs: number; experiments?: number; name?: string }): Promise<{ projectId: string; experimentIds: string[] }> {
  const tag = opts.name ?? `seeded-${randomBytes(4).toString('hex')}`;
  const experiments = opts.experiments ?? 1;
  const project = await prisma.project.create({ data: { name: tag } });
  const experimentIds: string[] = [];
  for (let e = 0; e < experiments; e++) {
    const algorithm = SEED_ALGORITHMS[e % SEED_ALGORITHMS.length]!;
    const spec = { name: `${tag}-${e}`, algorithm, task: 'multitask', hyper: {} };
    const experiment = await prisma.experiment.create({ data: { projectId: project.id, name: spec.name, algorithm, task: spec.task, spec } });
    experimentIds.push(experiment.id);
  }
  const n = opts.runs;
  await prisma.$executeRawUnsafe(
    `insert into run (id, experiment_id, index, status, seed, spec, final, tags, created_at, updated_at, started_at, finished_at)
     select 'seed' || $4 || '-' || i, ($1::text[])[1 + i % $2], i / $2,
            (array['finished','finished','failed','running','queued','cancelled'])[1 + i % 6]::"RunStatus",
            i % 5,
            jsonb_build_object('name', 'seeded', 'hyper', jsonb_build_object('lr', 0.001 * (1 + i % 4), 'experts', 2 + i % 3)),
            case when i % 6 in (0, 1) then jsonb_build_object('test/auc', ((i::bigint * 7919) % $3)::float8 / $3,
                                                              'test/loss', 1 - ((i::bigint * 7919) % $3)::float8 / $3) end,
            array[case when i % 2 = 0 then 'even' else 'odd' end],
            now() - make_interval(secs => $3 - i), now(), now() - make_interval(secs => $3 - i), now()
     from generate_series(0, $3 - 1) as i`,
    experimentIds,
    experiments,
    n,
    randomBytes(3).toString('hex'),
  );
  return { projectId: project.id, experimentIds };
}
