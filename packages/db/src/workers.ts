import type { PrismaClient, RunStatus } from './generated/prisma/client.ts';

export interface WorkerInfo {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
}

// Every time here is the database's clock (now()), like the runs' heartbeats: workers on machines
// whose clocks disagree still look alive or lost correctly to every dashboard.

/** Records a worker as started and alive; a restart under the same id clears stoppedAt. */
export async function registerWorker(prisma: PrismaClient, worker: WorkerInfo): Promise<void> {
  await prisma.$executeRawUnsafe(
    `insert into worker (id, host, pid, concurrency, started_at, heartbeat_at) values ($1, $2, $3, $4, now(), now())
     on conflict (id) do update set host = excluded.host, pid = excluded.pid, concurrency = excluded.concurrency,
       started_at = now(), heartbeat_at = now(), stopped_at = null`,
    worker.id,
    worker.host,
    worker.pid,
    worker.concurrency,
  );
}

/** A worker's periodic sign of life. */
export async function touchWorker(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.$executeRawUnsafe('update worker set heartbeat_at = now() where id = $1', id);
}

/** A clean shutdown. */
export async function markWorkerStopped(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.$executeRawUnsafe('update worker set stopped_at = now() where id = $1', id);
}

export type WorkerState = 'alive' | 'stopped' | 'lost';

export interface WorkerView extends WorkerInfo {
  startedAt: Date;
  heartbeatAt: Date;
  stoppedAt: Date | null;
  /** alive: heartbeat within staleAfterMs; lost: silent without a clean stop (killed or crashed). */
  state: WorkerState;
  running: { id: string; experimentId: string; experimentName: string; index: number; progress: number; progressLabel: string | null }[];
  /** The run it ended most recently, so a worker that went idle between two polls still shows its work. */
  lastRun: { id: string; experimentName: string; index: number; status: RunStatus; finishedAt: Date | null } | null;
}

/**
 * The workers for a queue view, alive ones first, with the runs each is running and the run each
 * ended last. Workers that
 * stopped or went silent more than a day ago are left out.
 */
export async function listWorkers(prisma: PrismaClient, opts: { staleAfterMs: number; now?: Date }): Promise<WorkerView[]> {
  const now = opts.now ?? (await prisma.$queryRawUnsafe<{ now: Date }[]>('select now() as now'))[0]!.now;
  const since = new Date(now.getTime() - 86_400_000);
  const [workers, running, ended] = await Promise.all([
    prisma.worker.findMany({ where: { heartbeatAt: { gte: since } }, orderBy: { heartbeatAt: 'desc' } }),
    prisma.run.findMany({
      where: { status: 'running', workerId: { not: null } },
      orderBy: { startedAt: 'asc' },
      select: { id: true, workerId: true, experimentId: true, index: true, progress: true, progressLabel: true, experiment: { select: { name: true } } },
    }),
    prisma.run.findMany({
      where: { status: { in: ['finished', 'failed', 'cancelled'] }, workerId: { not: null }, finishedAt: { gte: since } },
      orderBy: { finishedAt: 'desc' },
      distinct: ['workerId'],
      select: { id: true, workerId: true, index: true, status: true, finishedAt: true, experiment: { select: { name: true } } },
    }),
  ]);
  const views = workers.map((worker): WorkerView => {
    const silentFor = now.getTime() - worker.heartbeatAt.getTime();
    const state: WorkerState = worker.stoppedAt ? 'stopped' : silentFor > opts.staleAfterMs ? 'lost' : 'alive';
    return {
      ...worker,
      state,
      running: running
        .filter((run) => run.workerId === worker.id)
        .map(({ experiment, workerId: _workerId, ...run }) => ({ ...run, experimentName: experiment.name })),
      lastRun: lastRunOf(ended.find((run) => run.workerId === worker.id)),
    };
  });
  const rank: Record<WorkerState, number> = { alive: 0, lost: 1, stopped: 2 };
  return views.sort((a, b) => rank[a.state] - rank[b.state]);
}

function lastRunOf(
  run: { id: string; index: number; status: RunStatus; finishedAt: Date | null; experiment: { name: string } } | undefined,
): WorkerView['lastRun'] {
  return run ? { id: run.id, experimentName: run.experiment.name, index: run.index, status: run.status, finishedAt: run.finishedAt } : null;
}

/** Runs per status over the whole store. */
export async function countRunsByStatus(prisma: PrismaClient): Promise<Record<RunStatus, number>> {
  const counts: Record<RunStatus, number> = { queued: 0, running: 0, finished: 0, failed: 0, cancelled: 0 };
  const groups = await prisma.run.groupBy({ by: ['status'], _count: { _all: true } });
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}
